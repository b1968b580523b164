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
 *
 * Erlang's error on this floor is corrected by today's model-error factor (`modelBias`: the
 * misses so far over the misses Erlang expected). When every past day recorded its in-threshold
 * counts and logged-in agents, scenario j also carries day j's own change of that factor from
 * before now to after it (`modelDrift`), so a floor whose afternoons run unlike its mornings is
 * learned from its past, not assumed. The day's service level also has the queue's own chance
 * (which calls of a half-hour land together), so each scenario is widened into a normal of its
 * day SL: per open interval an over-dispersed binomial variance phi x calls x p (1 - p), phi from
 * today's closed intervals' Pearson residuals; and, only when the past days cannot say how the
 * factor moves, the factor's posterior variance plus an assumed drift (`queueChance`). The day
 * band is then the 10th-90th percentile of the mixture of the scenarios' normals, the chance its
 * share at or above target; with no variance both come back to the plain scenarios'
 * split-conformal figures.
 */
import { reforecastFactors, type Observed, type ReforecastParams } from '../reforecast.ts';
import type { ErrorPath } from './error-paths.ts';
import { requiredAgents, serviceLevelOf, staffingQuestion, type StaffingTargets } from './staffing-question.ts';

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
  /** Band of the day's service level (fractions 0..1), with the queue's chance and Erlang's error. */
  dayServiceLevel: OutlookBand;
  /** The middle of that distribution (its median): the day's most likely service level. */
  dayServiceLevelMedian: number;
  /** The scenarios alone (the forecast's error, and each past day's model drift when learned; without the queue's chance): their share at or above target and their band. */
  forecastProbabilityMeetsTarget: number;
  forecastDayServiceLevel: OutlookBand;
  /** Over-dispersion of an interval's in-threshold calls used (1: binomial), and the assumed model factor's SD (0 when learned from past days). */
  dispersion: number;
  modelFactorSd: number;
  /** Per interval of today (same order); null for closed intervals and those with no forecast. */
  required: (OutlookBand | null)[];
}

/**
 * No outlook, because an open interval of today or of a scenario asks Erlang a question beyond
 * its limits (ERLANG_LIMITS): that interval's service level, and so the day's, is not computed.
 */
