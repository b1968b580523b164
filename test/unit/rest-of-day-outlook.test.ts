import { describe, expect, it } from 'vitest';
import type { ErrorPath } from '../../server/domain/forecast/error-paths.ts';
import { conformalBand, mixtureBand, modelBias, modelDrift, queueChance, restOfDayOutlook, type OutlookInterval, type RestOfDayOutlook } from '../../server/domain/forecast/rest-of-day.ts';
import { serviceLevelOf, staffingQuestion } from '../../server/domain/forecast/staffing-question.ts';
import { evaluate } from '../../server/domain/erlang.ts';
import { REFORECAST_DEFAULTS } from '../../server/domain/reforecast.ts';

// Reforecast never moves (it would need 99 closed intervals): every factor is 1, so the
// scenarios are the past days' plain actual / forecast ratios.
const STILL = { ...REFORECAST_DEFAULTS, minIntervals: 99 };
const QUEUE = { slTarget: 0.8, slThresholdSeconds: 20 };
const T = Date.parse('2026-11-30T00:00:00Z');

/** The outlook, which these days (within the Erlang limits) always have. */
function outlookOf(...args: Parameters<typeof restOfDayOutlook>): RestOfDayOutlook {
  const o = restOfDayOutlook(...args);
  if (!o || 'beyondLimits' in o) throw new Error(`no outlook: ${JSON.stringify(o)}`);
  return o;
}

/** A past day forecast at 10 calls in slot 1 that got 10 x ratio calls (no handled calls: AHT ratio 1). */
function path(ratio: number, i: number): ErrorPath {
  const zeros = () => [0, 0];
  return {
    date: `2026-11-${String(i + 1).padStart(2, '0')}`,
    forecast: { calls: [0, 10], ahtSeconds: [0, 180] },
    actual: { date: '', weekday: 1, calls: [0, 10 * ratio], handled: zeros(), handleSeconds: zeros(), total: 10 * ratio },
  };
}

/** Today: slot 0 closed with 80 of 100 calls in threshold; slot 1 open, 10 calls of 180 s forecast, 3 agents. */
const today: OutlookInterval[] = [
  { slot: 0, end: T + 1_800_000, closed: true, inSl: 80, denominator: 100, forecastCalls: 0, forecastAhtSeconds: 0, actualCalls: 100, handled: 0, handleSeconds: 0, staff: 0 },
  { slot: 1, end: T + 3_600_000, closed: false, inSl: 0, denominator: 0, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 0, handled: 0, handleSeconds: 0, staff: 3 },
];

describe('conformal band', () => {
  it('takes the k-th smallest and largest with k = floor(0.1 (n + 1))', () => {
    // n = 9: k = floor(1.0) = 1, the extremes; n = 19: k = 2.
    expect(conformalBand([5, 1, 9, 3, 7, 2, 8, 4, 6])).toEqual({ low: 1, high: 9 });
    const nineteen = Array.from({ length: 19 }, (_, i) => i + 1);
    expect(conformalBand(nineteen)).toEqual({ low: 2, high: 18 });
    // n = 8: k = floor(0.9) = 0, no band.
    expect(conformalBand([1, 2, 3, 4, 5, 6, 7, 8])).toBeNull();
  });
});

