import type { AgentIntervalRollup, CampaignHourRollup, QueueIntervalRollup } from './types.ts';

/**
 * The tables of both SQL stores, described once: each numeric field, its column and whether it
 * holds a count (integer) or seconds (real). Keys come first and form the primary key.
 */
export interface TableSpec<Row> {
  table: string;
  keys: { field: keyof Row & string; column: string; kind: 'text' | 'time' }[];
  values: { field: keyof Row & string; column: string; kind: 'count' | 'seconds' | 'number' | 'json'; nullable?: true }[];
}

export const QUEUE_TABLE: TableSpec<QueueIntervalRollup> = {
  table: 'queue_intervals',
  keys: [
    { field: 'tenant', column: 'tenant', kind: 'text' },
    { field: 'queueId', column: 'queue_id', kind: 'text' },
    { field: 'intervalStart', column: 'interval_start', kind: 'time' },
  ],
  values: [
    { field: 'intervalMinutes', column: 'interval_minutes', kind: 'count' },
    { field: 'offered', column: 'offered', kind: 'count' },
    { field: 'answered', column: 'answered', kind: 'count' },
    { field: 'abandoned', column: 'abandoned', kind: 'count' },
    { field: 'shortAbandoned', column: 'short_abandoned', kind: 'count' },
    { field: 'flowedOut', column: 'flowed_out', kind: 'count' },
    { field: 'answeredInSL', column: 'answered_in_sl', kind: 'count' },
    { field: 'abandonedInSL', column: 'abandoned_in_sl', kind: 'count' },
    { field: 'handled', column: 'handled', kind: 'count' },
    { field: 'waitSecondsAnswered', column: 'wait_seconds_answered', kind: 'seconds' },
    { field: 'talkSeconds', column: 'talk_seconds', kind: 'seconds' },
    { field: 'holdSeconds', column: 'hold_seconds', kind: 'seconds' },
    { field: 'acwSeconds', column: 'acw_seconds', kind: 'seconds' },
    { field: 'maxWaitSeconds', column: 'max_wait_seconds', kind: 'seconds' },
    { field: 'dispositions', column: 'dispositions', kind: 'json' },
    // Added after the first release: null on rows written before it (and on imports without it).
    { field: 'staffedAgents', column: 'staffed_agents', kind: 'number', nullable: true },
  ],
};

export const AGENT_TABLE: TableSpec<AgentIntervalRollup> = {
  table: 'agent_intervals',
  keys: [
    { field: 'tenant', column: 'tenant', kind: 'text' },
    { field: 'agentId', column: 'agent_id', kind: 'text' },
    { field: 'intervalStart', column: 'interval_start', kind: 'time' },
  ],
  values: [
    { field: 'intervalMinutes', column: 'interval_minutes', kind: 'count' },
    { field: 'availableSeconds', column: 'available_seconds', kind: 'seconds' },
    { field: 'talkingSeconds', column: 'talking_seconds', kind: 'seconds' },
    { field: 'holdSeconds', column: 'hold_seconds', kind: 'seconds' },
    { field: 'acwSeconds', column: 'acw_seconds', kind: 'seconds' },
    { field: 'auxSeconds', column: 'aux_seconds', kind: 'seconds' },
    { field: 'offlineSeconds', column: 'offline_seconds', kind: 'seconds' },
    { field: 'callsHandled', column: 'calls_handled', kind: 'count' },
  ],
};

/** Outbound campaigns' local hours (added after the first release: created when missing). */
export const CAMPAIGN_TABLE: TableSpec<CampaignHourRollup> = {
  table: 'campaign_hours',
  keys: [
    { field: 'tenant', column: 'tenant', kind: 'text' },
    { field: 'campaignId', column: 'campaign_id', kind: 'text' },
    { field: 'intervalStart', column: 'interval_start', kind: 'time' },
  ],
  values: [
    { field: 'attempts', column: 'attempts', kind: 'count' },
    { field: 'contacts', column: 'contacts', kind: 'count' },
    { field: 'successes', column: 'successes', kind: 'count' },
    { field: 'refusals', column: 'refusals', kind: 'count' },
    { field: 'callbacks', column: 'callbacks', kind: 'count' },
    { field: 'abandoned', column: 'abandoned', kind: 'count' },
    { field: 'talkSeconds', column: 'talk_seconds', kind: 'seconds' },
  ],
};

/** SQL column types of each dialect. */
export interface Dialect {
  text: string;
  time: string;
  count: string;
  seconds: string;
  /** A real number that is not a duration (agents, FTE). */
  number: string;
  json: string;
  /** The n-th (1-based) bound parameter. */
  param(n: number): string;
  /** How ALTER TABLE adds a column that may already be there ('ADD COLUMN IF NOT EXISTS'), or null when the dialect cannot say so (the store checks first). */
  addMissingColumn: string | null;
}

type Column<Row> = { field: keyof Row & string; column: string; kind: string; nullable?: true };
const columnCache = new WeakMap<object, unknown>();

