import { describe, expect, it } from 'vitest';
import { rollupInterval } from '../../server/history/engine-rollup.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { forecastQueue } from '../../server/history/queue-forecast.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';
import { engineWith } from '../helpers/events.ts';

const NY = 'America/New_York';

/** Rolls up every interval of a local day into a fresh in-memory store and reads the day back. */
async function rolledDay(events: Record<string, unknown>[], date: string, noonIso: string) {
  const engine = engineWith(events, { timezone: NY });
  const day = engine.clock.dayOfDate(date)!;
  engine.tick(day.end + 3_600_000);
  const store = new SqliteHistoryStore(':memory:');
  for (const s of day.starts) {
    const r = rollupInterval(engine, s);
    await store.upsertQueueIntervals(r.queues);
    await store.upsertAgentIntervals(r.agents);
  }
  expect(engine.clock.dayOf(Date.parse(noonIso)).start).toBe(day.start);
  return { engine, day, store };
}

describe('history rollups from the engine across daylight-saving days (America/New_York)', () => {
  it('keeps 50 half-hours on 2026-11-01, the two 01:15s in different rows', async () => {
    const { day, store } = await rolledDay(
      [
        { id: '1', type: 'call.queued', ts: '2026-11-01T01:15:00-04:00', callId: 'x', queueId: 'q', tenant: 'acme' },
        { id: '2', type: 'call.abandoned', ts: '2026-11-01T01:15:40-04:00', callId: 'x', queueId: 'q', tenant: 'acme' },
        { id: '3', type: 'call.queued', ts: '2026-11-01T01:15:00-05:00', callId: 'y', queueId: 'q', tenant: 'acme' },
        { id: '4', type: 'call.abandoned', ts: '2026-11-01T01:15:30-05:00', callId: 'y', queueId: 'q', tenant: 'acme' },
      ],
      '2026-11-01',
      '2026-11-01T12:00:00-05:00',
    );
    const rows = await store.queueIntervals('acme', 'q', day.start, day.end);
    expect(rows).toHaveLength(50);
    // Index 2 is 01:00 EDT (05:00Z), index 4 is 01:00 EST (06:00Z): a real hour apart.
    expect(rows[2]).toMatchObject({ intervalStart: Date.parse('2026-11-01T05:00:00Z'), offered: 1, abandoned: 1, maxWaitSeconds: 40 });
    expect(rows[4]).toMatchObject({ intervalStart: Date.parse('2026-11-01T06:00:00Z'), offered: 1, abandoned: 1, maxWaitSeconds: 30 });
    expect(rows.reduce((n, r) => n + r.offered, 0)).toBe(2);
    // 25 real hours of intervals, each 30 minutes long.
    expect(rows[49].intervalStart + 1_800_000 - rows[0].intervalStart).toBe(25 * 3_600_000);
  });

  it('keeps 46 half-hours on 2026-03-08, 01:30 EST followed by 03:00 EDT', async () => {
    const { day, store } = await rolledDay(
      [{ id: '1', type: 'call.queued', ts: '2026-03-08T03:10:00-04:00', callId: 'x', queueId: 'q', tenant: 'acme' }],
      '2026-03-08',
      '2026-03-08T12:00:00-04:00',
    );
    const rows = await store.queueIntervals('acme', 'q', day.start, day.end);
    expect(rows).toHaveLength(46);
    expect(rows[4].intervalStart - rows[3].intervalStart).toBe(1_800_000);
    // 03:10 EDT is 07:10Z, in the 03:00 EDT interval (07:00Z), the 5th of the day.
    expect(rows[4]).toMatchObject({ intervalStart: Date.parse('2026-03-08T07:00:00Z'), offered: 1 });
  });

  it('splits an agent talking across the 01:00 EDT -> 01:00 EST repeat into its real half-hours', async () => {
    const t = (at: string) => ({ ts: at, tenant: 'acme' });
    const { day, store } = await rolledDay(
      [
        { id: 'l', type: 'agent.login', ...t('2026-11-01T01:20:00-04:00'), agentId: 'a1', state: 'available' },
        { id: 'q', type: 'call.queued', ...t('2026-11-01T01:25:00-04:00'), callId: 'c', queueId: 'q' },
        { id: 'a', type: 'call.answered', ...t('2026-11-01T01:25:00-04:00'), callId: 'c', queueId: 'q', agentId: 'a1' },
        { id: 'e', type: 'call.ended', ...t('2026-11-01T01:10:00-05:00'), callId: 'c', agentId: 'a1' },
        { id: 'w', type: 'call.wrapped', ...t('2026-11-01T01:12:00-05:00'), callId: 'c', agentId: 'a1' },
        { id: 'o', type: 'agent.logout', ...t('2026-11-01T01:20:00-05:00'), agentId: 'a1' },
      ],
      '2026-11-01',
      '2026-11-01T12:00:00-05:00',
    );
    const rows = await store.agentIntervals('acme', 'a1', day.start, day.end);
    // Talking 01:25 EDT -> 01:10 EST is 45 real minutes: 5 min in 01:00 EDT, 30 in 01:30 EDT, 10 in 01:00 EST.
    expect(rows.map((r) => [r.intervalStart, r.talkingSeconds, r.availableSeconds, r.acwSeconds, r.callsHandled])).toEqual([
      [Date.parse('2026-11-01T05:00:00Z'), 300, 300, 0, 0],
      [Date.parse('2026-11-01T05:30:00Z'), 1800, 0, 0, 0],
      [Date.parse('2026-11-01T06:00:00Z'), 600, 480, 120, 1],
    ]);
  });

  it("records each queue's staffed agents: working time over the interval, a k-skilled agent 1/k to each queue", async () => {
    const at = (hm: string) => `2026-11-02T${hm}:00-05:00`;
    const { engine } = await rolledDay(
      [
        // a1 serves q and r, works 09:00-09:15 then takes a break: 15/30 x 1/2 = 0.25 to each.
        { id: '1', type: 'agent.login', ts: at('09:00'), tenant: 'acme', agentId: 'a1', queues: ['q', 'r'], state: 'available' },
        { id: '2', type: 'agent.state', ts: at('09:15'), tenant: 'acme', agentId: 'a1', state: 'aux', reason: 'break' },
        // a2 serves q only, available from 09:10 and logged out at 09:25: 15/30 = 0.5 to q.
        { id: '3', type: 'agent.login', ts: at('09:10'), tenant: 'acme', agentId: 'a2', queues: ['q'], state: 'available' },
        { id: '4', type: 'agent.logout', ts: at('09:25'), tenant: 'acme', agentId: 'a2' },
      ],
      '2026-11-02',
      '2026-11-02T12:00:00-05:00',
    );
    const rows = rollupInterval(engine, Date.parse(at('09:00'))).queues;
    expect(rows.find((r) => r.queueId === 'q')!.staffedAgents).toBeCloseTo(0.75, 12);
    expect(rows.find((r) => r.queueId === 'r')!.staffedAgents).toBeCloseTo(0.25, 12);
    // The next half-hour nobody works: a1 is on break, a2 logged out.
    expect(rollupInterval(engine, Date.parse(at('09:30'))).queues.find((r) => r.queueId === 'q')!.staffedAgents).toBe(0);
  });

  it('gives the same rows when an interval is rolled up twice (an interval close and its re-roll)', async () => {
    const { engine, day, store } = await rolledDay(
      [{ id: '1', type: 'call.queued', ts: '2026-11-02T09:05:00-05:00', callId: 'x', queueId: 'q', tenant: 'acme' }],
      '2026-11-02',
      '2026-11-02T12:00:00-05:00',
    );
    await store.upsertQueueIntervals(rollupInterval(engine, Date.parse('2026-11-02T09:00:00-05:00')).queues);
    const rows = await store.queueIntervals('acme', 'q', day.start, day.end);
    expect(rows).toHaveLength(48);
    expect(rows.filter((r) => r.offered > 0).map((r) => r.intervalStart)).toEqual([Date.parse('2026-11-02T14:00:00Z')]);
  });
});

