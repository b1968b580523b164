/**
 * A Redis follower catching up: 100 log entries of 2,000 events each (0.27 MB of JSON apiece)
 * followed from the start by a consumer that, like the floor, gives the loop a turn after each
 * call; prints the longest turn (ms) and how many calls the records came in. Needs redis-server.
 *   node --import tsx bench/redis-follow.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openStore } from '../server/store/store.ts';
import { startRedisServer } from '../test/helpers/redis-server.ts';

const ENTRIES = 100;
const redis = await startRedisServer();
const store = await openStore({ dataDir: '/nonexistent', redisUrl: redis.url, keyPrefix: 'bench:' });
const entry = (n: number) => ({
  k: 'events',
  events: Array.from({ length: 2000 }, (_, i) => ({ id: `e${n}-${i}`, type: 'call.queued', ts: '2026-12-03T09:00:00.000Z', tenant: 'acme', callId: `c${n}-${i}`, queueId: 'support', priority: 0 })),
});
for (let i = 0; i < ENTRIES; i += 10) await store.append(Array.from({ length: 10 }, (_, j) => entry(i + j)));
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let records = 0;
let calls = 0;
const t0 = performance.now();
await new Promise<void>((done) => {
  const follower = store.follow(null, async (got) => {
    records += got.length;
    calls++;
    await new Promise((r) => setImmediate(r));
    if (records >= ENTRIES) {
      done();
      void follower.stop();
    }
  });
});
const total = performance.now() - t0;
// A turn that ran to the end is recorded only when the monitor's timer fires after it.
await new Promise((r) => setTimeout(r, 50));
delay.disable();
console.log(`${records} entries of 2,000 events (${(JSON.stringify(entry(0)).length / 1e6).toFixed(2)} MB each) in ${calls} calls, ${total.toFixed(0)} ms; longest turn ${(delay.max / 1e6).toFixed(0)} ms`);
await store.close();
await redis.stop();