// These three check the scenarios alone (the forecast's error: `forecastDayServiceLevel` and
// `forecastProbabilityMeetsTarget`); the queue's chance on top is the next describe block.
describe('rest-of-day outlook', () => {
  // Slot 1 at 180 s AHT in 1800 s: traffic = calls / 10 Erlangs. Erlang C, 80% in 20 s:
  //  5 calls, A = 0.5: N=1 SL = 1 - 0.5 e^(-0.5*20/180) = 0.527; N=2: B = 0.0769, C = 0.1,
  //    SL = 1 - 0.1 e^(-1.5*20/180) = 0.915 -> required 2. With 3 agents: B = 0.01266,
  //    C = 0.01515, SL = 1 - 0.01515 e^(-2.5*20/180) = 0.98852.
  // 10 calls, A = 1: N=2: B = 0.2, C = 1/3, SL = 1 - e^(-20/180)/3 = 0.7017; N=3: B = 0.0625,
  //    C = 0.09091, SL = 1 - 0.09091 e^(-40/180) = 0.92721 -> required 3.
  // 20 calls, A = 2: N=3: B = 0.21053, C = 0.44444, SL = 1 - 0.44444 e^(-20/180) = 0.60229;
  //    N=4: B = 0.095238, C = 0.173913, SL = 1 - 0.173913 e^(-40/180) = 0.86074 -> required 4.
  // Day SL with 3 agents = (80 + SL x calls) / (100 + calls):
  //  5 calls: (80 + 4.9426) / 105 = 0.80898; 10: (80 + 9.2721) / 110 = 0.81156; 20: (80 + 12.0459) / 120 = 0.76705.
  it('nine past days: probability of meeting target and the extremes as the band', () => {
    const paths = [0.5, 1, 1, 1, 1, 1, 1, 1, 2].map(path);
    const o = outlookOf(today, paths, QUEUE, T + 1_800_000, STILL, 1800);
    expect(o.scenarios).toBe(9);
    // 8 of 9 scenarios end at or above 80% (only the 20-call one misses).
    expect(o.forecastProbabilityMeetsTarget).toBeCloseTo(8 / 9, 10);
    expect(o.forecastDayServiceLevel.low).toBeCloseTo(0.76705, 4);
    expect(o.forecastDayServiceLevel.high).toBeCloseTo(0.81156, 4);
    expect(o.required[0]).toBeNull();
    expect(o.required[1]).toEqual({ low: 2, high: 4 });
  });

  it('nineteen past days: k = 2 cuts one day off each end', () => {
    const paths = [0.5, ...new Array(17).fill(1), 2].map(path);
    const o = outlookOf(today, paths, QUEUE, T + 1_800_000, STILL, 1800);
    expect(o.required[1]).toEqual({ low: 3, high: 3 });
    // Day SLs sorted: 0.76705 (20 calls), 0.80898 (5 calls: fewer good calls lift the morning
    // less), then 17 x 0.81156; the 2nd smallest and 2nd largest.
    expect(o.forecastDayServiceLevel.low).toBeCloseTo(0.80898, 4);
    expect(o.forecastDayServiceLevel.high).toBeCloseTo(0.81156, 4);
    expect(o.forecastProbabilityMeetsTarget).toBeCloseTo(18 / 19, 10);
  });

  it('a busier day so far is carried into each scenario through the reforecast', () => {
    // Default reforecast: two closed slots forecast at 10 each that got 20 each give a volume
    // ratio of 2 with credibility 40 / (40 + 100) = 2/7, so the factor is 1 + 2/7 = 1.2857.
    // A past day that ran exactly to forecast gets factor 1 and slot ratio 1, so today's
    // 10-call forecast becomes 12.857 calls: traffic 1.2857 E; with 3 agents Erlang C gives
    // B(3, 1.2857) = 0.1043, C = 3B / (3 - A(1 - B)) = 0.3130 / 1.8482 = 0.16934,
    // SL = 1 - 0.16934 e^(-(3 - 1.2857) 20/180) = 1 - 0.16934 x 0.82694 = 0.85997.
    const closedSlot = (slot: number): OutlookInterval => ({ slot, end: T + (slot + 1) * 1_800_000, closed: true, inSl: 16, denominator: 20, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 20, handled: 0, handleSeconds: 0, staff: 3 });
    const open: OutlookInterval = { slot: 2, end: T + 3 * 1_800_000, closed: false, inSl: 0, denominator: 0, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 0, handled: 0, handleSeconds: 0, staff: 3 };
    const onPlan: ErrorPath = { date: 'x', forecast: { calls: [10, 10, 10], ahtSeconds: [180, 180, 180] }, actual: { date: 'x', weekday: 1, calls: [10, 10, 10], handled: [0, 0, 0], handleSeconds: [0, 0, 0], total: 30 } };
    const o = outlookOf([closedSlot(0), closedSlot(1), open], new Array(9).fill(onPlan), QUEUE, T + 2 * 1_800_000, REFORECAST_DEFAULTS, 1800);
    // Day: (32 + 0.85997 x 12.857) / (40 + 12.857) = 43.057 / 52.857 = 0.81459.
    expect(o.forecastDayServiceLevel.low).toBeCloseTo(0.81459, 3);
    expect(o.forecastProbabilityMeetsTarget).toBe(1);
  });
});

