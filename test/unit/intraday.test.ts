import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { erlangATermsSummed, erlangC } from '../../server/domain/erlang.ts';
import { Plan } from '../../server/domain/plan.ts';
import { REFORECAST_DEFAULTS } from '../../server/domain/reforecast.ts';
import { intradayCsv, intradayView } from '../../server/views/intraday.ts';
import { normalCdf } from '../../server/domain/forecast/rest-of-day.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';

/**
 * q1 is forecast 100 calls of 180 s in the 14:00 interval (10 Erlangs: 14 agents for 80% in
 * 20 s, as in the Call Centre Helper example) and has 12 agents scheduled for it.
 */
function setup() {
  const agents = Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, tenant: 'default', queues: ['q1'] }));
  const engine = new Engine({ timezone: 'Asia/Taipei', queues: [{ id: 'q1', tenant: 'default' }], agents });
  engine.tick(taipei('13:10:00'));
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  plan.setForecast('default', 'q1', day.start, day.end, new Map([[taipei('14:00:00'), { calls: 100, ahtSeconds: 180 }]]));
  plan.setSchedules('default', day.start, day.end, agents.map((a) => ({ agentId: a.id, start: taipei('13:00:00'), end: taipei('16:00:00'), activity: 'phone' })));
  const view = () => intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS);
  return { engine, plan, day, view };
}

describe('intraday staffing view', () => {
  it('puts required, scheduled, net and the projected service level on each interval', () => {
    const { view } = setup();
    const row = view().rows[28]; // 14:00
    expect(row).toMatchObject({ start: '2026-11-20T14:00:00+08:00', closed: false, forecastCalls: 100, reforecastCalls: 100, requiredAgents: 14, scheduledAgents: 12, netAgents: -2, model: 'C' });
    expect(row.projectedServiceLevel).toBeCloseTo(erlangC({ trafficErlangs: 10, agents: 12, ahtSeconds: 180, targetSeconds: 20 }).serviceLevel!, 12);
    expect(row.projectedServiceLevel).toBeCloseTo(0.640, 3);
  });

  it('moves the projection with a what-if and never touches actuals', () => {
    const { plan, day, view } = setup();
    const before = view();
    plan.addWhatIf({ tenant: 'default', queueId: 'q1', date: day.date, from: taipei('14:00:00'), to: taipei('15:00:00'), agents: 2, label: 'overtime', createdBy: 'test' });
    const after = view();
    expect(after.rows[28]).toMatchObject({ whatIfAgents: 2, netAgents: 0 });
    expect(after.rows[28].projectedServiceLevel).toBeCloseTo(0.888, 3);
    expect(after.rows[30].whatIfAgents).toBe(0); // 15:00 is outside the what-if
    expect(after.rows.map((r) => r.actualCalls)).toEqual(before.rows.map((r) => r.actualCalls));
    expect(after.dayProjectedServiceLevel!).toBeGreaterThan(before.dayProjectedServiceLevel!);
  });
});

