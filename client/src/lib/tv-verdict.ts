/**
 * The words under a judged TV figure. Colour alone is lost on a colour-blind viewer and on a
 * washed-out TV, so each verdict also has a mark and a word (tv-verdict-state.ts says which).
 */
import type { TvTarget, TvVerdict } from '../../../server/protocol/tv.ts';
import { num, pct } from './format.ts';
import { t } from './i18n/index.ts';
import { verdictState } from './tv-verdict-state.ts';

/** "target 80%", or "call-weighted target 84%" when the queues' targets differ; `digits` decimals of the percentage. */
export function targetText(target: TvTarget, digits = 0): string {
  const value = pct(target.value, digits);
  return target.shared ? t('tv.target', { value }) : t('tv.targetWeighted', { value });
}

/** The line under a percentage: its target with the verdict's mark and word. `better` says which way is good. */
export function verdictText(v: TvVerdict, target: TvTarget, better: 'higher' | 'lower', digits = 0): string {
  const what = targetText(target, digits);
  switch (verdictState(v)) {
    case 'none':
      return what;
    case 'missed':
      return t(better === 'higher' ? 'tv.verdict.below' : 'tv.verdict.above', { target: what });
    case 'near':
      return t('tv.verdict.near', { target: what });
    case 'met':
      return t(better === 'higher' ? 'tv.verdict.met' : 'tv.verdict.within', { target: what });
  }
}

/** The line under staff on the phones: agents needed now, and whether there are enough. */
export function staffingText(v: TvVerdict, onPhones: number, requiredNow: number | null): string {
  if (requiredNow === null) return t('tv.requiredUnknown');
  const need = Math.ceil(requiredNow);
  if (verdictState(v) === 'missed') return t('tv.short', { short: num(need - onPhones), count: num(need) });
  return t('tv.staffed', { count: num(need) });
}

/** The mark alone, beside a figure too small for words (the floor page's list of clients). */
export function verdictMark(v: TvVerdict): string {
  const state = verdictState(v);
  return state === 'met' ? '✓' : state === 'near' ? '!' : state === 'missed' ? '✗' : '';
}