describe("today's model error", () => {
  it('scales the misses Erlang expects by the misses the day had so far, by credibility', () => {
    // 10 calls of 180 s in 1800 s on 2 agents: A = 1, Erlang C SL = 1 - (1/3) e^(-20/180) = 0.70172,
    // so it expects 2.9828 of the 10 to miss; 1 missed. Credibility 10 / (10 + 30) = 0.25:
    // factor = 1 + 0.25 x (1 / 2.9828 - 1) = 0.83381.
    const q = staffingQuestion(QUEUE, 1800);
    const answer = (calls: number, aht: number, staff: number) => ({ sl: evaluate(q(calls, aht), staff).serviceLevel ?? 0 });
    const closed: OutlookInterval = { slot: 0, end: T, closed: true, inSl: 9, denominator: 10, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 10, handled: 10, handleSeconds: 1800, staff: 2 };
    expect(modelBias([closed], answer)).toBeCloseTo(0.83381, 4);
    // Nothing closed with staff and calls: no correction.
    expect(modelBias([{ ...closed, staff: 0 }], answer)).toBe(1);
  });

  it('leaves out a closed interval beyond the Erlang limits: Erlang expected nothing of it', () => {
    // 100,000 calls handled in 86,400 s each are 4,800,000 Erlangs: no service level, so the
    // factor stays the 0.83381 of the interval above. Counted (SL 0 on 2 agents, all missed) it
    // would be 1 + (100,010 / (100,010 + 30)) x (100,001 / 100,002.98 - 1) = 0.99998.
    const q = staffingQuestion(QUEUE, 1800);
    const answer = (calls: number, aht: number, staff: number) => ({ sl: serviceLevelOf(QUEUE, q(calls, aht), staff) });
    const closed: OutlookInterval = { slot: 0, end: T, closed: true, inSl: 9, denominator: 10, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 10, handled: 10, handleSeconds: 1800, staff: 2 };
    const huge: OutlookInterval = { ...closed, slot: 1, inSl: 0, denominator: 100_000, actualCalls: 100_000, handled: 100_000, handleSeconds: 100_000 * 86_400 };
    expect(modelBias([closed, huge], answer)).toBeCloseTo(0.83381, 4);
  });
});

