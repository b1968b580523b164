import { describe, expect, it } from 'vitest';
import { queueIntervalRows, queueDayRow } from '../../server/views/queue-rows.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';
import { workedExample } from '../helpers/worked-example.ts';


function rows(events = workedExample, now = '09:31:00') {
  const engine = engineWith(events);
  engine.tick(taipei(now));
  const q = engine.queue('default', 'q1')!;
  return { engine, q, rows: queueIntervalRows(engine, q, taipei('12:00:00')) };
}

describe('queue interval statistics', () => {
  it('counts every call in the interval it was queued in, by outcome', () => {
    const r = rows().rows[18]; // 09:00 is the 19th half-hour of the day
    expect(r.start).toBe('2026-11-20T09:00:00+08:00');
    expect(r.end).toBe('2026-11-20T09:30:00+08:00');
    expect(r).toMatchObject({ offered: 7, answered: 3, abandoned: 2, shortAbandoned: 1, flowedOut: 1, waiting: 1, answeredInSL: 2, abandonedInSL: 1, handled: 3 });
  });

  it('computes each service-level formula from the definitions', () => {
    const r = rows().rows[18];
    expect(r.serviceLevels.excludeShortAbandons).toBe(2 / 4);
    expect(r.serviceLevels.answeredOnly).toBe(2 / 3);
    expect(r.serviceLevels.abandonsInSlMet).toBe(3 / 5);
    expect(r.serviceLevels.offeredBased).toBe(2 / 5);
    expect(r.serviceLevel).toBe(r.serviceLevels.excludeShortAbandons);
  });

  it('uses the formula the queue chose for serviceLevel', () => {
    const engine = engineWith(workedExample, { queues: [{ id: 'q1', tenant: 'default', slFormula: 'abandonsInSlMet' }] });
    engine.tick(taipei('09:31:00'));
    const r = queueIntervalRows(engine, engine.queue('default', 'q1')!, taipei('12:00:00'))[18];
    expect(r.serviceLevel).toBe(3 / 5);
  });

  it('averages waits of answered calls for ASA and talk + hold + acw for AHT', () => {
    const r = rows().rows[18];
    expect(r.asaSeconds).toBe(20); // (10 + 30 + 20) / 3
    expect(r.ahtSeconds).toBe(280); // (210 + 270 + 360) / 3
    expect(r).toMatchObject({ talkSeconds: 660, holdSeconds: 60, acwSeconds: 120, waitSecondsAnswered: 60 });
  });

  it('computes abandon rate without short abandons', () => {
    expect(rows().rows[18].abandonRate).toBe(1 / 6); // (2 - 1) / (7 - 1)
  });

  it('takes the longest wait of the interval, still-waiting calls included', () => {
    expect(rows().rows[18].maxWaitSeconds).toBe(300);
    expect(rows(workedExample, '09:36:00').rows[18].maxWaitSeconds).toBe(370); // c7 has waited 6:10
  });

  it('gives nulls, not NaN, for an empty interval', () => {
    const r = rows().rows[19];
    expect(r).toMatchObject({ offered: 0, serviceLevel: null, asaSeconds: null, ahtSeconds: null, abandonRate: null, maxWaitSeconds: null });
    expect(Object.values(r.serviceLevels)).toEqual([null, null, null, null]);
  });

  it('keeps a call answered after the boundary in its arrival interval', () => {
    const events = [
      ev('call.queued', '09:29:55', { callId: 'x', queueId: 'q1' }),
      ev('call.answered', '09:30:05', { callId: 'x', queueId: 'q1', agentId: 'a1' }),
    ];
    const { rows: r } = rows(events, '09:31:00');
    expect(r[18]).toMatchObject({ offered: 1, answered: 1, answeredInSL: 1, asaSeconds: 10 });
    expect(r[19].offered).toBe(0);
  });

  it('counts a wait of exactly the threshold in SL, and of exactly 5 s as not short', () => {
    const events = [
      ev('call.queued', '09:00:00', { callId: 'a', queueId: 'q1' }),
      ev('call.abandoned', '09:00:05', { callId: 'a', queueId: 'q1' }),
      ev('call.queued', '09:00:00.000', { callId: 'b', queueId: 'q1' }),
      ev('call.abandoned', '09:00:04.999', { callId: 'b', queueId: 'q1' }),
      ev('call.queued', '09:01:00', { callId: 'c', queueId: 'q1' }),
      ev('call.answered', '09:01:20', { callId: 'c', queueId: 'q1', agentId: 'a1' }),
      ev('call.queued', '09:02:00', { callId: 'd', queueId: 'q1' }),
      ev('call.answered', '09:02:20.001', { callId: 'd', queueId: 'q1', agentId: 'a2' }),
    ];
    const r = rows(events).rows[18];
    expect(r).toMatchObject({ abandoned: 2, shortAbandoned: 1, answered: 2, answeredInSL: 1 });
  });

  it('sums the day and lists today’s top dispositions', () => {
    const { engine, q } = rows();
    const day = queueDayRow(engine, q, taipei('09:31:00'));
    expect(day.start).toBe('2026-11-20T00:00:00+08:00');
    expect(day).toMatchObject({ offered: 7, answered: 3, serviceLevel: 0.5, ahtSeconds: 280, maxWaitSeconds: 300 });
    expect([...q.dispositions.values()][0]).toEqual(new Map([['billing', 2], ['refund', 1]]));
  });

  it('registers a queue first seen in an event with the default targets', () => {
    const { q } = rows();
    expect(q.config).toMatchObject({ tenant: 'default', slThresholdSeconds: 20, slTarget: 0.8, slFormula: 'excludeShortAbandons', shortAbandonSeconds: 5 });
  });
});
