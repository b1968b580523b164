import { describe, expect, it } from 'vitest';
import { dueIndex, edfPlan } from '../../server/domain/deferred-plan.ts';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { REFORECAST_DEFAULTS } from '../../server/domain/reforecast.ts';
import { intradayView } from '../../server/views/intraday.ts';
import { ev, parse, taipei } from '../helpers/events.ts';

const H = 3_600_000;

describe('deadline arithmetic', () => {
  it('gives an item to the last interval ending at or before its deadline, never before the first open one', () => {
    const ends = [10 * H, 11 * H, 12 * H];
    expect(dueIndex(ends, 11 * H, 0)).toBe(1); // exactly at an end: that interval
    expect(dueIndex(ends, 11 * H + 1, 0)).toBe(1);
    expect(dueIndex(ends, 11 * H - 1, 0)).toBe(0);
    expect(dueIndex(ends, 5 * H, 0)).toBe(0); // already past: due now
    expect(dueIndex(ends, 12 * H, 0)).toBe(2);
    expect(dueIndex(ends, 12 * H + 1, 0)).toBe(-1); // due after the horizon
  });

  it('works the earliest deadline first and counts what misses its deadline', () => {
    // One agent from 0 to 1 h; items of 600 s. Group A: 3 items due at 10 min; group B: 2 due at 1 h.
    // EDF does A first: items finish at 10, 20, 30 min; by 10 min one is done: 2 breaches.
    // B runs 30..50 min: both in time. Backlog at end 0.
    const rows = edfPlan(
      [
        { releaseAt: 0, deadline: H, items: 2, handleSeconds: 600 },
        { releaseAt: 0, deadline: H / 6, items: 3, handleSeconds: 600 },
      ],
      [{ from: 0, end: H, agents: 1 }],
    );
    expect(rows[0].handled).toBeCloseTo(5, 12);
    expect(rows[0].backlogAtEnd).toBeCloseTo(0, 12);
    expect(rows[0].breaches).toBeCloseTo(2, 12);
  });
});

/**
 * Queue `mail`, deferred with a 4 h response target; 30-minute intervals; now 09:00.
 * Waiting: 3 items queued 05:10 (due 09:10) and 2 queued 06:00 (due 10:00). Forecast: 4 items
 * of 600 s arriving in 10:00-10:30 (due 14:00). One agent on the phone 09:00-10:30.
 */
function setup() {
  const queued = ['05:10:00', '05:10:00', '05:10:00', '06:00:00', '06:00:00'].map((t, i) => ev('call.queued', t, { callId: `m${i}`, queueId: 'mail', channel: 'email' }));
  const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, queues: [{ id: 'mail', tenant: 'default', kind: 'deferred', responseTargetSeconds: 4 * 3600 }], agents: [{ id: 'a1', tenant: 'default', queues: ['mail'] }] });
  for (const e of parse(queued)) engine.apply(e);
  engine.tick(taipei('09:00:00'));
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  plan.setForecast('default', 'mail', day.start, day.end, new Map([[taipei('10:00:00'), { calls: 4, ahtSeconds: 600 }]]));
  plan.setSchedules('default', day.start, day.end, [{ agentId: 'a1', start: taipei('09:00:00'), end: taipei('10:30:00'), activity: 'phone' }]);
  return intradayView(engine, plan, engine.queue('default', 'mail')!, day.start, REFORECAST_DEFAULTS);
}

describe('intraday plan of deferred work', () => {
  it('requires the work due in each interval over its length, with the backlog included', () => {
    const view = setup();
    const d = view.deferred!;
    const row = (hhmm: string) => d.rows.find((r) => r.start === `2026-11-20T${hhmm}:00+08:00`)!;
    // No item handled today: the backlog's handle time is the forecast's mean, 600 s.
    expect(d.backlogHandleSeconds).toBe(600);
    // 09:00 interval: the 3 items due 09:10 (their last whole interval, 08:30-09:00, is closed): 3 × 600 / 1800 = 1 agent.
    expect(row('09:00')).toMatchObject({ current: true, dueItems: 3, dueWorkSeconds: 1800, requiredAgents: 1, scheduledAgents: 1, netAgents: 0 });
    // 09:30: the 2 due at 10:00: 1200 / 1800 agents.
    expect(row('09:30').requiredAgents).toBeCloseTo(2 / 3, 12);
    // 13:30: the forecast's 4 items (due 14:00): 2400 / 1800.
    expect(row('13:30').requiredAgents).toBeCloseTo(4 / 3, 12);
    expect(row('10:00')).toMatchObject({ requiredAgents: 0, scheduledAgents: 1, netAgents: 1 });
    expect(row('08:30')).toMatchObject({ closed: true, requiredAgents: null, projectedBreaches: null });
  });

  it('projects the backlog and the breaches of earliest-deadline-first work on the scheduled agent', () => {
    const d = setup().deferred!;
    const row = (hhmm: string) => d.rows.find((r) => r.start === `2026-11-20T${hhmm}:00+08:00`)!;
    // 09:00-09:30: the 3 items due 09:10 take the agent: one is done by 09:10, two after: 2 breaches.
    expect(row('09:00').projectedHandled).toBeCloseTo(3, 12);
    expect(row('09:00').projectedBreaches).toBeCloseTo(2, 12);
    // 09:30-10:00: the 2 items due 10:00 done by 09:50: none late; backlog 0 at 10:00.
    expect(row('09:30')).toMatchObject({ projectedBreaches: 0, backlogAtEnd: 0 });
    expect(row('09:30').projectedHandled).toBeCloseTo(2, 12);
    // 10:00-10:30: 4 forecast items, 1800 s of agent = 3 items; 1 waits with no one scheduled after 10:30.
    expect(row('10:00').projectedHandled).toBeCloseTo(3, 12);
    expect(row('10:00').backlogAtEnd).toBeCloseTo(1, 12);
    // It misses its 14:00 deadline: 1 breach in 13:30. The day: 2 + 1 = 3.
    expect(row('13:30').projectedBreaches).toBeCloseTo(1, 12);
    expect(d.projectedBreachesToday).toBeCloseTo(3, 12);
  });

  it('is not Erlang traffic: no projected service level, ASA or abandon rate, model "deadline"', () => {
    const view = setup();
    for (const r of view.rows) {
      expect(r.model).toBe('deadline');
      expect([r.projectedServiceLevel, r.projectedAsaSeconds, r.projectedAbandonRate, r.reforecastCalls]).toEqual([null, null, null, null]);
    }
    expect(view.rows[18].requiredAgents).toBe(1); // 09:00, the same figure as the deadline plan
  });
});
