/**
 * The words under a judged TV figure. Colour alone is lost on a colour-blind viewer and on a
 * washed-out TV, so each verdict also has a mark and a word (tv-verdict-state.ts says which).
 * The mark is kept apart from the words, so the screen can give ✓, ! and ✗ one width.
 */
import type { Ratio, Status } from '../../../server/protocol/metrics.ts';
import type { TvTarget, TvVerdict } from '../../../server/protocol/tv.ts';
import { num, pct, secs, span } from './format.ts';
import { t } from './i18n/index.ts';
import { shownPair } from './tv-pair.ts';
import { verdictState, type VerdictState } from './tv-verdict-state.ts';

/** A verdict as shown: its mark ('' when there is nothing to judge) and its words. */
export interface Said {
  mark: string;
  words: string;
}

/** A judged percentage as shown: the big figure, and the mark and words under it. */
export interface JudgedPercent extends Said {
  figure: string;
  /** The target as the words write it: a ratio rounded to `digits` decimals of its percentage. */
  target: number;
  /** Decimals of the percentages (tv-pair.ts). */
  digits: number;
}

/** "target 80%", or "call-weighted target 84%" when the queues' targets differ; `digits` decimals of the percentage. */
function targetText(target: TvTarget, value: number, digits: number): string {
  const shown = pct(value, digits);
  return target.shared ? t('tv.target', { value: shown }) : t('tv.targetWeighted', { value: shown });
}

/**
 * A percentage beside its target with the verdict's mark and word; `better` says which way is
 * good, `digits` the usual decimals. Both are shown as tv-pair.ts says, so they never read equal
 * beside a ✗.
 */
export function judgedPercent(figure: Ratio, target: TvTarget, v: TvVerdict, better: 'higher' | 'lower', digits = 0): JudgedPercent {
  const state = verdictState(v);
  const shown = shownPair(figure, target.value, state, better, digits);
  const what = targetText(target, shown.target, shown.digits);
  const words =
    state === 'none'
      ? what
      : state === 'missed'
        ? t(better === 'higher' ? 'tv.verdict.below' : 'tv.verdict.above', { target: what })
        : state === 'near'
          ? t('tv.verdict.near', { target: what })
          : t(better === 'higher' ? 'tv.verdict.met' : 'tv.verdict.within', { target: what });
  return { figure: pct(shown.figure, shown.digits), mark: verdictMark(v), words, target: shown.target, digits: shown.digits };
}

/**
 * The label of the chart's target line (`value` 0..1, the latest interval's target of the
 * interval figure `target`), written as the verdict `judged` of that figure writes its target:
 * the same words when it is the same target, else at the verdict's decimals. It once had a decimal
 * of its own (77.5%) beside a verdict of whole percents (78%): one target, two numbers on one screen.
 */
export function targetLineText(target: TvTarget, value: number, judged: JudgedPercent): string {
  return targetText(target, value === target.value ? judged.target : value, judged.digits);
}

/** The line under staff on the phones: agents needed now, and whether there are enough. */
export function staffingSaid(v: TvVerdict, onPhones: number, requiredNow: number | null): Said {
  if (requiredNow === null) return { mark: '', words: t('tv.requiredUnknown') };
  const need = Math.ceil(requiredNow);
  if (verdictState(v) === 'missed') return { mark: verdictMark(v), words: t('tv.short', { short: num(need - onPhones), count: num(need) }) };
  return { mark: verdictMark(v), words: t('tv.staffed', { count: num(need) }) };
}

const MARK: Record<VerdictState, string> = { met: '✓', near: '!', missed: '✗', none: '' };

/** The mark of a verdict: ✓ met, ! close, ✗ missed, '' with nothing to judge. */
function verdictMark(v: TvVerdict): string {
  return MARK[verdictState(v)];
}

/** The line under calls waiting: the longest wait, and past the amber line the limit, with ✗: colour is not the only cue. */
export function longestWaitSaid(seconds: number | null, status: Status, limit: number | null): Said {
  const wait = seconds === null ? secs(null) : seconds < 60 ? secs(seconds) : span(seconds);
  if ((status === 'amber' || status === 'red') && limit !== null) return { mark: MARK.missed, words: t('tv.longestWaitOver', { wait, limit: span(limit) }) };
  return { mark: '', words: t('tv.longestWait', { wait }) };
}
