/**
 * The rest-of-day outlook: how the day's service level may end and how many agents each
 * remaining interval may need, from the forecast's own past errors. Pure: no clock, no I/O.
 *
 * Method (docs/forecasting.md has a worked example): each past day j of the error history is
 * one scenario. Day j is put through the same intraday reforecast at the same time of day as
 * today (its closed slots give it a volume and AHT factor), and its remaining slots' actual /
 * reforecast ratios are laid on today's reforecast of the same slots. Each scenario's calls and
 * AHT give, per remaining interval, the agents required (Erlang A with a patience, else C) and
 * the service level of the staff on the plan; with the closed intervals' actual counts they
 * give the day's service level. The outlook is the spread of the scenarios: the share of them
 * at or above target, and the split-conformal 10th-90th percentile (k-th smallest and largest,
 * k = floor(0.1 (n + 1))). Whole-day error paths keep the errors' correlation through the day
 * (a busy morning tends to go on being busy), which independent per-interval noise would lose.
 */
import { evaluate, requiredAgentCount } from '../erlang.ts';
import { reforecastFactors, type Observed, type ReforecastParams } from '../reforecast.ts';
import type { ErrorPath } from './error-paths.ts';
import { staffingQuestion, type StaffingTargets } from './staffing-question.ts';

/** One interval of today as the outlook needs it. */
export interface OutlookInterval {
  /** Wall-clock slot (local time / interval length), to find the same slot on past days. */
  slot: number;
  /** Epoch ms of the interval end. */
  end: number;
  /** Closed: its actual counts stand; `inSl` of `denominator` calls met the threshold. */
  closed: boolean;
  inSl: number;
  denominator: number;
  /** The day's forecast for the interval (calls, AHT seconds) before any reforecast. */
  forecastCalls: number;
  forecastAhtSeconds: number;
  /** Closed intervals: what happened (calls offered, handled calls and their handle seconds). */
  actualCalls: number;
  handled: number;
  handleSeconds: number;
  /** Whole agents on the phones on the plan (scheduled + what-ifs). */
  staff: number;
}

export type OutlookQueue = StaffingTargets;

export interface OutlookBand {
  low: number;
  high: number;
}

export interface RestOfDayOutlook {
  /** Past days used as scenarios. */
  scenarios: number;
  /** Nominal coverage of the bands (0.8: 10th to 90th percentile). */
  level: number;
  /** Share of scenarios whose day service level is at or above target, 0..1. */
  probabilityMeetsTarget: number;
  /** Band of the day's service level (fractions 0..1). */
  dayServiceLevel: OutlookBand;
  /** Per interval of today (same order); null for closed intervals and those with no forecast. */
  required: (OutlookBand | null)[];
}

/** Fewer scenarios than this and there is no outlook: k = floor(0.1 (n + 1)) would be 0. */
export const MIN_SCENARIOS = 9;

/** Below this many reforecast calls in a slot, a past day's slot ratio is too noisy: its rest-of-day ratio stands in. */
const MIN_SLOT_CALLS = 1;

/**
 * The k-th smallest and k-th largest of `values` with k = floor((1 - level) / 2 x (n + 1)):
 * a band that holds a new value with probability at least `level` when they are exchangeable.
 * Null when k < 1 (too few values).
 */
export function conformalBand(values: readonly number[], level = 0.8): OutlookBand | null {
  const n = values.length;
  // The epsilon keeps 0.1 x 20 at 2: (1 - 0.8) / 2 is 0.09999... in binary.
  const k = Math.floor(((1 - level) / 2) * (n + 1) + 1e-9);
  if (k < 1) return null;
  const s = [...values].sort((a, b) => a - b);
  return { low: s[k - 1], high: s[n - k] };
}

/**
 * The outlook of today's `intervals` at `now` (epoch ms) from past days' `paths`, with the
 * intraday reforecast's `params` (the same as today's view uses) and intervals of
 * `intervalSeconds`. Null with fewer than MIN_SCENARIOS paths.
 */
