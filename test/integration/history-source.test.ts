import { describe, expect, it } from 'vitest';
import { dayDispositions, rollupInterval } from '../../server/history/engine-rollup.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import type { Engine } from '../../server/domain/engine.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';
import { engineWith, ev, handledCall as call, taipei } from '../helpers/events.ts';
import { startOnce } from '../helpers/history-source.ts';

/** A morning with a call in each of the 08:00, 08:30 and 09:00 intervals, the clock at 09:40. */
function morning(): Engine {
  const engine = engineWith([
    ev('agent.login', '07:55:00', { tenant: 'acme', agentId: 'a1', queues: ['q'], state: 'available' }),
    ...call('c1', '08:10', 'billing'),
    ...call('c2', '08:40', 'billing'),
    ...call('c3', '09:10', 'billing'),
  ]);
  engine.tick(taipei('09:40:00'));
  // Three reasons counted for the day, whatever history makes of them.
  expect(dayDispositions(engine, 'acme', 'q', engine.clock.dayOf(taipei('09:40:00')).start)).toEqual({ billing: 3 });
  return engine;
}

/** What a previous run wrote for the interval starting at `at` (Taipei): the engine's rows with one billing reason each, and `fields` over them. */
async function writtenBefore(engine: Engine, store: SqliteHistoryStore, at: string, fields: Partial<QueueIntervalRollup> = {}): Promise<void> {
  const { queues } = rollupInterval(engine, taipei(at));
  await store.upsertQueueIntervals(queues.map((r) => ({ ...r, dispositions: { billing: 1 }, ...fields })));
}

/** Starts the history source once and reads the queue's morning back. */
async function runOnce(engine: Engine, store: SqliteHistoryStore) {
  await startOnce(engine, store);
  const rows = await store.queueIntervals('acme', 'q', taipei('00:00:00'), taipei('09:30:00'));
  return new Map(rows.filter((r) => r.offered > 0 || Object.keys(r.dispositions).length).map((r) => [r.intervalStart, r]));
}

