/**
 * npm run bench:store (also the last part of npm run bench): the log's append throughput, file
 * and Redis, in events/s, each entry a batch of 500 canonical events of a simulated day and each
 * appender awaiting its append as an HTTP ingest would; and replica lag, p50/p99, from append on
 * one store to delivery at a follower in another process (Redis) or the same one (file).
 * Redis is a private redis-server on a free port, never the machine's. Figures go to
 * docs/performance.md by hand.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openFileStore } from '../server/store/file-store.ts';
import { openStore, type Store } from '../server/store/store.ts';
import { hasRedisServer, startRedisServer } from '../test/helpers/redis-server.ts';
import { simulatedDay } from './day-events.ts';

const BATCH = 500;
const APPENDERS = 8;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** Wall time in ms with sub-ms precision, comparable between processes on one machine. */
const wallMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

if (process.argv[2] === 'follower') {
  await follower(process.argv[3], process.argv[4]);
} else {
  await main();
}

async function main(): Promise<void> {
  const events = [...simulatedDay(24)].flat().slice(0, 400 * BATCH); // ~9,500 events per copy of the simulated floor
  const batches: unknown[][] = [];
  for (let i = 0; i + BATCH <= events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const bytes = JSON.stringify(batches[0]).length;
  console.log(`\nStore: entries of ${BATCH} events (~${fmt(bytes / 1024)} KiB of JSON each), ${APPENDERS} appenders each awaiting its append; append figures best of 3`);
  console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores: lag percentiles suffer on a busy machine)`);

  for (const fsyncIntervalMs of [50, 0]) {
    const dir = mkdtempSync(join(tmpdir(), 'floorboard-bench-'));
    try {
      const store = await openFileStore({ dataDir: dir, fsyncIntervalMs });
      console.log(`file store, fsync interval ${String(fsyncIntervalMs).padStart(2)} ms   append ${fmt(await throughput(store, batches))} events/s; ` + (await lagLine(store, store)));
      await store.close();
      if (fsyncIntervalMs === 0) {
        const reopened = await openFileStore({ dataDir: dir });
        console.log(`file store, reopened: read the whole log back at ${fmt(await readBack(reopened))} events/s (JSON.parse included)`);
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (!hasRedisServer()) {
    console.log('!!! SKIPPING the Redis store figures: no redis-server on PATH');
    return;
  }
  const redis = await startRedisServer();
  try {
    const store = await openStore({ dataDir: '', redisUrl: redis.url, keyPrefix: 'bench:' });
    console.log(`redis store                     append ${fmt(await throughput(store, batches))} events/s`);
    const reader = await openStore({ dataDir: '', redisUrl: redis.url, keyPrefix: 'bench:' });
    console.log(`redis store, another instance: read the whole log back at ${fmt(await readBack(reader))} events/s (JSON.parse included)`);
    await reader.close();
    for (const [rate, size] of [[100, BATCH], [50, 1]] as const) {
      const lag = await replicaLag(redis.url, store, rate, size);
      console.log(`redis replica lag at ${fmt(rate * size).padStart(6)} events/s (${rate} appends/s of ${size})   p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms (follower in another process)`);
    }
    await store.close();
  } finally {
    await redis.stop();
  }
}

/** Events per second through `store.append`, APPENDERS callers each awaiting its own append. */
async function throughput(store: Store, batches: unknown[][]): Promise<number> {
  await store.append([batches[0]]); // warm up connections and the JIT
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: APPENDERS }, async () => {
        while (next < batches.length) await store.append([batches[next++]]);
      }),
    );
    best = Math.max(best, (batches.length * BATCH) / ((performance.now() - t0) / 1000));
  }
  return best;
}

/** Events per second delivered by follow(null) over the whole log (what a restart replays). */
async function readBack(store: Store): Promise<number> {
  let events = 0;
  let last = performance.now();
  const t0 = last;
  const f = store.follow(null, (records) => {
    for (const r of records) if (Array.isArray(r.entry)) events += r.entry.length;
    last = performance.now();
  });
  // Done once something came and then nothing for 300 ms (a first read may take a while).
  while (events === 0 || performance.now() - last < 300) await sleep(50);
  await f.stop();
  return events / ((last - t0) / 1000);
}

/** The file store's own lag (one process owns it): append to delivery at its follower. */
async function lagLine(store: Store, follower: Store): Promise<string> {
  const lags: number[] = [];
  const [start] = await store.append([{ mark: 'start' }]); // follow from here: no catch-up in the figures
  const f = follower.follow(start, (records) => {
    const now = wallMs();
    for (const r of records) if (isStamped(r.entry)) lags.push(now - r.entry.sentAt);
  });
  await steady(store, 100, BATCH, 5_000);
  await sleep(500);
  await f.stop();
  const l = percentiles(lags);
  return `append-to-follower lag at 50,000 events/s p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`;
}

/** Lag from append on `store` to delivery at a follower in another process, at `rate` appends/s. */
async function replicaLag(url: string, store: Store, rate: number, size: number): Promise<{ p50: number; p99: number; max: number }> {
  const start = (await store.append([{ mark: 'start' }]))[0];
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'follower', url, 'bench:'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const out: string[] = [];
  lines.on('line', (l) => out.push(l));
  child.stdin!.end(`${start}\n`);
  await store.append([{ mark: 'hello' }]); // its arrival says the follower is reading
  while (!out.includes('ready')) await sleep(20);
  await steady(store, rate, size, 10_000);
  await store.append([{ mark: 'end' }]);
  await new Promise((r) => child.once('exit', r));
  const result = out.find((l) => l.startsWith('{'));
  if (!result) throw new Error('the follower printed no result');
  return JSON.parse(result) as { p50: number; p99: number; max: number };
}

/** Appends `rate` entries a second (each stamped with its send time) for `ms`, not waiting in between. */
async function steady(store: Store, rate: number, size: number, ms: number): Promise<void> {
  const payload = [...simulatedDay(1)].flat().slice(0, size);
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < (rate * ms) / 1000; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(store.append([{ sentAt: wallMs(), events: payload }]));
  }
  await Promise.all(pending);
}

/** The follower process: reads from the position on stdin, says ready at the hello mark, prints lag percentiles at the end mark. */
async function follower(url: string, keyPrefix: string): Promise<void> {
  const input = createInterface({ input: process.stdin });
  const start = await new Promise<string>((resolve) => input.once('line', resolve));
  input.close();
  const store = await openStore({ dataDir: '', redisUrl: url, keyPrefix });
  const lags: number[] = [];
  let finish!: () => void;
  const ended = new Promise<void>((r) => (finish = r));
  const f = store.follow(start, (records) => {
    const now = wallMs();
    for (const r of records) {
      if (isStamped(r.entry)) lags.push(now - r.entry.sentAt);
      else if (markOf(r.entry) === 'hello') console.log('ready');
      else if (markOf(r.entry) === 'end') finish();
    }
  });
  await ended;
  await f.stop();
  await store.close();
  console.log(JSON.stringify(percentiles(lags)));
}

function markOf(e: unknown): unknown {
  return typeof e === 'object' && e !== null && 'mark' in e ? e.mark : undefined;
}

function isStamped(e: unknown): e is { sentAt: number } {
  return typeof e === 'object' && e !== null && 'sentAt' in e && typeof e.sentAt === 'number';
}

function percentiles(xs: number[]): { p50: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN };
}
