import pg from 'pg';
import { addedColumns, AGENT_TABLE, CAMPAIGN_TABLE, createTableSql, dispositionsSql, fromDb, QUEUE_TABLE, rangeSql, rowValues, sumDispositions, tenantRangeSql, upsertSql, type Dialect, type TableSpec } from './columns.ts';
import type { SpecialDay } from '../domain/forecast/calendar.ts';
import { CALENDAR_TABLE_SQL, parseSpecialDays } from './special-days-table.ts';
import type { AgentIntervalRollup, CampaignHourRollup, HistoryStore, PruneResult, QueueIntervalRollup } from './types.ts';

export const POSTGRES: Dialect = { text: 'TEXT', time: 'BIGINT', count: 'INTEGER', seconds: 'DOUBLE PRECISION', number: 'DOUBLE PRECISION', json: 'JSONB', param: (n) => `$${n}`, addMissingColumn: 'ADD COLUMN IF NOT EXISTS' };

/** Rows per INSERT: PostgreSQL takes at most 65535 parameters in one statement. */
const BATCH = 500;

/**
 * The shared history for replicas: every server writes the intervals it closes to one
 * PostgreSQL database, and the upsert makes the duplicate writes of replicas harmless.
 */
export class PostgresHistoryStore implements HistoryStore {
  readonly kind = 'postgres';

  private constructor(private pool: pg.Pool) {}

  /**
   * Connects to `url` and creates the tables when missing. `schema` (a plain identifier)
   * keeps the tables in their own schema, created when missing; tests use a throwaway one.
   */
  static async open(url: string, schema?: string): Promise<PostgresHistoryStore> {
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`history schema "${schema.slice(0, 40)}" must be a lower-case SQL identifier`);
    const pool = new pg.Pool({ connectionString: url, max: 4, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    try {
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      for (const spec of [QUEUE_TABLE, AGENT_TABLE, CAMPAIGN_TABLE] as TableSpec<unknown>[]) {
        for (const sql of createTableSql(spec, POSTGRES)) await pool.query(sql);
        for (const a of addedColumns(spec, POSTGRES)) await pool.query(a.sql);
      }
      await pool.query(CALENDAR_TABLE_SQL);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PostgresHistoryStore(pool);
  }

  async upsertQueueIntervals(rows: readonly QueueIntervalRollup[]): Promise<void> {
    await this.write(QUEUE_TABLE, rows);
  }

  async upsertAgentIntervals(rows: readonly AgentIntervalRollup[]): Promise<void> {
    await this.write(AGENT_TABLE, rows);
  }

  async queueIntervals(tenant: string, queueId: string, from: number, to: number): Promise<QueueIntervalRollup[]> {
    const res = await this.pool.query(rangeSql(QUEUE_TABLE, POSTGRES), [tenant, queueId, from, to]);
    return res.rows.map((r) => fromDb(QUEUE_TABLE, r));
  }

  async agentIntervals(tenant: string, agentId: string, from: number, to: number): Promise<AgentIntervalRollup[]> {
    const res = await this.pool.query(rangeSql(AGENT_TABLE, POSTGRES), [tenant, agentId, from, to]);
    return res.rows.map((r) => fromDb(AGENT_TABLE, r));
  }

  async upsertCampaignHours(rows: readonly CampaignHourRollup[]): Promise<void> {
    await this.write(CAMPAIGN_TABLE, rows);
  }

  async campaignHours(tenant: string, from: number, to: number): Promise<CampaignHourRollup[]> {
    const res = await this.pool.query(tenantRangeSql(CAMPAIGN_TABLE, POSTGRES), [tenant, from, to]);
    return res.rows.map((r) => fromDb(CAMPAIGN_TABLE, r));
  }

  async queueDispositions(tenant: string, from: number, to: number): Promise<Map<string, Record<string, number>>> {
    const res = await this.pool.query<{ queue_id: string; dispositions: unknown }>(dispositionsSql(POSTGRES), [tenant, from, to]);
    return sumDispositions(res.rows);
  }

  async queues(): Promise<{ tenant: string; queueId: string }[]> {
    const res = await this.pool.query<{ tenant: string; queue_id: string }>('SELECT DISTINCT tenant, queue_id FROM queue_intervals ORDER BY tenant, queue_id');
    return res.rows.map((r) => ({ tenant: r.tenant, queueId: r.queue_id }));
  }

  async specialDays(tenant: string): Promise<SpecialDay[] | null> {
    const res = await this.pool.query<{ days: string }>('SELECT days FROM special_days WHERE tenant = $1', [tenant]);
    return res.rows.length ? parseSpecialDays(res.rows[0].days) : null;
  }

  async setSpecialDays(tenant: string, days: readonly SpecialDay[]): Promise<void> {
    await this.pool.query('INSERT INTO special_days (tenant, days) VALUES ($1, $2) ON CONFLICT (tenant) DO UPDATE SET days = excluded.days', [tenant, JSON.stringify(days)]);
  }

  async prune(before: number): Promise<PruneResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const q = await client.query('DELETE FROM queue_intervals WHERE interval_start < $1', [before]);
      const a = await client.query('DELETE FROM agent_intervals WHERE interval_start < $1', [before]);
      const c = await client.query('DELETE FROM campaign_hours WHERE interval_start < $1', [before]);
      await client.query('COMMIT');
      return { queueRows: q.rowCount ?? 0, agentRows: a.rowCount ?? 0, campaignRows: c.rowCount ?? 0 };
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Drops the schema and everything in it (for tests that made their own). */
  async dropSchema(schema: string): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }

  private async write<Row>(spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
    // One statement per batch; a key twice in one statement is an error in PostgreSQL, so the last write of a key wins first.
    const unique = [...new Map(rows.map((r) => [spec.keys.map((k) => String(r[k.field])).join('\u0000'), r])).values()];
    for (let i = 0; i < unique.length; i += BATCH) {
      const part = unique.slice(i, i + BATCH);
      await this.pool.query(upsertSql(spec, POSTGRES, part.length), part.flatMap((r) => rowValues(spec, r)));
    }
  }
}