describe("intraday view's rest-of-day outlook", () => {
  it('lays nine past days on forecast over the plan: the chance, the most likely day SL, the band and the required staff', () => {
    const { engine, plan, day } = setup();
    // Nine past days, each forecast at 100 calls of 180 s at 14:00 that got exactly that.
    const slot = 28;
    const calls = new Array(48).fill(0);
    calls[slot] = 100;
    const aht = new Array(48).fill(0);
    aht[slot] = 180;
    const paths = Array.from({ length: 9 }, (_, i) => ({ date: `2026-11-0${i + 1}`, forecast: { calls, ahtSeconds: aht }, actual: { date: `2026-11-0${i + 1}`, weekday: 1, calls, handled: new Array(48).fill(0), handleSeconds: new Array(48).fill(0), total: 100 } }));
    const history = Object.assign(() => null, { errorPaths: () => paths });
    const v = intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS, history);
    // Every scenario: 100 calls on the 12 scheduled agents, Erlang C SL p = 0.640 (above), the
    // only calls of the day. Nothing closed with staff: phi = 1, factor variance 4/30 + 0.15^2
    // = 0.155833. Variance 100 p (1 - p) + 0.155833 (100 (1 - p))^2, SD over 100 calls.
    const p = erlangC({ trafficErlangs: 10, agents: 12, ahtSeconds: 180, targetSeconds: 20 }).serviceLevel!;
    const sd = Math.sqrt(100 * p * (1 - p) + (4 / 30 + 0.0225) * (100 * (1 - p)) ** 2) / 100;
    expect(sd).toBeCloseTo(0.15, 2);
    const o = v.outlook!;
    expect(o.scenarios).toBe(9);
    expect(o.dayServiceLevelMedian).toBeCloseTo(p, 4);
    // k = 1 of 9: the 1/9 and 8/9 quantiles of one normal, z = 1.22064.
    expect(o.dayServiceLevelLow).toBeCloseTo(p - 1.22064 * sd, 3);
    expect(o.dayServiceLevelHigh).toBeCloseTo(p + 1.22064 * sd, 3);
    // P(SL >= 0.8) = 1 - Phi((0.8 - p) / sd).
    expect(o.probabilityMeetsTarget).toBeCloseTo(1 - normalCdf((0.8 - p) / sd), 3);
    // 10 Erlangs need 14 agents in every scenario.
    expect(v.rows[slot]).toMatchObject({ requiredLow: 14, requiredHigh: 14 });
    expect(v.outlookPending).toBe(false);
    // While the error paths are still being read: no outlook yet, and the view says it is coming.
    const reading = intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS, Object.assign(() => null, { errorPaths: () => null }));
    expect([reading.outlook, reading.outlookPending]).toEqual([null, true]);
    // Without history there is nothing to wait for.
    expect(intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS).outlookPending).toBe(false);
  });
});

describe('intraday projection of intervals with no calls', () => {
  /*
   * Two agents scheduled 14:00-15:30 on q1 (20 s threshold), the clock at 13:10, forecasts:
   *   14:00  10 calls of 180 s: A = 10 x 180 / 1800 = 1 Erlang on N = 2. Erlang B(1, 2) = 0.5 / 2.5
   *          = 0.2; C = 2 x 0.2 / (2 - 1 x 0.8) = 1/3; SL = 1 - (1/3) e^(-(2 - 1) 20 / 180)
   *          = 1 - 0.298280 = 0.701720.
   *   14:30   0 calls: nothing to project.
   *   15:00  20 calls of 90 s: A = 1 again; SL = 1 - (1/3) e^(-20 / 90) = 1 - 0.266912 = 0.733088.
   * and 12:00 (closed, no forecast) got 4 calls answered after 10, 15, 20 and 30 s: 3 of 4 in SL.
   * Day = (3 + 10 x 0.701720 + 20 x 0.733088) / (4 + 10 + 20) = 24.678953 / 34 = 0.725852.
   */
  function quietDay() {
    const agents = [{ id: 'a0', tenant: 'default', queues: ['q1'] }, { id: 'a1', tenant: 'default', queues: ['q1'] }];
    const waits = [10, 15, 20, 30];
    const events = [
      ev('agent.login', '11:59:00', { agentId: 'x', queues: ['q1'] }),
      ...waits.flatMap((w, i) => [
        ev('call.queued', '12:00:00', { callId: `c${i}`, queueId: 'q1' }),
        ev('call.answered', `12:00:${w}`, { callId: `c${i}`, queueId: 'q1', agentId: 'x' }),
        ev('call.ended', `12:01:${w}`, { callId: `c${i}`, agentId: 'x' }),
      ]),
    ];
    const engine = engineWith(events, { queues: [{ id: 'q1', tenant: 'default' }], agents });
    engine.tick(taipei('13:10:00'));
    const plan = new Plan();
    const day = engine.clock.dayOfDate('2026-11-20')!;
    plan.setForecast('default', 'q1', day.start, day.end, new Map([
      [taipei('14:00:00'), { calls: 10, ahtSeconds: 180 }],
      [taipei('14:30:00'), { calls: 0, ahtSeconds: 180 }],
      [taipei('15:00:00'), { calls: 20, ahtSeconds: 90 }],
    ]));
    plan.setSchedules('default', day.start, day.end, agents.map((a) => ({ agentId: a.id, start: taipei('14:00:00'), end: taipei('15:30:00'), activity: 'phone' })));
    return intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS);
  }

  it('projects no service level, ASA or abandon rate for an interval forecast to get no calls (not 100%)', () => {
    const v = quietDay();
    const quiet = v.rows[29]; // 14:30
    expect(quiet).toMatchObject({ start: '2026-11-20T14:30:00+08:00', closed: false, forecastCalls: 0, reforecastCalls: 0, scheduledAgents: 2 });
    expect([quiet.projectedServiceLevel, quiet.projectedAsaSeconds, quiet.projectedAbandonRate]).toEqual([null, null, null]);
    // A closed interval without calls has no actual service level either.
    expect(v.rows[25]).toMatchObject({ start: '2026-11-20T12:30:00+08:00', closed: true, actualCalls: 0, actualServiceLevel: null, projectedServiceLevel: null });
  });

  it("weighs the day's projected service level by calls, so a quiet interval changes nothing", () => {
    const v = quietDay();
    expect(v.rows[24]).toMatchObject({ closed: true, actualCalls: 4, actualServiceLevel: 0.75 }); // 12:00
    expect(v.rows[28].reforecastCalls).toBe(10);
    expect(v.rows[28].projectedServiceLevel).toBeCloseTo(0.70172, 5);
    expect(v.rows[30].reforecastCalls).toBe(20);
    expect(v.rows[30].projectedServiceLevel).toBeCloseTo(0.733088, 5);
    expect(v.dayProjectedServiceLevel).toBeCloseTo(0.725852, 5);
  });
});

