/**
 * What one read of a big day's rota costs: a server in this process (test/helpers/server.ts) takes
 * a day of AGENTS x 12 segments by PUT /schedules/:date (10,000 agents an import), then GET /schedules/:date is timed while
 * health is polled and a callback asks for every turn of the loop. Prints the GET's total time
 * (to the last byte of its body), its body size, the slowest health answer and the longest turn
 * (the longest any other callback waited). Client and server share the loop, as on
 * bench/board-cost.ts: the client only counts the body's bytes as they stream in, it never
 * parses or joins them. Also prints the highest heapUsed and arrayBuffers (Buffers' bytes) seen
 * while the read ran, above what they were before it, sampled every 5 ms (garbage not yet
 * collected included, so it moves with when GCs happen); then, with --expose-gc, reads the day
 * again with a full GC before a sample at every turn (what one read holds alive between its
 * steps), and once more by a caller that reads nothing for 300 ms once its answer has started
 * (what the server holds for a caller reading slowly; the kernel's socket buffers take some).
 *   node --expose-gc --max-semi-space-size=32 --import tsx bench/schedule-read.ts [agents]   (default 10000)
 */
import { request } from 'node:http';
import { healthLatencies } from './abuse-inputs.ts';
import { longestTurn } from './longest-turn.ts';
import { startServer } from '../test/helpers/server.ts';

const AGENTS = Number(process.argv[2] ?? 10_000);
const HOUR = 3_600_000;
/** The day after the test server's fixed today (2026-11-20 in Taipei). */
const DATE = '2026-11-21';
const midnight = Date.parse(`${DATE}T00:00:00+08:00`);
const iso = (t: number) => new Date(t + 8 * HOUR).toISOString().replace('.000Z', '+08:00');
const ACTIVITIES = ['phone', 'phone', 'break', 'phone', 'phone', 'lunch', 'phone', 'phone', 'meeting', 'phone', 'training', 'phone'];

/** Agents an import: their rows stay under the 10 MiB body limit. */
const AGENTS_A_PUT = 10_000;

/** CSV of agents [from, to) of twelve 40-minute segments every 45 minutes from 06:00. */
function body(from: number, to: number): string {
  const lines = ['agent_id,start,end,activity'];
  for (let a = from; a < to; a++) {
    for (let k = 0; k < 12; k++) {
      const start = midnight + 6 * HOUR + k * 45 * 60_000;
      lines.push(`agent-${String(a).padStart(5, '0')},${iso(start)},${iso(start + 40 * 60_000)},${ACTIVITIES[k]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const server = await startServer();
for (let from = 0; from < AGENTS; from += AGENTS_A_PUT) {
  const put = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { method: 'PUT', body: body(from, Math.min(AGENTS, from + AGENTS_A_PUT)), headers: { 'content-type': 'text/csv' } });
  if (put.status !== 200) throw new Error(`import answered ${put.status}: ${(await put.text()).slice(0, 300)}`);
  console.log(`imported ${JSON.stringify(await put.json())}`);
}
// One small read first: the first request of a route compiles what it runs.
await (await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme&agentId=agent-00000`)).arrayBuffer();

const gc = (globalThis as { gc?: () => void }).gc;
/**
 * Highest heapUsed, arrayBuffers and their sum at one sample (bytes) above what they were before,
 * sampled every `everyMs` while `work` runs (0: every turn of the loop); with `collect`, each
 * sample after a full GC.
 */
async function peakMemory<T>(work: () => Promise<T>, everyMs: number, collect: boolean): Promise<{ value: T; heapUsed: number; arrayBuffers: number; both: number }> {
  gc?.();
  const base = process.memoryUsage();
  const peak = { heapUsed: 0, arrayBuffers: 0, both: 0 };
  const sample = () => {
    if (collect) gc!();
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed - base.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers - base.arrayBuffers);
    peak.both = Math.max(peak.both, m.heapUsed - base.heapUsed + m.arrayBuffers - base.arrayBuffers);
  };
  let running = true;
  // every turn of the loop (everyMs 0), or on a timer
  const spin = () => {
    sample();
    if (running) setImmediate(spin);
  };
  const sampler = everyMs > 0 ? setInterval(sample, everyMs) : (setImmediate(spin), undefined);
  const value = await work();
  running = false;
  clearInterval(sampler);
  sample();
  return { value, ...peak };
}
const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** One GET of the whole day, its body counted as it streams in: its bytes. */
const readDay = () =>
  fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`).then(async (r) => {
    if (r.status !== 200) throw new Error(`GET answered ${r.status}`);
    // Counted as it streams in: one arrayBuffer() of 16 MB is a 50 ms turn of this (shared) loop.
    let bytes = 0;
    const reader = r.body!.getReader();
    for (let c = await reader.read(); !c.done; c = await reader.read()) bytes += c.value.byteLength;
    return bytes;
  });

const t0 = performance.now();
const timed = peakMemory(
  async () => {
    const read = readDay();
    const turn = longestTurn(() => read);
    const health = await healthLatencies(server.base, read);
    return { bytes: await read, health, longest: (await turn).longest, ms: performance.now() - t0 };
  },
  5,
  false,
);
const { value: r, heapUsed, arrayBuffers } = await timed;
console.log(
  `GET /schedules of ${(AGENTS * 12).toLocaleString('en-US')} segments: ${Math.round(r.ms)} ms, ${MB(r.bytes)}, ` +
    `health max ${Math.round(Math.max(...r.health))} ms over ${r.health.length}, longest turn ${Math.round(r.longest)} ms; ` +
    `heapUsed up to +${MB(heapUsed)}, arrayBuffers up to +${MB(arrayBuffers)} (garbage not yet collected included)`,
);
// Again, a full GC before a sample at every turn of the loop (the read takes seconds so): what
// the read holds alive between its steps at worst.
if (gc) {
  const live = await peakMemory(readDay, 0, true);
  console.log(`the same read, a full GC before a sample every turn: live heapUsed up to +${MB(live.heapUsed)}, arrayBuffers up to +${MB(live.arrayBuffers)}, both at once up to +${MB(live.both)}`);
  // A caller that reads nothing once its answer has started: what the server holds for it meanwhile.
  const held = await new Promise<{ heapUsed: number; arrayBuffers: number }>((resolve, reject) => {
    gc();
    const base = process.memoryUsage();
    request(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, (res) => {
      res.pause();
      setTimeout(() => {
        gc();
        const m = process.memoryUsage();
        res.resume();
        res.on('end', () => resolve({ heapUsed: m.heapUsed - base.heapUsed, arrayBuffers: m.arrayBuffers - base.arrayBuffers }));
      }, 300);
    })
      .on('error', reject)
      .end();
  });
  console.log(`held for a caller reading nothing 300 ms after its answer started (after a full GC): heapUsed +${MB(held.heapUsed)}, arrayBuffers +${MB(held.arrayBuffers)}`);
} else console.log('(run with --expose-gc for the live figures)');
await server.stop();
process.exit(0);
