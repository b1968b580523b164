/**
 * Costs on a floor of 20,000 agents in one tenant (findings 2, 3 and 9 of the probe): agents:page
 * searches, GET /snapshot, subscribe({}), intraday:subscribe for many dates; each with the slowest
 * health answer while it runs. Not a load test: one process, a few hundred sockets.
 * Run: node --import tsx bench/board-cost.ts
 */
import { healthLatencies } from './abuse-inputs.ts';
import { longestTurn } from './longest-turn.ts';
import { ev } from '../test/helpers/events.ts';
import { ndjson, startServer } from '../test/helpers/server.ts';

const AGENTS = 20_000;
const server = await startServer();
const logins = Array.from({ length: AGENTS }, (_, i) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId: `bulk-${String(i).padStart(5, '0')}`, name: `Agent ${i}`, queues: ['support'], state: 'available' }));
for (let i = 0; i < logins.length; i += 5000) await server.post('/api/v1/events', ndjson(logins.slice(i, i + 5000)));
server.floor.hub.flush();

const connected = async () => {
  const s = server.socket();
  await new Promise<void>((r) => s.once('connect', () => r()));
  return s;
};
async function watched(label: string, work: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  const done = work();
  const h = await healthLatencies(server.base, done);
  await done;
  console.log(`${label}: ${Math.round(performance.now() - t0)} ms, health max ${Math.round(Math.max(...h))} ms over ${h.length}`);
}
const only = process.argv[2];
if (!only || only === 'search') {
  const sockets = await Promise.all(Array.from({ length: 5 }, connected));
  const one = sockets[0];
  for (const search of ['1', '12', '123', '7', '45']) {
    const t0 = performance.now();
    const a = await new Promise<any>((r) => one.emit('agents:page', { offset: 0, limit: 50, search }, r));
    console.log(`one search ${search}: ${(performance.now() - t0).toFixed(1)} ms, total ${a.data?.total}`);
  }
  if (process.argv[3]) await watched('5 sockets x 10 searches', () => Promise.all(sockets.flatMap((s, i) => Array.from({ length: 10 }, (_, j) => new Promise((r) => s.emit('agents:page', { offset: 0, limit: 50, search: `${i}x${j}` }, r))))));
  for (const s of sockets) s.disconnect();
}
if (!only || only === 'snapshot') {
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const body = await (await fetch(`${server.base}/api/v1/snapshot`)).arrayBuffer();
    console.log(`GET /snapshot: ${Math.round(performance.now() - t0)} ms, ${(body.byteLength / 1e6).toFixed(1)} MB`);
  }
  await watched('10 concurrent GET /snapshot', () => Promise.all(Array.from({ length: 10 }, async () => (await fetch(`${server.base}/api/v1/snapshot`)).arrayBuffer())));
  for (let i = 0; i < 3; i++) {
    // A change first, so the answer is written anew; the longest turn is timed until the server sends it.
    await server.post('/api/v1/events', ndjson([ev('agent.state', `09:1${i}:00`, { tenant: 'acme', agentId: 'bulk-00001', state: i % 2 ? 'available' : 'aux' })]));
    server.floor.hub.flush();
    const s = await connected();
    const sent = new Promise<void>((resolve) => server.floor.io.of('/').sockets.get(s.id!)!.conn.once('packetCreate', () => resolve()));
    const t0 = performance.now();
    const answered = new Promise((r) => s.emit('subscribe', {}, r));
    const { ms, longest } = await longestTurn(() => sent);
    await answered;
    console.log(`subscribe({}): sent after ${Math.round(ms)} ms, longest turn ${Math.round(longest)} ms; answered after ${Math.round(performance.now() - t0)} ms`);
    s.disconnect();
  }
}
if (!only || only === 'intraday') {
  const sockets = await Promise.all(Array.from({ length: 300 }, connected));
  const date = (i: number) => new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  await watched('300 intraday:subscribe, each its own date', () => Promise.all(sockets.map((s, i) => new Promise((r) => s.emit('intraday:subscribe', { queueId: 'support', date: date(i) }, r)))));
  for (const s of sockets) s.disconnect();
}
await server.stop();
process.exit(0);
