/**
 * How a TV figure stands against its target, for its words and its colour: met, close (met, but
 * past the wallboard's amber line, as an abandon rate of 6% against a 7% limit), or missed.
 */
import type { Status } from '../../../server/protocol/metrics.ts';
import { statusLowerBetter } from '../../../server/protocol/status.ts';
import type { TvVerdict } from '../../../server/protocol/tv.ts';

/** How a figure stands against its target; `none` when there is nothing to judge yet. */
export type VerdictState = 'met' | 'near' | 'missed' | 'none';

/** The state of a verdict, for the words and for tests (`data-state`). */
export function verdictState(v: TvVerdict): VerdictState {
  if (v.met === null) return 'none';
  if (!v.met) return 'missed';
  return v.status === 'ok' ? 'met' : 'near';
}

/** The colour class of a big figure: its status, but none when there is nothing to judge (the number stays white, not grey). */
export function figureClass(v: TvVerdict): string {
  return v.status === 'none' ? '' : v.status;
}

/**
 * The longest wait as the screen shows it, in whole seconds, judged on those seconds: a call that
 * has waited 60.4 s against a 60 s limit reads "1 min", so it is not yet "over 1 min".
 */
export function longestWaitShown(oldestWaitingSince: number | null, now: number, limits: { amber: number; red: number } | null): { seconds: number | null; status: Status } {
  const seconds = oldestWaitingSince === null ? null : Math.floor(Math.max(0, now - oldestWaitingSince) / 1000);
  return { seconds, status: limits ? statusLowerBetter(seconds, limits) : 'none' };
}