describe('forecast of a queue from the store', () => {
  it('reads the history before today and forecasts tomorrow; under four weeks it gives null', async () => {
    const clock = new IntervalClock('Asia/Taipei', 30);
    const store = new SqliteHistoryStore(':memory:');
    // 35 days from Monday 2026-10-26 to Sunday 2026-11-29: 4 calls at 09:00 on every day, AHT 200 s.
    const rows: QueueIntervalRollup[] = [];
    for (let d = 0; d < 35; d++) {
      const start = Date.parse('2026-10-26T09:00:00+08:00') + d * 86_400_000;
      rows.push({ tenant: 'acme', queueId: 'q', intervalStart: start, intervalMinutes: 30, offered: 4, answered: 4, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 4, abandonedInSL: 0, handled: 4, waitSecondsAnswered: 0, talkSeconds: 800, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions: {} });
    }
    await store.upsertQueueIntervals(rows);
    // Today is 2026-11-30; with today left out, tomorrow 2026-12-01 is 2 days past the history.
    const f = (await forecastQueue(store, 'acme', 'q', '2026-12-01', clock, [], '2026-11-30'))!;
    expect(f.horizonDays).toBe(2);
    // A flat 4 calls a day, all at 09:00 (slot 18), AHT 200 s.
    expect(f.dayCalls).toBeCloseTo(4, 6);
    expect(f.intervals[18].calls).toBeCloseTo(4, 6);
    expect(f.intervals[18].ahtSeconds).toBeCloseTo(200, 6);
    expect(await forecastQueue(store, 'acme', 'q', '2026-11-20', clock, [])).toBeNull();
    expect(await forecastQueue(store, 'jade', 'q', '2026-12-01', clock, [])).toBeNull();
  });
});