describe('intraday projections beyond the Erlang limits', () => {
  /*
   * setup()'s 14:00 (100 calls of 180 s on 12 agents: SL 0.640, as above) and from 15:00 to
   * midnight 18 intervals of 100,000 calls of 86,400 s: 100,000 x 86,400 / 1,800 = 4,800,000
   * Erlangs, past the calculator's 5,000. On them 500 what-ifs of +10,000 (5,000,000 agents), as
   * a plan from before the fold bounded their sum may hold: Erlang B stepped through about
   * 4,900,000 agents for each of the 18 (seconds a view, the event loop held for every tenant).
   */
  function beyond() {
    const s = setup();
    const rows = new Map([[taipei('14:00:00'), { calls: 100, ahtSeconds: 180 }]]);
    for (let t = taipei('15:00:00'); t < s.day.end; t += 1_800_000) rows.set(t, { calls: 100_000, ahtSeconds: 86_400 });
    s.plan.setForecast('default', 'q1', s.day.start, s.day.end, rows);
    for (let i = 0; i < 500; i++) s.plan.addWhatIf({ tenant: 'default', queueId: 'q1', date: s.day.date, from: taipei('15:00:00'), to: s.day.end, agents: 10_000, label: '', createdBy: 'test' });
    return s;
  }

  it('projects no service level, ASA or abandon rate for them, nor the day, at once; the CSV leaves them empty', () => {
    const { view } = beyond();
    const t0 = performance.now();
    const v = view();
    const ms = performance.now() - t0;
    const none = { forecastCalls: 100_000, reforecastCalls: 100_000, whatIfAgents: 5_000_000, requiredAgents: null, netAgents: null, projectedServiceLevel: null, projectedAsaSeconds: null, projectedAbandonRate: null };
    expect(v.rows[30]).toMatchObject({ start: '2026-11-20T15:00:00+08:00', ...none });
    expect(v.rows[47]).toMatchObject({ start: '2026-11-20T23:30:00+08:00', ...none });
    expect(v.rows.filter((r) => r.forecastCalls === 100_000 && r.projectedServiceLevel === null)).toHaveLength(18);
    // 14:00 is within the limits and keeps its projection; the day, with 18 intervals unknown, has none.
    expect(v.rows[28].projectedServiceLevel).toBeCloseTo(0.640, 3);
    expect(v.dayProjectedServiceLevel).toBeNull();
    expect(ms).toBeLessThan(1000);
    const [header, ...lines] = intradayCsv(v).trim().split('\n');
    const sl = header.split(',').indexOf('projected_service_level');
    // Erlang B(10, 12) = 0.119739, C = 12 x 0.119739 / (12 - 10 x 0.880261) = 0.449388,
    // SL = 1 - 0.449388 e^(-2 x 20 / 180) = 0.640158, to four places in the CSV.
    expect([lines[28].split(',')[sl], lines[30].split(',')[sl]]).toEqual(['0.6402', '']);
  });

  it('has no rest-of-day outlook, and says that the limits are why', () => {
    const { engine, plan, day } = beyond();
    // Nine past days of 100 calls of 180 s at 14:00: each lays 100,000 calls on 15:00 onwards (its rest-of-day ratio, 1).
    const calls = new Array(48).fill(0);
    calls[28] = 100;
    const aht = new Array(48).fill(0);
    aht[28] = 180;
    const paths = Array.from({ length: 9 }, (_, i) => ({ date: `2026-11-0${i + 1}`, forecast: { calls, ahtSeconds: aht }, actual: { date: `2026-11-0${i + 1}`, weekday: 1, calls, handled: new Array(48).fill(0), handleSeconds: new Array(48).fill(0), total: 100 } }));
    const v = intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS, Object.assign(() => null, { errorPaths: () => paths }));
    expect([v.outlook, v.outlookBeyondLimits, v.outlookPending]).toEqual([null, true, false]);
    expect(v.rows[28].requiredLow).toBeUndefined();
  });
});

