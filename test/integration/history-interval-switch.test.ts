import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { clientReport } from '../../server/history/client-report.ts';
import { PostgresHistoryStore } from '../../server/history/postgres-store.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import type { HistoryStore } from '../../server/history/types.ts';
import { engineWith, ev, handledCall, taipei } from '../helpers/events.ts';
import { startOnce } from '../helpers/history-source.ts';
import { POSTGRES_URL, postgresAvailable, uniqueSchema } from '../helpers/postgres.ts';
import { startServer } from '../helpers/server.ts';

/**
 * 2026-11-20 (Taipei): a1 logs in at 07:55 and takes c1 (08:20), c2 (08:50) and c3 (09:20), each
 * wrapped as "billing". The day: 3 calls, 3 billing reasons, a1 logged in 07:55 on.
 */
const EVENTS = [
  ev('agent.login', '07:55:00', { tenant: 'acme', agentId: 'a1', queues: ['q'], state: 'available' }),
  ...handledCall('c1', '08:20', 'billing'),
  ...handledCall('c2', '08:50', 'billing'),
  ...handledCall('c3', '09:20', 'billing'),
];

/**
 * History as the server writes it: a run at `before` minutes started at 09:35 writes the day's
 * closed intervals (every interval to 09:30, the day's reasons on the last closed), then a run
 * at `after` minutes starts at 09:40 and writes its last two closed intervals again (with what
 * it held before, history-source.ts). Each run's history ends at 09:30.
 */
async function dayWritten(store: HistoryStore, before: number, after: number): Promise<void> {
  const first = engineWith(EVENTS, { intervalMinutes: before });
  first.tick(taipei('09:35:00'));
  await startOnce(first, store);
  const second = engineWith(EVENTS, { intervalMinutes: after });
  second.tick(taipei('09:40:00'));
  await startOnce(second, store);
}

const hhmm = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const targets = { slFormula: 'excludeShortAbandons' as const, slTarget: 0.8, slThresholdSeconds: 20, asaTargetSeconds: 20, abandonTarget: 0.05 };

/** One store per case (the cases write the same keys). */
function storeCases(name: string, open: () => Promise<HistoryStore | null>) {
  const cases = [
    // 15 to 30: 08:30 and 09:00 are written again as half-hours over the quarter-hours of their
    // start; the quarter-hours 08:45 and 09:15 are left inside them, 09:15 holding the 3 reasons.
    { title: 'from quarter-hours to half-hours', before: 15, after: 30 },
    // 30 to 15: 09:15 lies inside the 09:00 half-hour, so 09:00 is written as a quarter-hour too (nothing left inside another row).
    { title: 'from half-hours to quarter-hours', before: 30, after: 15 },
    { title: 'without a change (half-hours, restarted)', before: 30, after: 30 },
  ];
  describe(`a day of history written around a change of interval length: ${name}`, () => {
    for (const c of cases) {
      it(`${c.title}: the client report counts 3 calls, 3 billing reasons (3 resolved) and 95 minutes logged in`, async (ctx) => {
        const store = await open();
        if (!store) return ctx.skip();
        try {
          await dayWritten(store, c.before, c.after);
          const clock = engineWith([], { intervalMinutes: c.after }).clock;
          const r = await clientReport(store, { tenant: 'acme', tenantName: 'Acme', queues: [{ queueId: 'q', name: 'Q', targets }], agentIds: ['a1'] }, 'day', '2026-11-20', clock, (d) => d === 'billing');
          expect(r.current.total).toMatchObject({ offered: 3, answered: 3, handled: 3 });
          // Before, 15 to 30 gave no reasons and 0 resolved: the 09:15 row holding them was left out with its calls.
          expect(r.current.reasons).toEqual([{ disposition: 'billing', calls: 3 }]);
          // 07:55 to 09:30: 95 minutes.
          expect(r.current.billable).toMatchObject({ handledCalls: 3, resolvedCases: 3, seatHours: 95 / 60 });
          // The call reasons' comparison with last week sums every row's reasons: a leftover's are its own (once).
          expect((await store.queueDispositions('acme', taipei('00:00:00'), taipei('23:59:59'))).get('q')).toEqual({ billing: 3 });
        } finally {
          await store.close();
        }
      });
    }
  });
}

