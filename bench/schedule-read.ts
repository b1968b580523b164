/**
 * What one read of a big day's rota costs: a server in this process (test/helpers/server.ts) takes
 * a day of AGENTS x 12 segments by PUT /schedules/:date (10,000 agents an import), then GET /schedules/:date is timed while
 * health is polled and a callback asks for every turn of the loop. Prints the GET's total time
 * (to the last byte of its body), its body size, the slowest health answer and the longest turn
 * (the longest any other callback waited). Client and server share the loop, as on
 * bench/board-cost.ts: the client only counts the body's bytes as they stream in, it never
 * parses or joins them. Also prints the highest heapUsed and arrayBuffers (Buffers' bytes) seen
 * while the read ran, above what they were before it (after a full GC with --expose-gc), sampled
 * every 5 ms: what one read holds at its worst, garbage not yet collected included.
 *   node --expose-gc --max-semi-space-size=32 --import tsx bench/schedule-read.ts [agents]   (default 10000)
 */
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

(globalThis as { gc?: () => void }).gc?.();
const base = process.memoryUsage();
const peak = { heapUsed: 0, arrayBuffers: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed - base.heapUsed);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers - base.arrayBuffers);
};
const sampler = setInterval(sample, 5);
const t0 = performance.now();
const read = fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`).then(async (r) => {
  if (r.status !== 200) throw new Error(`GET answered ${r.status}`);
  // Counted as it streams in: one arrayBuffer() of 16 MB is a 50 ms turn of this (shared) loop.
  let bytes = 0;
  const reader = r.body!.getReader();
  for (let c = await reader.read(); !c.done; c = await reader.read()) bytes += c.value.byteLength;
  return bytes;
});
const turn = longestTurn(() => read);
const health = await healthLatencies(server.base, read);
const bytes = await read;
const totalMs = performance.now() - t0;
clearInterval(sampler);
sample();
console.log(
  `GET /schedules of ${(AGENTS * 12).toLocaleString('en-US')} segments: ${Math.round(totalMs)} ms, ${(bytes / 1e6).toFixed(1)} MB, ` +
    `health max ${Math.round(Math.max(...health))} ms over ${health.length}, longest turn ${Math.round((await turn).longest)} ms; ` +
    `heapUsed up to +${(peak.heapUsed / 1e6).toFixed(1)} MB, arrayBuffers up to +${(peak.arrayBuffers / 1e6).toFixed(1)} MB (gc before: ${Boolean((globalThis as { gc?: unknown }).gc)})`,
);
await server.stop();
process.exit(0);