describe('intraday projections with Erlang A near its limits', () => {
  it('answers an understaffed day of a patient queue at once: 100,000 calls a half-hour on 12 agents, 28 outlook scenarios', () => {
    // Patience 3,600 s. From 14:00 to midnight 20 intervals of 100,000 calls of 45 s: 2,500
    // Erlangs, and 100,000 x 3,600 / 1,800 = 200,000 callers that could wait (the limit is a
    // million). The weights of k waiting peak near k = 200,000 - 12 x 3,600 / 45 = 199,040, and
    // Erlang A summed every state from 0 up to there: with 28 past days as scenarios (each day
    // 0.9 to 1.09 of its forecast) the view's questions took 10.6 million terms, 0.8-1.1 s on a
    // loaded 2-core machine, the event loop held. Started near the peak: 1.5 million, 0.2-0.3 s warm.
    const agents = Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, tenant: 'default', queues: ['q1'] }));
    const engine = new Engine({ timezone: 'Asia/Taipei', queues: [{ id: 'q1', tenant: 'default', patienceSeconds: 3600 }], agents });
    engine.tick(taipei('13:10:00'));
    const plan = new Plan();
    const day = engine.clock.dayOfDate('2026-11-20')!;
    const forecast = new Map<number, { calls: number; ahtSeconds: number }>();
    for (let t = taipei('14:00:00'); t < day.end; t += 1_800_000) forecast.set(t, { calls: 100_000, ahtSeconds: 45 });
    plan.setForecast('default', 'q1', day.start, day.end, forecast);
    plan.setSchedules('default', day.start, day.end, agents.map((a) => ({ agentId: a.id, start: taipei('13:00:00'), end: day.end, activity: 'phone' })));
    const calls = Array.from({ length: 48 }, (_, slot) => (slot >= 28 ? 100_000 : 0));
    const aht = calls.map((c) => (c > 0 ? 45 : 0));
    const paths = Array.from({ length: 28 }, (_, i) => {
      const actual = calls.map((c) => c * (0.9 + 0.007 * i));
      const date = `2026-10-${String(i + 1).padStart(2, '0')}`;
      return { date, forecast: { calls, ahtSeconds: aht }, actual: { date, weekday: 1, calls: actual, handled: new Array(48).fill(0), handleSeconds: new Array(48).fill(0), total: actual.reduce((t, c) => t + c, 0) } };
    });
    const history = Object.assign(() => null, { errorPaths: () => paths });

    const terms = erlangATermsSummed();
    const t0 = performance.now();
    const v = intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS, history);
    const ms = performance.now() - t0;
    expect(erlangATermsSummed() - terms).toBeLessThan(3_000_000);
    // A hang's ceiling only: a cold view on a loaded machine took 0.4-1.5 s, the terms tell the cost.
    expect(ms).toBeLessThan(5000);

    const row = v.rows[30]; // 15:00
    expect(row).toMatchObject({ model: 'A', forecastCalls: 100_000, scheduledAgents: 12 });
    // Twelve agents never idle answer 12 of the 2,500 Erlangs: 1 - 12 / 2,500 = 0.9952 abandon.
    expect(row.projectedAbandonRate).toBeCloseTo(0.9952, 12);
    // Nobody is answered within 20 s; ASA 19,219.027 s, as the 60-digit reference (erlang-reference.json).
    expect(row.projectedServiceLevel).toBeLessThan(1e-15);
    expect(row.projectedAsaSeconds! / 19219.02702536665 - 1).toBeLessThan(1e-9);
    expect(v.outlook && 'scenarios' in v.outlook ? v.outlook.scenarios : null).toBe(28);
  });
});
