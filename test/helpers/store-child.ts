/**
 * A second process for the store tests, run with `node --import tsx`:
 *   append-loop <dataDir>                 appends batches of 1 to 5 entries {n} forever, printing
 *                                         "ack <n>:<position> ..." after each append resolves;
 *   hold-lease <redisUrl> <prefix> <name> <ttlMs>   takes the lease, prints "held", waits.
 * The test kills it with SIGKILL, as a crash would.
 */
import { openStore } from '../../server/store/store.ts';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'append-loop') {
  const store = await openStore({ dataDir: args[0], fsyncIntervalMs: 2 });
  console.log('ready');
  for (let n = 0, size = 1; ; size = (size % 5) + 1) {
    const entries = Array.from({ length: size }, () => ({ n: n++, pad: 'x'.repeat(200) }));
    const positions = await store.append(entries);
    console.log(`ack ${entries.map((e, i) => `${e.n}:${positions[i]}`).join(' ')}`);
  }
} else if (mode === 'hold-lease') {
  const [url, keyPrefix, name, ttl] = args;
  const store = await openStore({ dataDir: '/nonexistent', redisUrl: url, keyPrefix });
  const lease = await store.acquireLease(name, Number(ttl));
  console.log(lease ? 'held' : 'refused');
  setInterval(() => undefined, 1 << 30);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