export interface OutlookBeyondLimits {
  beyondLimits: true;
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
 * `intervalSeconds`. Null with fewer than MIN_SCENARIOS paths; `beyondLimits` when a scenario's
 * open interval is beyond the Erlang limits. Closed intervals beyond them say nothing of
 * Erlang's error and are left out of it.
 */
export function restOfDayOutlook(intervals: readonly OutlookInterval[], paths: readonly ErrorPath[], queue: OutlookQueue, now: number, params: ReforecastParams, intervalSeconds: number, level = 0.8): RestOfDayOutlook | OutlookBeyondLimits | null {
  if (paths.length < MIN_SCENARIOS) return null;
  const input = staffingQuestion(queue, intervalSeconds);
  // Scenarios ask many alike questions; rounding to a tenth of a call and a second loses nothing an agent count shows.
  const memo = new Map<string, { required: number | null; sl: number | null }>();
  const answer = (calls: number, aht: number, staff: number) => {
    const c = Math.round(calls * 10) / 10;
    const h = Math.max(1, Math.round(aht));
    const key = `${c}|${h}|${staff}`;
    let a = memo.get(key);
    if (!a) {
      const q = input(c, h);
      // A chat queue's agents serve several chats at once: Erlang counts slots, the outlook agents.
      const required = c > 0 ? requiredAgents(queue, q) : 0;
      const sl = c <= 0 ? 1 : serviceLevelOf(queue, q, staff);
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
  // With every past day's counts and staffing, each scenario carries its own day's change of
  // model error from before now to after it (`modelDrift`): the spread of those changes is the
  // factor's uncertainty, measured, and no assumed variance is added on top. Without them, one
  // assumed drift for all (`queueChance`).
  const learned = paths.every((p) => p.actual.service);
  const chance = queueChance(closed, answer, bias);
  const factorVariance = learned ? 0 : chance.factorVariance;

  const daySl: number[] = [];
  const daySd: number[] = [];
  const required: number[][] = intervals.map(() => []);
  let beyondLimits = false;
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
    const factor = learned ? bias * modelDrift(p, intervals, answer) : bias;
    let inSl = closedInSl;
    let den = closedDen;
    let binomial = 0;
    let erlangMisses = 0;
    intervals.forEach((iv, i) => {
      if (iv.closed || iv.forecastCalls <= 0 || iv.forecastAhtSeconds <= 0) return;
      const expected = f.calls[iv.slot] * fj.volume;
      const callRatio = expected >= MIN_SLOT_CALLS ? a.calls[iv.slot] / expected : restRatio;
      const fAht = f.ahtSeconds[iv.slot] * fj.aht;
      const ahtRatio = a.handled[iv.slot] > 0 && fAht > 0 ? a.handleSeconds[iv.slot] / a.handled[iv.slot] / fAht : 1;
      const calls = iv.forecastCalls * today.volume * callRatio;
      const aht = iv.forecastAhtSeconds * today.aht * ahtRatio;
      const r = answer(calls, aht, iv.staff);
      if (r.sl === null) {
        beyondLimits = true;
        return;
      }
      // Beyond any count (null) sorts above every number: the band's top says "more than we can compute".
      required[i].push(r.required ?? Infinity);
      const p = Math.min(1, Math.max(0, 1 - (1 - r.sl) * factor));
      inSl += p * calls;
      den += calls;
      binomial += calls * p * (1 - p);
      erlangMisses += (1 - r.sl) * calls;
    });
    if (beyondLimits) return { beyondLimits: true };
    daySl.push(den > 0 ? inSl / den : 1);
    daySd.push(den > 0 ? Math.sqrt(chance.phi * binomial + factorVariance * erlangMisses * erlangMisses) / den : 0);
  }
  const target = queue.slTarget - 1e-12;
  return {
    scenarios: paths.length,
    level,
    probabilityMeetsTarget: daySl.reduce((t, m, k) => t + upperTail(target, m, daySd[k]), 0) / daySl.length,
    dayServiceLevel: mixtureBand(daySl, daySd, level),
    dayServiceLevelMedian: mixtureQuantile(daySl, daySd, 0.5, false),
    forecastProbabilityMeetsTarget: daySl.filter((x) => x >= target).length / daySl.length,
    forecastDayServiceLevel: conformalBand(daySl, level)!,
    dispersion: chance.phi,
    modelFactorSd: Math.sqrt(factorVariance),
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
export function modelBias(closed: readonly OutlookInterval[], answer: Answer, prior = 1): number {
  const m = misses(closed, answer);
  if (m.n === 0 || m.expected <= 0) return prior;
  const z = m.n / (m.n + BIAS_CREDIBILITY_CALLS);
  return prior + z * (m.missed / m.expected - prior);
}

/** Erlang's service level of calls, AHT (seconds) and whole agents; null beyond its limits. */
type Answer = (calls: number, aht: number, staff: number) => { sl: number | null };

/** Missed calls (denominator - in threshold), the misses Erlang expected, and the denominator, over intervals with staff, calls and handled calls within the Erlang limits. */
function misses(intervals: readonly OutlookInterval[], answer: Answer): { missed: number; expected: number; n: number } {
  let missed = 0;
  let expected = 0;
  let n = 0;
  for (const iv of intervals) {
    if (iv.denominator <= 0 || iv.staff <= 0 || iv.handled <= 0) continue;
    const sl = answer(iv.actualCalls, iv.handleSeconds / iv.handled, iv.staff).sl;
    if (sl === null) continue;
    missed += iv.denominator - iv.inSl;
    expected += (1 - sl) * iv.denominator;
    n += iv.denominator;
  }
  return { missed, expected, n };
}

/**
 * How past day `path`'s model-error factor moved from today's closed slots to its open ones:
 * `modelBias` of its open slots over `modelBias` of its closed slots, each from the day's own
 * calls, AHT, in-threshold counts and logged-in agents. A floor whose afternoon pools its agents
 * better than its morning (or worse) shows it here, day after day, and the spread of these
 * ratios over the scenarios is the drift's spread, measured instead of assumed. 1 when the day
 * has no counts.
 */
export function modelDrift(path: ErrorPath, today: readonly OutlookInterval[], answer: Answer): number {
  const s = path.actual.service;
  if (!s) return 1;
  const a = path.actual;
  const asIntervals = (closed: boolean) =>
    today.filter((iv) => iv.closed === closed).map((iv): OutlookInterval => ({ ...iv, closed: true, inSl: s.inSl[iv.slot], denominator: s.denominator[iv.slot], actualCalls: a.calls[iv.slot], handled: a.handled[iv.slot], handleSeconds: a.handleSeconds[iv.slot], staff: Math.round(s.staff[iv.slot]) }));
  const before = modelBias(asIntervals(true), answer);
  // The open part's own factor, shrunk toward the morning's (no drift) by its credibility.
  return modelBias(asIntervals(false), answer, before) / before;
}

/**
 * SD of the model-error factor's drift between the day so far and the rest of it, which no
 * number of closed calls removes (the floor's pooling changes as other queues' load does).
 * Chosen on the backtest (docs/forecasting.md, Calibration: 0, 0.12, 0.15 and 0.25 tried).
 */
export const MODEL_FACTOR_DRIFT = 0.15;

/** Prior over-dispersion of an interval's in-threshold calls (binomial) and its weight in intervals. */
export const PRIOR_DISPERSION = 1;
export const DISPERSION_PRIOR_INTERVALS = 4;

/**
 * The queue's own chance, from today's closed intervals (those with staff, calls and handled
 * calls, as in `modelBias`), each with p = 1 - (1 - Erlang SL) x bias:
 * - phi, the over-dispersion of an interval's in-threshold calls: Pearson's
 *   sum (inSl - p d)^2 / sum p (1 - p) d over m intervals, blended with PRIOR_DISPERSION
 *   by weight m / (m + DISPERSION_PRIOR_INTERVALS). An interval's in-threshold count varies
 *   more than a binomial one: its calls wait in the same queue.
 * - factorVariance, the variance of the model-error factor (bias) still unknown after n closed
 *   calls. `modelBias` is a Buehlmann credibility estimate with K = BIAS_CREDIBILITY_CALLS:
 *   K = s^2 / tau^2, with s^2 one call's variance of its miss / expected miss ratio,
 *   phi (1 - q) / q for a miss rate q, and tau^2 the factor's variance between days; the
 *   estimate's posterior variance is (1 - z) tau^2 = s^2 / (n + K). q = the misses Erlang
 *   expected of the closed calls over n (0.2 with none, at least 0.01). Plus MODEL_FACTOR_DRIFT^2:
 *   the factor of the rest of the day is not quite the morning's.
 * The open part of a scenario then has variance phi sum c p (1 - p) + factorVariance (sum c (1 - SL))^2.
 */
export function queueChance(closed: readonly OutlookInterval[], answer: Answer, bias: number): { phi: number; factorVariance: number } {
  let pearson = 0;
  let variance = 0;
  let m = 0;
  let n = 0;
  let expected = 0;
  for (const iv of closed) {
    if (iv.denominator <= 0 || iv.staff <= 0 || iv.handled <= 0) continue;
    const sl = answer(iv.actualCalls, iv.handleSeconds / iv.handled, iv.staff).sl;
    if (sl === null) continue;
    n += iv.denominator;
    expected += (1 - sl) * iv.denominator;
    const p = Math.min(1, Math.max(0, 1 - (1 - sl) * bias));
    const v = iv.denominator * p * (1 - p);
    if (v <= 0) continue;
    pearson += (iv.inSl - p * iv.denominator) ** 2;
    variance += v;
    m++;
  }
  const phiHat = variance > 0 ? pearson / variance : PRIOR_DISPERSION;
  const phi = (m * phiHat + DISPERSION_PRIOR_INTERVALS * PRIOR_DISPERSION) / (m + DISPERSION_PRIOR_INTERVALS);
  const q = Math.max(0.01, n > 0 ? expected / n : 0.2);
  return { phi, factorVariance: (phi * (1 - q)) / q / (n + BIAS_CREDIBILITY_CALLS) + MODEL_FACTOR_DRIFT ** 2 };
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** P(X >= x) for X normal with mean `mean` and SD `sd` (sd 0: a point). */
function upperTail(x: number, mean: number, sd: number): number {
  if (sd <= 0) return mean >= x ? 1 : 0;
  return 1 - normalCdf((x - mean) / sd);
}

/**
 * The band of an equal mixture of normals N(means[k], sds[k]^2): from the k-th smallest to the
 * k-th largest quantile, k / n with k = floor((1 - level) / 2 x (n + 1)) as in `conformalBand`,
 * so that with every SD 0 it is the conformal band itself. Clamped to 0..1 (service levels).
 */
export function mixtureBand(means: readonly number[], sds: readonly number[], level = 0.8): OutlookBand {
  const n = means.length;
  if (sds.every((s) => s <= 0)) return conformalBand(means, level)!;
  const k = Math.max(1, Math.floor(((1 - level) / 2) * (n + 1) + 1e-9));
  return { low: mixtureQuantile(means, sds, k / n, false), high: mixtureQuantile(means, sds, 1 - k / n, true) };
}

/**
 * The p-quantile of an equal mixture of normals N(means[k], sds[k]^2) (an SD of 0 is a point),
 * by bisection, clamped to 0..1: the smallest x with F(x) >= p, or with `upper` the largest x
 * with F(x) <= p (the two differ only where F is flat, between points).
 */
export function mixtureQuantile(means: readonly number[], sds: readonly number[], p: number, upper: boolean): number {
  const n = means.length;
  const cdf = (x: number) => means.reduce((t, m, i) => t + (sds[i] > 0 ? normalCdf((x - m) / sds[i]) : x >= m ? 1 : 0), 0) / n;
  let a = Math.min(...means.map((m, i) => m - 10 * sds[i])) - 1e-9;
  let b = Math.max(...means.map((m, i) => m + 10 * sds[i])) + 1e-9;
  for (let it = 0; it < 100; it++) {
    const mid = (a + b) / 2;
    const c = cdf(mid);
    if (upper ? c <= p + 1e-12 : c < p - 1e-12) a = mid;
    else b = mid;
  }
  return Math.min(1, Math.max(0, upper ? a : b));
}

function observedOf(iv: OutlookInterval): Observed {
  return { end: iv.end, forecastCalls: iv.forecastCalls, forecastAhtSeconds: iv.forecastAhtSeconds, actualCalls: iv.actualCalls, handled: iv.handled, handleSeconds: iv.handleSeconds };
}