describe("the queue's own chance", () => {
  const q = staffingQuestion(QUEUE, 1800);
  const answer = (calls: number, aht: number, staff: number) => ({ sl: evaluate(q(calls, aht), staff).serviceLevel ?? 0 });

  it('dispersion from the closed intervals and the model factor still unknown', () => {
    // The closed interval above: Erlang SL 0.70172, bias 0.83381, so p = 1 - 0.29828 x 0.83381
    // = 0.75129; binomial variance 10 x 0.75129 x 0.24871 = 1.86853; residual 9 - 7.5129 = 1.4871,
    // squared 2.21147: Pearson phi = 2.21147 / 1.86853 = 1.18353 from m = 1 interval, blended with
    // the prior 1 of weight 4: phi = (1.18353 + 4) / 5 = 1.03671. Miss rate q = 2.9828 / 10 =
    // 0.29828; one call's variance s^2 = phi (1 - q) / q = 1.03671 x 2.35257 = 2.43891; after
    // n = 10 calls with K = 30: 2.43891 / 40 = 0.060973, plus the drift 0.15^2 = 0.0225: 0.083473.
    const closed: OutlookInterval = { slot: 0, end: T, closed: true, inSl: 9, denominator: 10, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 10, handled: 10, handleSeconds: 1800, staff: 2 };
    const c = queueChance([closed], answer, modelBias([closed], answer));
    expect(c.phi).toBeCloseTo(1.03671, 4);
    expect(c.factorVariance).toBeCloseTo(0.083473, 5);
    // Nothing closed to learn from: phi = prior 1, q = 0.2, s^2 = 4, variance 4 / 30 + 0.0225.
    const none = queueChance([], answer, 1);
    expect(none.phi).toBe(1);
    expect(none.factorVariance).toBeCloseTo(4 / 30 + 0.0225, 12);
  });

  it('widens each scenario into a normal: the band and the chance of the mixture', () => {
    // Nine past days exactly on forecast: every scenario is the 10-call one, day SL 0.81156, so the
    // scenarios alone give a band of width 0 and a chance of 1. Slot 0 had no staff: phi = 1,
    // factor variance 4 / 30 + 0.0225 = 0.155833. Open part: p = 0.92721 on 10 calls, binomial
    // variance 10 x 0.92721 x 0.07279 = 0.67491; Erlang's misses 0.72790, squared (0.52984)
    // x 0.155833 = 0.082567; SD of the day SL = sqrt(0.75748) / 110 = 0.87033 / 110 = 0.0079121.
    // k = 1 of n = 9: the 1/9 and 8/9 quantiles, z = 1.22064: 0.81156 -/+ 0.0096579 = 0.80191, 0.82122.
    // Chance: z = (0.8 - 0.81156) / 0.0079121 = -1.4611, P = Phi(1.4611) = 0.92806.
    const o = outlookOf(today, new Array(9).fill(1).map(path), QUEUE, T + 1_800_000, STILL, 1800);
    expect(o.forecastDayServiceLevel.low).toBeCloseTo(0.81156, 4);
    expect(o.forecastDayServiceLevel.high).toBeCloseTo(0.81156, 4);
    expect(o.forecastProbabilityMeetsTarget).toBe(1);
    expect(o.dispersion).toBe(1);
    expect(o.dayServiceLevel.low).toBeCloseTo(0.80191, 4);
    expect(o.dayServiceLevel.high).toBeCloseTo(0.82122, 4);
    // Nine equal normals: the middle is their mean.
    expect(o.dayServiceLevelMedian).toBeCloseTo(0.81156, 4);
    expect(o.probabilityMeetsTarget).toBeCloseTo(0.92806, 4);
  });

  it('with no variance the mixture band is the conformal band', () => {
    const values = [5, 1, 9, 3, 7, 2, 8, 4, 6].map((x) => x / 10);
    expect(mixtureBand(values, new Array(9).fill(0))).toEqual(conformalBand(values));
    // 19 values, tiny SDs: k = 2, close to the 2nd smallest and 2nd largest.
    const nineteen = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
    const b = mixtureBand(nineteen, new Array(19).fill(1e-9));
    expect(b.low).toBeCloseTo(0.1, 6);
    expect(b.high).toBeCloseTo(0.9, 6);
  });
});