storeCases('SQLite', async () => new SqliteHistoryStore(':memory:'));

const schemas: { store: PostgresHistoryStore; schema: string }[] = [];
storeCases('PostgreSQL', async () => {
  if (!(await postgresAvailable())) return null;
  const schema = uniqueSchema('floorboard_switch_test');
  const store = await PostgresHistoryStore.open(POSTGRES_URL, schema);
  // Dropped through a handle of its own once the case has closed the store.
  schemas.push({ store: await PostgresHistoryStore.open(POSTGRES_URL, schema), schema });
  return store;
});
afterAll(async () => {
  for (const { store, schema } of schemas) {
    await store.dropSchema(schema);
    await store.close();
  }
});

describe('GET /queues/:queueId/history the day a centre went from quarter-hours to half-hours', () => {
  const TOKEN = 'analyst-token-0123456789';
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: TOKEN, name: 'analyst', tenants: ['*'], role: 'analyst' }]) }, Date.parse('2026-11-22T10:00:00+08:00'));
    server.floor.engine.addQueue(makeQueueConfig('q', 'acme'));
  });
  afterAll(() => server.stop());

  it('lists each call once: no quarter-hour left inside a half-hour, whose reasons the half-hour carries', async () => {
    await dayWritten(server.floor.runtime.history.store, 15, 30);
    const r = await server.get('/api/v1/queues/q/history?tenant=acme&from=2026-11-20&to=2026-11-20', TOKEN);
    expect(r.status).toBe(200);
    const rows: { intervalStart: string; intervalMinutes: number; offered: number; dispositions: Record<string, number> }[] = r.body.intervals;
    const busy = rows.filter((i) => i.offered > 0 || Object.keys(i.dispositions).length).map((i) => [i.intervalStart.slice(11, 16), i.intervalMinutes, i.offered, i.dispositions]);
    // c1 in the 08:15 quarter-hour; c2 and c3 in the half-hours. Before, 08:45 and 09:15 were
    // listed too (each with a call already in its half-hour: 5 calls for the day's 3).
    expect(busy).toEqual([
      ['08:15', 15, 1, {}],
      ['08:30', 30, 1, {}],
      ['09:00', 30, 1, { billing: 3 }],
    ]);
    // No row starts before the one listed before it ends.
    const spans = rows.map((i) => [Date.parse(i.intervalStart), Date.parse(i.intervalStart) + i.intervalMinutes * 60_000]);
    for (let k = 1; k < spans.length; k++) expect(spans[k][0], hhmm(spans[k][0])).toBeGreaterThanOrEqual(spans[k - 1][1]);
  });

  it('lists a day without a change as stored', async () => {
    const store = server.floor.runtime.history.store;
    const first = engineWith(EVENTS.map((e) => ({ ...e, ts: String(e.ts).replace('2026-11-20', '2026-11-21') })), { intervalMinutes: 30 });
    first.tick(Date.parse('2026-11-21T09:35:00+08:00'));
    await startOnce(first, store);
    const stored = await store.queueIntervals('acme', 'q', Date.parse('2026-11-21T00:00:00+08:00'), Date.parse('2026-11-22T00:00:00+08:00'));
    const r = await server.get('/api/v1/queues/q/history?tenant=acme&from=2026-11-21&to=2026-11-21', TOKEN);
    // 00:00 to 09:00: 19 half-hours, c1 in 08:00, c2 in 08:30, c3 in 09:00.
    expect(r.body.intervals).toHaveLength(19);
    expect(r.body.intervals.map((i: { offered: number }) => i.offered).join('')).toBe('0000000000000000111');
    expect(r.body.intervals.map((i: { intervalStart: string }) => Date.parse(i.intervalStart))).toEqual(stored.map((s) => s.intervalStart));
  });
});
