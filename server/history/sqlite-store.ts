import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { addedColumns, AGENT_TABLE, CAMPAIGN_TABLE, createTableSql, dispositionsSql, fromDb, QUEUE_TABLE, rangeSql, rowValues, sumDispositions, tenantRangeSql, upsertSql, type Dialect, type TableSpec } from './columns.ts';
import type { SpecialDay } from '../domain/forecast/calendar.ts';
import { CALENDAR_TABLE_SQL, parseSpecialDays } from './special-days-table.ts';
import type { AgentIntervalRollup, CampaignHourRollup, HistoryStore, PruneResult, QueueIntervalRollup } from './types.ts';

export const SQLITE: Dialect = { text: 'TEXT', time: 'INTEGER', count: 'INTEGER', seconds: 'REAL', number: 'REAL', json: 'TEXT', param: () => '?', addMissingColumn: null };

/**
 * The embedded history: one SQLite file in WAL mode (readers never block the writer). Writes
 * are synchronous and batched in one transaction, so closing an interval of 50 queues and 500
 * agents costs about a millisecond and needs no server.
 */
export class SqliteHistoryStore implements HistoryStore {
  readonly kind = 'sqlite';
  private db: Database.Database;
  private upsertQueue: Database.Statement;
  private upsertAgent: Database.Statement;
  private rangeQueue: Database.Statement;
  private rangeAgent: Database.Statement;
  private upsertCampaign: Database.Statement;
  private rangeCampaign: Database.Statement;

  /** Opens (creating when missing) the history file at `path`; ':memory:' for a throwaway one. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    for (const spec of [QUEUE_TABLE, AGENT_TABLE, CAMPAIGN_TABLE] as TableSpec<unknown>[]) {
      for (const sql of createTableSql(spec, SQLITE)) this.db.exec(sql);
      const has = new Set((this.db.prepare(`PRAGMA table_info(${spec.table})`).all() as { name: string }[]).map((c) => c.name));
      for (const a of addedColumns(spec, SQLITE)) if (!has.has(a.column)) this.db.exec(a.sql);
    }
    this.upsertQueue = this.db.prepare(upsertSql(QUEUE_TABLE, SQLITE, 1));
    this.upsertAgent = this.db.prepare(upsertSql(AGENT_TABLE, SQLITE, 1));
    this.rangeQueue = this.db.prepare(rangeSql(QUEUE_TABLE, SQLITE));
    this.rangeAgent = this.db.prepare(rangeSql(AGENT_TABLE, SQLITE));
    this.upsertCampaign = this.db.prepare(upsertSql(CAMPAIGN_TABLE, SQLITE, 1));
    this.rangeCampaign = this.db.prepare(tenantRangeSql(CAMPAIGN_TABLE, SQLITE));
    this.db.exec(CALENDAR_TABLE_SQL);
  }

  async specialDays(tenant: string): Promise<SpecialDay[] | null> {
    const row = this.db.prepare('SELECT days FROM special_days WHERE tenant = ?').get(tenant) as { days: string } | undefined;
    return row ? parseSpecialDays(row.days) : null;
  }

  async setSpecialDays(tenant: string, days: readonly SpecialDay[]): Promise<void> {
    this.db.prepare('INSERT INTO special_days (tenant, days) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET days = excluded.days').run(tenant, JSON.stringify(days));
  }

  async upsertQueueIntervals(rows: readonly QueueIntervalRollup[]): Promise<void> {
    this.write(this.upsertQueue, QUEUE_TABLE, rows);
  }

  async upsertAgentIntervals(rows: readonly AgentIntervalRollup[]): Promise<void> {
    this.write(this.upsertAgent, AGENT_TABLE, rows);
  }

  async queueIntervals(tenant: string, queueId: string, from: number, to: number): Promise<QueueIntervalRollup[]> {
    return this.rangeQueue.all(tenant, queueId, from, to).map((r) => fromDb(QUEUE_TABLE, r as Record<string, unknown>));
  }

  async agentIntervals(tenant: string, agentId: string, from: number, to: number): Promise<AgentIntervalRollup[]> {
    return this.rangeAgent.all(tenant, agentId, from, to).map((r) => fromDb(AGENT_TABLE, r as Record<string, unknown>));
  }

  async upsertCampaignHours(rows: readonly CampaignHourRollup[]): Promise<void> {
    this.write(this.upsertCampaign, CAMPAIGN_TABLE, rows);
  }

  async campaignHours(tenant: string, from: number, to: number): Promise<CampaignHourRollup[]> {
    return this.rangeCampaign.all(tenant, from, to).map((r) => fromDb(CAMPAIGN_TABLE, r as Record<string, unknown>));
  }

  async queueDispositions(tenant: string, from: number, to: number): Promise<Map<string, Record<string, number>>> {
    return sumDispositions(this.db.prepare(dispositionsSql(SQLITE)).all(tenant, from, to) as { queue_id: string; dispositions: string }[]);
  }

  async queues(): Promise<{ tenant: string; queueId: string }[]> {
    const rows = this.db.prepare('SELECT DISTINCT tenant, queue_id FROM queue_intervals ORDER BY tenant, queue_id').all() as { tenant: string; queue_id: string }[];
    return rows.map((r) => ({ tenant: r.tenant, queueId: r.queue_id }));
  }

  async prune(before: number): Promise<PruneResult> {
    const run = this.db.transaction(() => ({
      queueRows: this.db.prepare('DELETE FROM queue_intervals WHERE interval_start < ?').run(before).changes,
      agentRows: this.db.prepare('DELETE FROM agent_intervals WHERE interval_start < ?').run(before).changes,
      campaignRows: this.db.prepare('DELETE FROM campaign_hours WHERE interval_start < ?').run(before).changes,
    }));
    return run();
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private write<Row>(stmt: Database.Statement, spec: TableSpec<Row>, rows: readonly Row[]): void {
    this.db.transaction(() => {
      for (const r of rows) stmt.run(rowValues(spec, r));
    })();
  }
}
