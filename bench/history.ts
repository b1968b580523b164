/**
 * npm run bench:history: simulated history, history store writes and reads (SQLite, and
 * PostgreSQL when it answers at TEST_DATABASE_URL or the machine's test database; its own
 * schema, dropped after) and the forecast. Figures go to docs/performance.md by hand.
 */
import { IntervalClock } from '../server/domain/intervals.ts';
import { forecastFromHistory } from '../server/domain/forecast/history-forecast.ts';
import { PostgresHistoryStore } from '../server/history/postgres-store.ts';
import { SqliteHistoryStore } from '../server/history/sqlite-store.ts';
import type { AgentIntervalRollup, HistoryStore, QueueIntervalRollup } from '../server/history/types.ts';
import { simulateHistory, simulatedSpecialDays } from '../simulator/history.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ms = (t0: number) => performance.now() - t0;
const clock = new IntervalClock('Asia/Taipei', 30);

let t0 = performance.now();
const history = simulateHistory({ weeks: 8, seed: 42, timezone: 'Asia/Taipei', end: '2026-11-30' });
console.log(`simulateHistory 8 weeks, 6 queues: ${(ms(t0) / 1000).toFixed(1)} s (${history.length} queue intervals)`);

// One interval close of a large centre: 300 queues and 3000 agents.
const start = Date.parse('2026-11-30T09:00:00+08:00');
const queueRows: QueueIntervalRollup[] = Array.from({ length: 300 }, (_, i) => ({ ...history[i % history.length], queueId: `q${i}`, intervalStart: start }));
const agentRows: AgentIntervalRollup[] = Array.from({ length: 3000 }, (_, i) => ({ tenant: 't', agentId: `a${i}`, intervalStart: start, intervalMinutes: 30, availableSeconds: 300, talkingSeconds: 1200, holdSeconds: 60, acwSeconds: 240, auxSeconds: 0, offlineSeconds: 0, callsHandled: 5 }));

async function measure(name: string, store: HistoryStore): Promise<void> {
  await store.upsertQueueIntervals(history);
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    t0 = performance.now();
    await store.upsertQueueIntervals(queueRows);
    await store.upsertAgentIntervals(agentRows);
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  await store.queueIntervals('acme-telecom', 'acme-billing', 0, Number.MAX_SAFE_INTEGER);
  t0 = performance.now();
  const rows = await store.queueIntervals('acme-telecom', 'acme-billing', 0, Number.MAX_SAFE_INTEGER);
  const read = ms(t0);
  console.log(`${name}: interval close of 300 queues + 3000 agents ${times[2].toFixed(1)} ms (median of 5, upserts); 8 weeks of one queue read in ${read.toFixed(1)} ms (second read) (${rows.length} rows)`);
}

const dir = mkdtempSync(join(tmpdir(), 'floorboard-bench-history-'));
const sqlite = new SqliteHistoryStore(join(dir, 'history.sqlite'));
await measure('SQLite (WAL, file)', sqlite);
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
const up = await probe.connect().then(() => true, () => false);
await probe.end().catch(() => {});
if (up) {
  const schema = `floorboard_bench_${process.pid}`;
  const store = await PostgresHistoryStore.open(url, schema);
  try {
    await measure('PostgreSQL (local)', store);
  } finally {
    await store.dropSchema(schema);
    await store.close();
  }
} else console.warn(`!!! SKIPPING PostgreSQL: ${url} is not reachable`);

const billing = history.filter((r) => r.queueId === 'acme-billing');
t0 = performance.now();
for (let k = 0; k < 10; k++) forecastFromHistory(billing, '2026-11-30', clock, simulatedSpecialDays(), 'acme-billing');
console.log(`forecastFromHistory, 8 weeks of one queue: ${(ms(t0) / 10).toFixed(1)} ms a forecast`);
