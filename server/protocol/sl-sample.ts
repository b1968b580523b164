/**
 * When a service level has too few calls behind it to be judged. Shared by the server (tile
 * colours, the TV's verdicts, alert samples) and the client (which writes the sample size beside
 * a figure that small), so the screen and the alerts draw the line at the same call.
 */
import type { SlFormula, Status } from './metrics.ts';
import { slDenominator, type SlCounts } from '../domain/service-level.ts';
import { statusHigherBetter } from './status.ts';

/**
 * Calls a service level must count (its formula's denominator) before it is coloured amber or red
 * or can breach an alert. Ten, because one call moves a figure over n calls by 100/n points and the
 * default amber band is ten points wide (amber below target, red ten points below): from ten calls
 * one call moves the tile at most one colour step, while over fewer a single slow answer turns it
 * from green to red (one call of one: 0%). Ten is also about what a small queue takes in the first
 * minutes of a 30-minute interval, so the colour is withheld for minutes, not for the interval.
 */
export const MIN_SL_CALLS = 10;

/** Whether a service level counts enough calls to be coloured and alerted on. */
export function slJudged(counts: SlCounts, formula: SlFormula): boolean {
  // The calls a service level is computed from: its formula's denominator.
  return slCallsJudged(slDenominator(counts, formula));
}

/** Whether a service level over `calls` (its formula's denominator) is judged: at least MIN_SL_CALLS. */
export function slCallsJudged(calls: number): boolean {
  return calls >= MIN_SL_CALLS;
}

/** A service level's colour: by the thresholds once it counts MIN_SL_CALLS calls, else neutral ('none'). */
export function slStatus(counts: SlCounts & { serviceLevel: number | null }, formula: SlFormula, t: { amber: number; red: number }): Status {
  return slJudged(counts, formula) ? statusHigherBetter(counts.serviceLevel, t) : 'none';
}

/** The calls behind a service level when there are some but too few to judge (the tile writes "1 call" under "0%"); else null. */
export function smallSlSample(counts: SlCounts, formula: SlFormula): number | null {
  return fewSlCalls(slDenominator(counts, formula));
}

/** `calls` (a service level's denominator) when some but fewer than MIN_SL_CALLS, else null; null for a count not sent (an older server's TV frame). */
export function fewSlCalls(calls: number | undefined): number | null {
  return calls !== undefined && calls > 0 && calls < MIN_SL_CALLS ? calls : null;
}
