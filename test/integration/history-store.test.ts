import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../server/history/open-store.ts';
import Database from 'better-sqlite3';
import pg from 'pg';
import { columnsOf, createTableSql, QUEUE_TABLE, rowValues } from '../../server/history/columns.ts';
import { POSTGRES, PostgresHistoryStore } from '../../server/history/postgres-store.ts';
import { SQLITE, SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import { retentionCutoff, type AgentIntervalRollup, type HistoryStore, type QueueIntervalRollup } from '../../server/history/types.ts';
import { POSTGRES_URL, postgresAvailable, uniqueSchema } from '../helpers/postgres.ts';

const T0 = Date.parse('2026-11-20T09:00:00+08:00');
const HALF_HOUR = 1_800_000;

function queueRow(over: Partial<QueueIntervalRollup> = {}): QueueIntervalRollup {
  return {
    tenant: 'acme',
    queueId: 'billing',
    intervalStart: T0,
    intervalMinutes: 30,
    offered: 10,
    answered: 8,
    abandoned: 2,
    shortAbandoned: 1,
    flowedOut: 0,
    answeredInSL: 6,
    abandonedInSL: 1,
    handled: 8,
    waitSecondsAnswered: 96.5,
    talkSeconds: 1920,
    holdSeconds: 60,
    acwSeconds: 240,
    maxWaitSeconds: 41.25,
    dispositions: { refund: 3, 'bill-explained': 5 },
    staffedAgents: 4.5,
    ...over,
  };
}

function agentRow(over: Partial<AgentIntervalRollup> = {}): AgentIntervalRollup {
  return {
    tenant: 'acme',
    agentId: 'a1',
    intervalStart: T0,
    intervalMinutes: 30,
    availableSeconds: 300,
    talkingSeconds: 1200,
    holdSeconds: 60,
    acwSeconds: 240,
    auxSeconds: 0,
    offlineSeconds: 0,
    callsHandled: 5,
    ...over,
  };
}

/** The same behaviour is asserted of every implementation. */
function historyStoreSuite(name: string, open: () => Promise<HistoryStore | null>, cleanup: () => Promise<void>) {
  describe(`history store: ${name}`, () => {
    let store: HistoryStore | null = null;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    it('reads back exactly what was written, fractional seconds and dispositions included', async (ctx) => {
      if (!store) return ctx.skip();
      await store.upsertQueueIntervals([queueRow()]);
      expect(await store.queueIntervals('acme', 'billing', T0, T0 + HALF_HOUR)).toEqual([queueRow()]);
    });

    it('reads a row written without staffed agents back with null (history from before the column, or an import without it)', async (ctx) => {
      if (!store) return ctx.skip();
      const start = T0 - 10 * HALF_HOUR;
      await store.upsertQueueIntervals([queueRow({ queueId: 'unstaffed', intervalStart: start, staffedAgents: undefined })]);
      const [row] = await store.queueIntervals('acme', 'unstaffed', start, start + HALF_HOUR);
      expect(row.staffedAgents).toBeNull();
      expect(row.offered).toBe(10);
    });

    it('keeps one row when the same interval is written twice (the last write wins)', async (ctx) => {
      if (!store) return ctx.skip();
      const key = { queueId: 'twice', intervalStart: T0 };
      await store.upsertQueueIntervals([queueRow({ ...key, offered: 10 })]);
      await store.upsertQueueIntervals([queueRow({ ...key, offered: 12, answered: 10 })]);
      // Twice in one batch too, as a replica catching up might send.
      await store.upsertQueueIntervals([queueRow({ ...key, offered: 13 }), queueRow({ ...key, offered: 14 })]);
      const rows = await store.queueIntervals('acme', 'twice', T0 - HALF_HOUR, T0 + HALF_HOUR);
      expect(rows.map((r) => [r.offered, r.answered])).toEqual([[14, 8]]);
    });

    it('reads the half-open range [from, to) in time order, one tenant and queue only', async (ctx) => {
      if (!store) return ctx.skip();
      // Written out of order: 09:30, 09:00, 10:00, 10:30, plus the same queue id in another tenant.
      const starts = [1, 0, 2, 3].map((k) => T0 + k * HALF_HOUR);
      await store.upsertQueueIntervals(starts.map((s, k) => queueRow({ queueId: 'range', intervalStart: s, offered: 100 + k })));
      await store.upsertQueueIntervals([queueRow({ tenant: 'jade', queueId: 'range', offered: 999 })]);
      // [09:30, 10:30) holds 09:30 (offered 100) and 10:00 (offered 102); 10:30 is the open end.
      const rows = await store.queueIntervals('acme', 'range', T0 + HALF_HOUR, T0 + 3 * HALF_HOUR);
      expect(rows.map((r) => [r.intervalStart - T0, r.offered])).toEqual([
        [HALF_HOUR, 100],
        [2 * HALF_HOUR, 102],
      ]);
      expect((await store.queueIntervals('jade', 'range', T0, T0 + HALF_HOUR)).map((r) => r.offered)).toEqual([999]);
      expect(await store.queues()).toEqual(
        expect.arrayContaining([
          { tenant: 'acme', queueId: 'range' },
          { tenant: 'jade', queueId: 'range' },
        ]),
      );
    });

    it("sums a day's dispositions per queue of one tenant over [from, to)", async (ctx) => {
      if (!store) return ctx.skip();
      // 09:00 and 09:30 in the day, 10:00 at the open end, and the same queue in another tenant.
      await store.upsertQueueIntervals([
        queueRow({ tenant: 'reasons', queueId: 'billing', intervalStart: T0, dispositions: { refund: 3, 'bill-explained': 5 } }),
        queueRow({ tenant: 'reasons', queueId: 'billing', intervalStart: T0 + HALF_HOUR, dispositions: { refund: 2, upgrade: 1 } }),
        queueRow({ tenant: 'reasons', queueId: 'billing', intervalStart: T0 + 2 * HALF_HOUR, dispositions: { refund: 100 } }),
        queueRow({ tenant: 'reasons', queueId: 'quiet', intervalStart: T0, dispositions: {} }),
        queueRow({ tenant: 'reasons-other', queueId: 'billing', intervalStart: T0, dispositions: { refund: 50 } }),
      ]);
      const got = await store.queueDispositions('reasons', T0, T0 + 2 * HALF_HOUR);
      // refund 3 + 2 = 5, bill-explained 5, upgrade 1; the 10:00 row and the other tenant's are left out.
      expect(Object.fromEntries(got)).toEqual({ billing: { refund: 5, 'bill-explained': 5, upgrade: 1 }, quiet: {} });
      expect((await store.queueDispositions('reasons', T0 - 2 * HALF_HOUR, T0)).size).toBe(0);
    });

    it('stores agent intervals by (tenant, agent, start) with the same upsert and range rules', async (ctx) => {
      if (!store) return ctx.skip();
      await store.upsertAgentIntervals([agentRow(), agentRow({ callsHandled: 6 }), agentRow({ intervalStart: T0 + HALF_HOUR, auxSeconds: 900 }), agentRow({ tenant: 'jade', callsHandled: 1 })]);
      const rows = await store.agentIntervals('acme', 'a1', T0, T0 + 2 * HALF_HOUR);
      expect(rows).toEqual([agentRow({ callsHandled: 6 }), agentRow({ intervalStart: T0 + HALF_HOUR, auxSeconds: 900 })]);
    });

    it('prunes rows older than the 400-day retention and keeps the rest', async (ctx) => {
      if (!store) return ctx.skip();
      const now = Date.parse('2027-12-01T00:00:00Z');
      const cut = retentionCutoff(now);
      // 400 days before 2027-12-01 is 2026-10-27 (2027-12-01 minus 365 days = 2026-12-01, minus 35 more = 2026-10-27).
      expect(new Date(cut).toISOString()).toBe('2026-10-27T00:00:00.000Z');
      await store.upsertQueueIntervals([queueRow({ queueId: 'old', intervalStart: cut - HALF_HOUR }), queueRow({ queueId: 'old', intervalStart: cut })]);
      await store.upsertAgentIntervals([agentRow({ agentId: 'old', intervalStart: cut - HALF_HOUR })]);
      const pruned = await store.prune(cut);
      expect(pruned.agentRows).toBe(1);
      expect(pruned.queueRows).toBe(1);
      expect((await store.queueIntervals('acme', 'old', 0, Number.MAX_SAFE_INTEGER)).map((r) => r.intervalStart)).toEqual([cut]);
    });
    it("keeps campaign hours per tenant: the last write of an hour wins, a tenant's read has every campaign, prune drops the old", async (ctx) => {
      if (!store) return ctx.skip();
      const hour = (campaignId: string, intervalStart: number, successes: number, tenant = 'acme') => ({ tenant, campaignId, intervalStart, attempts: 10, contacts: 4, successes, refusals: 1, callbacks: 0, abandoned: 1, talkSeconds: 90.5 });
      await store.upsertCampaignHours([hour('survey', T0, 1), hour('survey', T0, 2), hour('survey', T0 + 2 * HALF_HOUR, 3), hour('win', T0, 5), hour('survey', T0, 9, 'jade')]);
      expect(await store.campaignHours('acme', T0, T0 + 4 * HALF_HOUR)).toEqual([hour('survey', T0, 2), hour('survey', T0 + 2 * HALF_HOUR, 3), hour('win', T0, 5)]);
      expect(await store.campaignHours('acme', T0 + 1, T0 + 4 * HALF_HOUR)).toEqual([hour('survey', T0 + 2 * HALF_HOUR, 3)]);
      const pruned = await store.prune(T0 + 1);
      expect(pruned.campaignRows).toBe(3);
      expect(await store.campaignHours('acme', 0, Number.MAX_SAFE_INTEGER)).toEqual([hour('survey', T0 + 2 * HALF_HOUR, 3)]);
    });
    it("keeps each tenant's special-days calendar apart; a tenant that never saved one reads null", async (ctx) => {
      if (!store) return ctx.skip();
      expect(await store.specialDays('acme')).toBeNull();
      const days = [{ date: '2026-12-11', kind: 'campaign' as const, name: 'Year-end sale', factor: 1.6, queueIds: ['billing'] }];
      await store.setSpecialDays('acme', days);
      await store.setSpecialDays('globex', []);
      expect(await store.specialDays('acme')).toEqual(days);
      expect(await store.specialDays('globex')).toEqual([]);
      await store.setSpecialDays('acme', []);
      expect(await store.specialDays('acme')).toEqual([]);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'floorboard-history-'));
historyStoreSuite(
  'SQLite',
  () => openHistoryStore({ dataDir: dir }),
  async () => {
    expect(existsSync(join(dir, 'history.sqlite'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  },
);

const schema = uniqueSchema('floorboard_history_test');
let pgStore: PostgresHistoryStore | null = null;
historyStoreSuite(
  'PostgreSQL',
  async () => {
    if (!(await postgresAvailable())) return null;
    pgStore = await PostgresHistoryStore.open(POSTGRES_URL, schema);
    // A second handle on the same schema, as the store is opened by the server.
    return openHistoryStore({ dataDir: '/nonexistent', databaseUrl: POSTGRES_URL, schema });
  },
  async () => {
    if (!pgStore) return;
    await pgStore.dropSchema(schema);
    await pgStore.close();
  },
);

describe('history tables from before the staffed-agents column', () => {
  // The queue table as first released: every column but the ones added later (nullable).
  const OLD_QUEUE_TABLE = { ...QUEUE_TABLE, values: QUEUE_TABLE.values.filter((c) => !c.nullable) };
  const oldRow = { ...queueRow(), staffedAgents: undefined };

  it('SQLite: opening an older file adds the column; old rows read null, new rows keep their staff', async () => {
    const oldDir = mkdtempSync(join(tmpdir(), 'floorboard-history-old-'));
    const file = join(oldDir, 'history.sqlite');
    const db = new Database(file);
    for (const sql of createTableSql(OLD_QUEUE_TABLE, SQLITE)) db.exec(sql);
    const cols = columnsOf(OLD_QUEUE_TABLE);
    db.prepare(`INSERT INTO queue_intervals (${cols.map((c) => c.column).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...rowValues(OLD_QUEUE_TABLE, oldRow));
    db.close();
    const store = new SqliteHistoryStore(file);
    try {
      await store.upsertQueueIntervals([queueRow({ intervalStart: T0 + HALF_HOUR, staffedAgents: 3.25 })]);
      const rows = await store.queueIntervals('acme', 'billing', T0, T0 + 2 * HALF_HOUR);
      expect(rows.map((r) => [r.offered, r.staffedAgents])).toEqual([[10, null], [10, 3.25]]);
    } finally {
      await store.close();
      rmSync(oldDir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: opening an older schema adds the column; old rows read null, new rows keep their staff', async (ctx) => {
    if (!(await postgresAvailable())) return ctx.skip();
    const oldSchema = uniqueSchema('floorboard_history_old');
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${oldSchema}` });
    let store: PostgresHistoryStore | null = null;
    try {
      await pool.query(`CREATE SCHEMA ${oldSchema}`);
      for (const sql of createTableSql(OLD_QUEUE_TABLE, POSTGRES)) await pool.query(sql);
      const cols = columnsOf(OLD_QUEUE_TABLE);
      await pool.query(`INSERT INTO queue_intervals (${cols.map((c) => c.column).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, rowValues(OLD_QUEUE_TABLE, oldRow));
      store = await PostgresHistoryStore.open(POSTGRES_URL, oldSchema);
      await store.upsertQueueIntervals([queueRow({ intervalStart: T0 + HALF_HOUR, staffedAgents: 3.25 })]);
      const rows = await store.queueIntervals('acme', 'billing', T0, T0 + 2 * HALF_HOUR);
      expect(rows.map((r) => [r.offered, r.staffedAgents])).toEqual([[10, null], [10, 3.25]]);
    } finally {
      await store?.dropSchema(oldSchema);
      await store?.close();
      await pool.end();
    }
  });
});
