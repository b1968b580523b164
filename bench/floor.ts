/**
 * The durable floor (issue 9): restart time of a day of about a million events to identical
 * numbers (from the log alone, and from a snapshot plus the log after it), and ingest through
 * the log with every answer waiting for its entry to be applied (file store; Redis when
 * redis-server is on PATH). `npm run bench:floor`; figures go in docs/performance.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Engine } from '../server/domain/engine.ts';
import { Plan } from '../server/domain/plan.ts';
import { Floor } from '../server/floor/floor.ts';
import { checkBatch } from '../server/ingest/ingest-batch.ts';
import type { FloorEvent } from '../server/protocol/events.ts';
import { openStore, type Store } from '../server/store/store.ts';
import { queueIntervalRows } from '../server/views/queue-rows.ts';
import { hasRedisServer, startRedisServer } from '../test/helpers/redis-server.ts';
import { simulatedDay } from './day-events.ts';

const logger = pino({ level: 'silent' });
const ZONE = 'Asia/Taipei';
const COPIES = Number(process.env.COPIES ?? 50);
const BATCH = 2000;

const batches: FloorEvent[][] = [];
let pending: FloorEvent[] = [];
for (const slice of simulatedDay(COPIES, ZONE)) {
  pending.push(...checkBatch(slice.map((value, index) => ({ index, value }))).good);
  while (pending.length >= BATCH) batches.push(pending.splice(0, BATCH));
}
if (pending.length) batches.push(pending);
const total = batches.reduce((n, b) => n + b.length, 0);
console.log(`a simulated day of ${COPIES} floors: ${total.toLocaleString('en')} events in ${batches.length} batches`);

const floorOn = (store: Store) => new Floor(new Engine({ timezone: ZONE, intervalMinutes: 30 }), new Plan(), store, logger);
/** Every queue's interval rows of the day: "identical numbers" means this string is equal. */
const figures = (f: Floor) => {
  const day = f.engine.clock.dayOfDate('2026-11-20')!;
  return JSON.stringify([...f.engine.allQueues()].map((q) => [q.config.tenant, q.config.id, queueIntervalRows(f.engine, q, day.start)]).sort());
};

/** Appends every batch with `concurrency` writers each awaiting its answer; events/s. */
async function ingest(floor: Floor, concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) await floor.submitEvents(batches[next++]);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

// ---- file store: ingest, restart from the log, restart from a snapshot --------------------
{
  const dir = mkdtempSync(join(tmpdir(), 'fb-bench-floor-'));
  const open = () => openStore({ dataDir: dir, fsyncIntervalMs: 50, logger });
  let store = await open();
  let floor = floorOn(store);
  await floor.start(Date.now());
  const rate = await ingest(floor, 8);
  const expected = figures(floor);
  console.log(`file store ingest, 8 writers awaiting each answer: ${Math.round(rate).toLocaleString('en')} events/s`);
  await floor.stop();
  await store.close();

  store = await open();
  floor = floorOn(store);
  let t0 = performance.now();
  await floor.start(Date.now());
  const fromLog = performance.now() - t0;
  console.log(`restart from the log alone: ${(fromLog / 1000).toFixed(2)} s, identical: ${figures(floor) === expected}`);
  t0 = performance.now();
  await floor.saveSnapshot(Date.now(), 3 * 86_400_000);
  console.log(`snapshot written in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  await floor.stop();
  await store.close();

  store = await open();
  floor = floorOn(store);
  t0 = performance.now();
  await floor.start(Date.now());
  console.log(`restart from the snapshot: ${((performance.now() - t0) / 1000).toFixed(2)} s, identical: ${figures(floor) === expected}`);
  await floor.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---- Redis: ingest through the log, replica lag is in npm run bench:store -------------------
if (hasRedisServer()) {
  const redis = await startRedisServer();
  const store = await openStore({ dataDir: '', redisUrl: redis.url, keyPrefix: 'bench:', logger });
  const floor = floorOn(store);
  await floor.start(Date.now());
  const rate = await ingest(floor, 8);
  console.log(`Redis ingest, 8 writers awaiting each answer (appended, read back, applied): ${Math.round(rate).toLocaleString('en')} events/s`);
  await floor.stop();
  await store.close();
  await redis.stop();
} else {
  console.log('!!! no redis-server: Redis ingest not measured');
}
