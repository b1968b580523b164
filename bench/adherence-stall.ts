/**
 * How long the adherence endpoints and the adherence socket hold the event loop on a floor of
 * 20,000 scheduled agents in one tenant (the attacker probe's finding 1): a PUT of a schedule of
 * AGENTS agents 08:00-17:00 and a login of each, then each request RUNS times. The server runs
 * in this process, so the longest event-loop delay (monitorEventLoopDelay) while a request is
 * out is the longest any other request waited behind it (a 2 ms timer's longest gap), and
 * health is polled meanwhile as a screen's probe would.
 *   node --max-semi-space-size=32 --import tsx bench/adherence-stall.ts [agents] [runs]
 */
import { healthLatencies } from './abuse-inputs.ts';
import type { Ack } from '../server/protocol/socket.ts';
import { ndjson, startServer } from '../test/helpers/server.ts';

const AGENTS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 3);
const DAY = '2026-11-20';

const server = await startServer({}, Date.parse(`${DAY}T11:31:00+08:00`));
const ids = Array.from({ length: AGENTS }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
const csv = ['agent_id,start,end,activity', ...ids.map((id) => `${id},${DAY}T08:00:00+08:00,${DAY}T17:00:00+08:00,phone`)].join('\n');
const put = await fetch(`${server.base}/api/v1/schedules/${DAY}`, { method: 'PUT', body: csv, headers: { 'content-type': 'text/csv' } });
if (put.status !== 200) throw new Error(`schedule PUT ${put.status}: ${await put.text()}`);
for (let i = 0; i < AGENTS; i += 5000) {
  // Every third agent logs in late (an exception), the rest on time.
  const events = ids.slice(i, i + 5000).map((agentId, k) => ({ id: `l-${agentId}`, type: 'agent.login', ts: `${DAY}T${(i + k) % 3 ? '08:00' : '09:10'}:00+08:00`, agentId, teamId: `team-${(i + k) % 20}`, state: 'available', queues: ['q1'] }));
  const res = await server.post('/api/v1/events', ndjson(events));
  if (res.status !== 200) throw new Error(`events ${res.status}: ${await res.text()}`);
}

// The longest gap between two beats of a 2 ms timer: the longest any callback waited for the loop.
let lastBeat = performance.now();
let longestGap = 0;
const beat = setInterval(() => {
  const t = performance.now();
  longestGap = Math.max(longestGap, t - lastBeat);
  lastBeat = t;
}, 2);
/** Longest event-loop hold (ms) while `work` runs, with how long it took and its result. */
async function held<T>(work: () => Promise<T>): Promise<{ holdMs: number; slowestHealthMs: number; tookMs: number; value: T }> {
  await new Promise((r) => setTimeout(r, 50));
  // Past the shared computations' age (1 s of real time): every run computes the floor anew.
  server.clock.now += 5000;
  lastBeat = performance.now();
  longestGap = 0;
  const t0 = performance.now();
  const done = work();
  const health = healthLatencies(server.base, done);
  const value = await done;
  const tookMs = performance.now() - t0;
  const slowestHealthMs = Math.max(0, ...(await health));
  // A hold that ended just now is seen at the timer's next beat.
  await new Promise((r) => setTimeout(r, 30));
  return { holdMs: longestGap, slowestHealthMs, tookMs, value };
}
const fmt = (n: number) => n.toFixed(0).padStart(6);

for (const path of ['/api/v1/adherence?detail=intervals,timeline', '/api/v1/adherence', '/api/v1/adherence/live']) {
  for (let r = 0; r < RUNS; r++) {
    const { holdMs, slowestHealthMs, tookMs, value } = await held(async () => {
      const res = await fetch(server.base + path);
      return (await res.arrayBuffer()).byteLength;
    });
    console.log(`${path.padEnd(45)} run ${r + 1}: longest hold ${fmt(holdMs)} ms, slowest health ${fmt(slowestHealthMs)} ms, took ${fmt(tookMs)} ms, ${(value / 1e6).toFixed(2)} MB`);
  }
}

for (let r = 0; r < RUNS; r++) {
  const s = server.socket();
  await new Promise((ok) => s.on('connect', () => ok(null)));
  const sub = await held(() => new Promise<Ack<unknown>>((ok) => s.emit('adherence:subscribe', {} as never, ok as never)));
  const bytes = JSON.stringify(sub.value).length;
  console.log(`adherence:subscribe({})                        run ${r + 1}: longest hold ${fmt(sub.holdMs)} ms, slowest health ${fmt(sub.slowestHealthMs)} ms, took ${fmt(sub.tookMs)} ms, ${(bytes / 1e6).toFixed(2)} MB`);
  let pushes = 0;
  let pushBytes = 0;
  s.on('adherence', (m: unknown) => {
    pushes++;
    pushBytes = JSON.stringify(m).length;
  });
  const push = await held(() => new Promise((ok) => setTimeout(ok, 6500)));
  console.log(`  pushes over 6.5 s: ${pushes}, last ${(pushBytes / 1e6).toFixed(2)} MB, longest hold ${fmt(push.holdMs)} ms, slowest health ${fmt(push.slowestHealthMs)} ms`);
  s.disconnect();
}
clearInterval(beat);
await server.stop();