/** Every column of a table, keys first (built once per table). */
export function columnsOf<Row>(spec: TableSpec<Row>): Column<Row>[] {
  let cols = columnCache.get(spec) as Column<Row>[] | undefined;
  if (!cols) columnCache.set(spec, (cols = [...spec.keys, ...spec.values]));
  return cols;
}

/** CREATE TABLE plus the index both stores use for prune (the primary key serves range reads). */
export function createTableSql<Row>(spec: TableSpec<Row>, d: Dialect): string[] {
  const cols = columnsOf(spec).map((c) => `${c.column} ${sqlType(d, c.kind)}${c.nullable ? '' : ' NOT NULL'}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${spec.table} (${cols.join(', ')}, PRIMARY KEY (${spec.keys.map((k) => k.column).join(', ')}))`,
    `CREATE INDEX IF NOT EXISTS ${spec.table}_start ON ${spec.table} (interval_start)`,
  ];
}

/** The SQL type of a column kind in a dialect. */
function sqlType(d: Dialect, kind: string): string {
  return d[kind as keyof Omit<Dialect, 'param' | 'addMissingColumn'>];
}

/**
 * The columns added after a table's first release (nullable), with the ALTER TABLE that adds
 * each to an older table: idempotent where the dialect can say "if not exists", else to run
 * only when the column is missing.
 */
export function addedColumns<Row>(spec: TableSpec<Row>, d: Dialect): { column: string; sql: string }[] {
  return spec.values.filter((c) => c.nullable).map((c) => ({ column: c.column, sql: `ALTER TABLE ${spec.table} ${d.addMissingColumn ?? 'ADD COLUMN'} ${c.column} ${sqlType(d, c.kind)}` }));
}

/** An idempotent upsert of `rows` rows: the last write of a key wins (same SQL in SQLite and PostgreSQL). */
export function upsertSql<Row>(spec: TableSpec<Row>, d: Dialect, rows: number): string {
  const cols = columnsOf(spec);
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${cols.map((_, i) => d.param(r * cols.length + i + 1)).join(', ')})`);
  const updates = spec.values.map((c) => `${c.column} = excluded.${c.column}`).join(', ');
  return `INSERT INTO ${spec.table} (${cols.map((c) => c.column).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${spec.keys.map((k) => k.column).join(', ')}) DO UPDATE SET ${updates}`;
}

/** A range read of one key's rows, [from, to) by interval start. */
export function rangeSql<Row>(spec: TableSpec<Row>, d: Dialect): string {
  const cols = columnsOf(spec).map((c) => c.column).join(', ');
  return `SELECT ${cols} FROM ${spec.table} WHERE ${spec.keys[0].column} = ${d.param(1)} AND ${spec.keys[1].column} = ${d.param(2)} AND interval_start >= ${d.param(3)} AND interval_start < ${d.param(4)} ORDER BY interval_start`;
}

/** A range read of every row of one tenant (the first key), [from, to) by interval start, by the second key then start. */
export function tenantRangeSql<Row>(spec: TableSpec<Row>, d: Dialect): string {
  const cols = columnsOf(spec).map((c) => c.column).join(', ');
  return `SELECT ${cols} FROM ${spec.table} WHERE ${spec.keys[0].column} = ${d.param(1)} AND interval_start >= ${d.param(2)} AND interval_start < ${d.param(3)} ORDER BY ${spec.keys[1].column}, interval_start`;
}

/** A row's values in column order, JSON fields as text. */
export function rowValues<Row>(spec: TableSpec<Row>, row: Row): unknown[] {
  return columnsOf(spec).map((c) => (c.kind === 'json' ? JSON.stringify(row[c.field]) : (row[c.field] ?? null)));
}

/** A database row back into a rollup: numbers from BIGINT strings, JSON from text or jsonb. */
export function fromDb<Row>(spec: TableSpec<Row>, rec: Record<string, unknown>): Row {
  const out: Record<string, unknown> = {};
  for (const c of columnsOf(spec)) {
    const v = rec[c.column];
    if (c.kind === 'text') out[c.field] = String(v);
    else if (c.kind === 'json') out[c.field] = typeof v === 'string' ? JSON.parse(v) : v;
    else if (v === null || v === undefined) out[c.field] = null;
    else out[c.field] = Number(v);
  }
  return out as Row;
}

/** Sums of `dispositions` per queue from (queue_id, dispositions) rows (JSON as text or jsonb); a queue with rows but no reasons gets {}. */
export function sumDispositions(rows: readonly { queue_id: string; dispositions: unknown }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    let sum = out.get(r.queue_id);
    if (!sum) out.set(r.queue_id, (sum = {}));
    const d = (typeof r.dispositions === 'string' ? JSON.parse(r.dispositions) : r.dispositions) as Record<string, number> | null;
    for (const [reason, n] of Object.entries(d ?? {})) sum[reason] = (sum[reason] ?? 0) + n;
  }
  return out;
}

/** The SQL reading a tenant's queues' dispositions in [from, to). */
export function dispositionsSql(d: Dialect): string {
  return `SELECT queue_id, dispositions FROM queue_intervals WHERE tenant = ${d.param(1)} AND interval_start >= ${d.param(2)} AND interval_start < ${d.param(3)}`;
}