describe("each past day's own model drift (past days with counts and staffing)", () => {
  // Erlang C, 10 calls of 180 s in 1800 s (A = 1) on 3 agents: C = 1/11, SL = 1 - (1/11) e^(-40/180)
  // = 1 - 0.0909091 x 0.8007374 = 0.9272057: it expects 0.727943 of 10 calls to miss.
  const q = staffingQuestion(QUEUE, 1800);
  const answer = (calls: number, aht: number, staff: number) => ({ sl: evaluate(q(calls, aht), staff).serviceLevel ?? 0 });
  const closed: OutlookInterval = { slot: 0, end: T + 1_800_000, closed: true, inSl: 9, denominator: 10, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 10, handled: 10, handleSeconds: 1800, staff: 3 };
  const open: OutlookInterval = { slot: 1, end: T + 3_600_000, closed: false, inSl: 0, denominator: 0, forecastCalls: 10, forecastAhtSeconds: 180, actualCalls: 0, handled: 0, handleSeconds: 0, staff: 3 };
  /** A past day on forecast (10 calls of 180 s in both slots, 3 agents) that missed 1 call before now and 2 after. */
  const pastDay: ErrorPath = {
    date: '2026-11-23',
    forecast: { calls: [10, 10], ahtSeconds: [180, 180] },
    actual: { date: '2026-11-23', weekday: 1, calls: [10, 10], handled: [10, 10], handleSeconds: [1800, 1800], total: 20, service: { inSl: [9, 8], denominator: [10, 10], staff: [3, 3] } },
  };

  it("is the open part's factor over the closed part's, the open one shrunk toward the closed one", () => {
    // Before now: 1 miss of 0.727943 expected, ratio 1.373734, credibility 10 / 40: 1 + 0.25 x 0.373734 = 1.0934335.
    // After: 2 / 0.727943 = 2.747468, shrunk toward 1.0934335 by 0.25: 1.0934335 + 0.25 x 1.654035 = 1.5069421.
    expect(modelDrift(pastDay, [closed, open], answer)).toBeCloseTo(1.5069421 / 1.0934335, 4);
    // A day without counts and staffing says nothing: 1.
    expect(modelDrift({ ...pastDay, actual: { ...pastDay.actual, service: undefined } }, [closed, open], answer)).toBe(1);
  });

  it("moves every scenario by its day's drift and adds no assumed variance", () => {
    // Today so far is like the past days' mornings (bias 1.0934335); the drift 1.378172 makes the
    // factor 1.5069421: p = 1 - 0.0727943 x 1.5069421 = 0.8903032, day SL = (9 + 8.903032) / 20 = 0.8951516.
    const learned = outlookOf([closed, open], new Array(9).fill(pastDay), QUEUE, T + 1_800_000, STILL, 1800);
    expect(learned.forecastDayServiceLevel.low).toBeCloseTo(0.8951516, 5);
    expect(learned.forecastDayServiceLevel.high).toBeCloseTo(0.8951516, 5);
    expect(learned.modelFactorSd).toBe(0);
    // Without the past days' counts: today's factor alone, p = 1 - 0.0727943 x 1.0934335 = 0.9204042,
    // day SL = (9 + 9.204042) / 20 = 0.9102021, and the assumed drift's variance is back.
    const bare = { ...pastDay, actual: { ...pastDay.actual, service: undefined } };
    const assumed = outlookOf([closed, open], new Array(9).fill(bare), QUEUE, T + 1_800_000, STILL, 1800);
    expect(assumed.forecastDayServiceLevel.low).toBeCloseTo(0.9102021, 5);
    expect(assumed.modelFactorSd).toBeGreaterThan(0.15);
  });
});

describe('the outlook of a chat queue', () => {
  it('counts agents, each serving its capacity of chats: Erlang sees the slots', () => {
    // 30 chats of 180 s (A = 3) need 5 slots at 80/20 (Erlang C: 4 slots give 54.4%, 5 give
    // 81.1%): 2 agents of 3 chats each. The 2 agents on the plan offer 6 slots: SL 0.92896.
    // Day: (80 + 0.92896 x 30) / (100 + 30) = 107.8688 / 130 = 0.82976.
    const chatDay: OutlookInterval[] = [today[0], { ...today[1], forecastCalls: 30, staff: 2 }];
    const onForecast: ErrorPath = { date: '2026-11-23', forecast: { calls: [0, 30], ahtSeconds: [0, 180] }, actual: { date: '2026-11-23', weekday: 1, calls: [0, 30], handled: [0, 0], handleSeconds: [0, 0], total: 30 } };
    const o = outlookOf(chatDay, new Array(9).fill(onForecast), { ...QUEUE, concurrency: 3 }, T + 1_800_000, STILL, 1800);
    expect(o.required[1]).toEqual({ low: 2, high: 2 });
    expect(o.forecastDayServiceLevel.low).toBeCloseTo(0.82976, 4);
    // Read as calls (one at a time) the same interval would need 5 agents.
    expect(outlookOf(chatDay, new Array(9).fill(onForecast), QUEUE, T + 1_800_000, STILL, 1800).required[1]).toEqual({ low: 5, high: 5 });
  });
});
