import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { erlangC } from '../../server/domain/erlang.ts';
import { Plan } from '../../server/domain/plan.ts';
import { REFORECAST_DEFAULTS } from '../../server/domain/reforecast.ts';
import { intradayView } from '../../server/views/intraday.ts';
import { normalCdf } from '../../server/domain/forecast/rest-of-day.ts';
import { taipei } from '../helpers/events.ts';

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