describe('history source at start', () => {
  it('writes every closed interval of the day the engine holds, not only the last two', async () => {
    const store = new SqliteHistoryStore(':memory:');
    const rows = await runOnce(morning(), store);
    // 08:00 closed two intervals before the last one: before, a server started at 09:40 never wrote it.
    expect([...rows.keys()]).toEqual([taipei('08:00:00'), taipei('08:30:00'), taipei('09:00:00')]);
    expect([...rows.values()].map((r) => r.offered)).toEqual([1, 1, 1]);
    // The day's three reasons are in history (on the last closed interval: their own were not kept).
    const reasons = await store.queueDispositions('acme', taipei('00:00:00'), taipei('09:30:00'));
    expect(reasons.get('q')).toEqual({ billing: 3 });
    await store.close();
  });

  it('leaves rows another run wrote alone, and keeps their reasons when it writes them again', async () => {
    const engine = morning();
    const store = new SqliteHistoryStore(':memory:');
    // A previous run wrote each interval as it closed, with the reason of its call.
    for (const at of ['08:00:00', '08:30:00', '09:00:00']) await writtenBefore(engine, store, at);
    // And an analyst corrected 08:00 from the ACD's own report: 7 offered.
    await writtenBefore(engine, store, '08:00:00', { offered: 7 });
    const rows = await runOnce(engine, store);
    // 08:00 is neither missing nor one of the last two closed: untouched.
    expect(rows.get(taipei('08:00:00'))).toMatchObject({ offered: 7, dispositions: { billing: 1 } });
    // 08:30 and 09:00 are written again from the engine with the reasons they had (before: {}).
    expect(rows.get(taipei('08:30:00'))).toMatchObject({ offered: 1, dispositions: { billing: 1 } });
    expect(rows.get(taipei('09:00:00'))).toMatchObject({ offered: 1, dispositions: { billing: 1 } });
    const reasons = await store.queueDispositions('acme', taipei('00:00:00'), taipei('09:30:00'));
    expect(reasons.get('q')).toEqual({ billing: 3 });
    await store.close();
  });

  it('places reasons gained while it was down on the last closed interval, once', async () => {
    const engine = morning();
    const store = new SqliteHistoryStore(':memory:');
    // The previous run stopped after writing 08:00 with its reason; 08:30 and 09:00 closed while it was down.
    await writtenBefore(engine, store, '08:00:00');
    const rows = await runOnce(engine, store);
    expect(rows.get(taipei('08:30:00'))?.dispositions).toEqual({});
    expect(rows.get(taipei('09:00:00'))?.dispositions).toEqual({ billing: 2 });
    // A second start (a restart with nothing new) changes nothing.
    const again = await runOnce(engine, store);
    expect(again.get(taipei('09:00:00'))?.dispositions).toEqual({ billing: 2 });
    expect((await store.queueDispositions('acme', taipei('00:00:00'), taipei('09:30:00'))).get('q')).toEqual({ billing: 3 });
    await store.close();
  });

  it('after a change from half-hours to quarter-hours, writes no quarter-hour inside a half-hour row, and replaces the one the last two fall in', async () => {
    const events = [
      ev('agent.login', '07:55:00', { tenant: 'acme', agentId: 'a1', queues: ['q'], state: 'available' }),
      ...call('c1', '08:20', 'billing'),
      ...call('c2', '08:50', 'billing'),
      ...call('c3', '09:20', 'billing'),
    ];
    const halfHours = engineWith(events);
    halfHours.tick(taipei('09:35:00'));
    const store = new SqliteHistoryStore(':memory:');
    // The server ran half-hours until 09:35 and wrote 08:00, 08:30 and 09:00 as they closed, a call in each.
    for (const at of ['08:00:00', '08:30:00', '09:00:00']) await writtenBefore(halfHours, store, at);
    // It restarts at 09:55 with INTERVAL_MINUTES=15: the last two closed are 09:15 and 09:30.
    const quarters = engineWith(events, { intervalMinutes: 15 });
    quarters.tick(taipei('09:55:00'));
    await startOnce(quarters, store);
    const rows = (await store.queueIntervals('acme', 'q', taipei('08:00:00'), taipei('09:45:00'))).map((r) => [new Date(r.intervalStart + 8 * 3_600_000).toISOString().slice(11, 16), r.intervalMinutes, r.offered]);
    // 08:15 and 08:45 lie inside the half-hours written before: not written again (before, a
    // quarter-hour row each, c1 and c2 counted twice). 09:15 is one of the last two, inside the
    // 09:00 half-hour, so 09:00 is written as a quarter-hour too, replacing the half-hour row.
    expect(rows).toEqual([
      ['08:00', 30, 1],
      ['08:30', 30, 1],
      ['09:00', 15, 0],
      ['09:15', 15, 1],
      ['09:30', 15, 0],
    ]);
    // The day's three reasons stay three.
    expect((await store.queueDispositions('acme', taipei('00:00:00'), taipei('09:45:00'))).get('q')).toEqual({ billing: 3 });
    await store.close();
  });

  it('keeps the reasons of the last interval of the day before when it restarts just after midnight', async () => {
    const next = { date: '2026-11-21', offset: '+08:00' };
    const engine = engineWith([
      ev('agent.login', '23:00:00', { tenant: 'acme', agentId: 'a1', queues: ['q'], state: 'available' }),
      ...call('c1', '23:40', 'billing'),
      ev('call.queued', '00:20:00', { tenant: 'acme', callId: 'c2', queueId: 'q' }, next),
    ]);
    engine.tick(Date.parse('2026-11-21T00:40:00+08:00'));
    const store = new SqliteHistoryStore(':memory:');
    // The previous run wrote 23:30 with its reason at midnight, then went down.
    await writtenBefore(engine, store, '23:30:00');
    await startOnce(engine, store);
    // 23:30 is one of the last two closed (with 00:00), written again: its reason stays (before: {}).
    const [row] = await store.queueIntervals('acme', 'q', taipei('23:30:00'), taipei('23:30:00') + 1);
    expect(row).toMatchObject({ offered: 1, dispositions: { billing: 1 } });
    expect((await store.queueDispositions('acme', taipei('00:00:00'), taipei('23:59:59'))).get('q')).toEqual({ billing: 1 });
    await store.close();
  });
});