export function restOfDayOutlook(intervals: readonly OutlookInterval[], paths: readonly ErrorPath[], queue: OutlookQueue, now: number, params: ReforecastParams, intervalSeconds: number, level = 0.8): RestOfDayOutlook | null {
  if (paths.length < MIN_SCENARIOS) return null;
  const input = staffingQuestion(queue, intervalSeconds);
  // Scenarios ask many alike questions; rounding to a tenth of a call and a second loses nothing an agent count shows.
  const memo = new Map<string, { required: number | null; sl: number }>();
  const answer = (calls: number, aht: number, staff: number) => {
    const c = Math.round(calls * 10) / 10;
    const h = Math.max(1, Math.round(aht));
    const key = `${c}|${h}|${staff}`;
    let a = memo.get(key);
    if (!a) {
      const q = input(c, h);
      const required = c > 0 ? requiredAgentCount(q) : 0;
      const sl = c <= 0 ? 1 : staff > 0 ? (evaluate(q, staff).serviceLevel ?? 0) : 0;
      memo.set(key, (a = { required, sl }));
    }
    return a;
  };

  const closed = intervals.filter((iv) => iv.closed);
  let closedInSl = 0;
  let closedDen = 0;
  for (const iv of closed) {
    closedInSl += iv.inSl;
    closedDen += iv.denominator;
  }
  const today = reforecastFactors(closed.filter((iv) => iv.forecastCalls > 0).map(observedOf), now, params);
  const bias = modelBias(closed, answer);

  const daySl: number[] = [];
  const required: number[][] = intervals.map(() => []);
  for (const p of paths) {
    const f = p.forecast;
    const a = p.actual;
    // Day j at the same time of day: its closed slots, timed as today's, make its reforecast.
    const seen: Observed[] = closed.flatMap((iv) =>
      f.calls[iv.slot] > 0 ? [{ end: iv.end, forecastCalls: f.calls[iv.slot], forecastAhtSeconds: f.ahtSeconds[iv.slot], actualCalls: a.calls[iv.slot], handled: a.handled[iv.slot], handleSeconds: a.handleSeconds[iv.slot] }] : [],
    );
    const fj = reforecastFactors(seen, now, params);
    let restActual = 0;
    let restForecast = 0;
    for (const iv of intervals) {
      if (iv.closed) continue;
      restActual += a.calls[iv.slot];
      restForecast += f.calls[iv.slot] * fj.volume;
    }
    const restRatio = restForecast > 0 ? restActual / restForecast : 1;
    let inSl = closedInSl;
    let den = closedDen;
    intervals.forEach((iv, i) => {
      if (iv.closed || iv.forecastCalls <= 0 || iv.forecastAhtSeconds <= 0) return;
      const expected = f.calls[iv.slot] * fj.volume;
      const callRatio = expected >= MIN_SLOT_CALLS ? a.calls[iv.slot] / expected : restRatio;
      const fAht = f.ahtSeconds[iv.slot] * fj.aht;
      const ahtRatio = a.handled[iv.slot] > 0 && fAht > 0 ? a.handleSeconds[iv.slot] / a.handled[iv.slot] / fAht : 1;
      const calls = iv.forecastCalls * today.volume * callRatio;
      const aht = iv.forecastAhtSeconds * today.aht * ahtRatio;
      const r = answer(calls, aht, iv.staff);
      // Beyond any count (null) sorts above every number: the band's top says "more than we can compute".
      required[i].push(r.required ?? Infinity);
      inSl += Math.max(0, 1 - (1 - r.sl) * bias) * calls;
      den += calls;
    });
    daySl.push(den > 0 ? inSl / den : 1);
  }
  const dayBand = conformalBand(daySl, level)!;
  return {
    scenarios: paths.length,
    level,
    probabilityMeetsTarget: daySl.filter((x) => x >= queue.slTarget - 1e-12).length / daySl.length,
    dayServiceLevel: dayBand,
    required: required.map((r) => (r.length ? conformalBand(r, level) : null)),
  };
}

/** Calls of closed intervals at which today's own model error gets half the weight. */
export const BIAS_CREDIBILITY_CALLS = 30;

/**
 * How far the day's closed intervals ran above (positive) or below the service level Erlang
 * gives for their actual calls, AHT and staff on the plan: (actual in-threshold calls - Erlang
 * SL x denominator) summed over closed intervals with staff and calls, over their denominator,
 * blended toward 0 by the credibility n / (n + BIAS_CREDIBILITY_CALLS). Erlang sees each queue
 * alone with a multi-skilled agent split evenly; a floor that pools its agents does better, one
 * whose rota is not kept does worse, and the day so far says which.
 */
export function modelBias(closed: readonly OutlookInterval[], answer: (calls: number, aht: number, staff: number) => { sl: number }): number {
  let missed = 0;
  let expected = 0;
  let n = 0;
  for (const iv of closed) {
    if (iv.denominator <= 0 || iv.staff <= 0 || iv.handled <= 0) continue;
    missed += iv.denominator - iv.inSl;
    expected += (1 - answer(iv.actualCalls, iv.handleSeconds / iv.handled, iv.staff).sl) * iv.denominator;
    n += iv.denominator;
  }
  if (n === 0 || expected <= 0) return 1;
  const z = n / (n + BIAS_CREDIBILITY_CALLS);
  return 1 + z * (missed / expected - 1);
}

function observedOf(iv: OutlookInterval): Observed {
  return { end: iv.end, forecastCalls: iv.forecastCalls, forecastAhtSeconds: iv.forecastAhtSeconds, actualCalls: iv.actualCalls, handled: iv.handled, handleSeconds: iv.handleSeconds };
}
