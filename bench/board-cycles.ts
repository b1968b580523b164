/**
 * What the agent boards cost a push cycle on the big floor's shape: 20 tenants of 1,000 agents,
 * every tenant's board asked for once a cycle (a wall of screens refreshes its window every 2 s
 * while the floor changes, so on a live floor each tenant's board is built every cycle), with a
 * few agents of each tenant changing between cycles. Prints the server CPU (user + system, ms)
 * of the 20 page requests of each cycle, and the hub's board builds. One process, a socket a tenant;
 * not a load test.
 *   node --import tsx bench/board-cycles.ts [cycles=12] [changedPerTenant=10]
 */
import type { Ack, AgentPage } from '../server/protocol/socket.ts';
import { ev } from '../test/helpers/events.ts';
import { ndjson, startServer } from '../test/helpers/server.ts';

const TENANTS = 20;
const PER_TENANT = 1000;
const cycles = Number(process.argv[2] ?? 12);
const changed = Number(process.argv[3] ?? 10);
const server = await startServer();
server.floor.hub.stop();
const agentId = (i: number) => `a${String(i).padStart(5, '0')}`;
// Logged in over the first half hour, so board order is decided by time in state, as on a live floor.
const logins = Array.from({ length: TENANTS * PER_TENANT }, (_, i) => ev('agent.login', `09:${String(Math.floor(i / 700)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, { tenant: `t${i % TENANTS}`, agentId: agentId(i), name: `Agent ${i}`, queues: [`q${i % 40}`], state: i % 4 ? 'available' : 'aux' }));
for (let i = 0; i < logins.length; i += 5000) await server.post('/api/v1/events', ndjson(logins.slice(i, i + 5000)));
server.floor.hub.flush();
// A screen per tenant, as a wall would have.
const sockets = await Promise.all(
  Array.from({ length: TENANTS }, async () => {
    const s = server.socket();
    await new Promise<void>((r) => s.once('connect', () => r()));
    return s;
  }),
);
// Each subscribed to its tenant without agents, as the wallboard is (its board is paged).
await Promise.all(
  sockets.map(async (s, t) => {
    const a = await new Promise<{ ok: boolean }>((r) => s.emit('subscribe', { tenants: [`t${t}`], agents: false }, r));
    if (!a.ok) throw new Error('subscribe refused');
  }),
);
const page = (t: number) => new Promise<Ack<AgentPage>>((r) => sockets[t].emit('agents:page', { offset: 0, limit: 40, tenant: `t${t}` }, r));
const perCycle: number[] = [];
for (let c = 0; c < cycles; c++) {
  // A few agents of each tenant change state, then the push that starts a new board epoch.
  const at = `09:4${Math.floor(c / 6)}:${String((c % 6) * 10).padStart(2, '0')}`;
  const events = [];
  for (let t = 0; t < TENANTS; t++) for (let k = 0; k < changed; k++) events.push(ev('agent.state', at, { tenant: `t${t}`, agentId: agentId(((c * changed + k) * TENANTS + t) % (TENANTS * PER_TENANT)), state: (c + k) % 2 ? 'aux' : 'available' }));
  await server.post('/api/v1/events', ndjson(events.filter((e) => Number((e.agentId as string).slice(1)) % TENANTS === Number((e.tenant as string).slice(1)))));
  server.floor.hub.flush();
  // Each socket's request budget refills with the (fixed) wall clock: a minute a cycle.
  server.clock.now += 60_000;
  const cpu0 = process.cpuUsage();
  const answers = await Promise.all(Array.from({ length: TENANTS }, (_, t) => page(t)));
  const cpu = process.cpuUsage(cpu0);
  if (answers.some((a) => !a.ok || a.data.total !== PER_TENANT)) throw new Error(`a page was wrong: ${JSON.stringify(answers.find((a) => !a.ok || a.data.total !== PER_TENANT)).slice(0, 200)}`);
  perCycle.push((cpu.user + cpu.system) / 1000);
}
const s = [...perCycle.slice(2)].sort((a, b) => a - b);
console.log(`20 tenant boards a cycle, ${changed} agents of each changed between cycles: CPU per cycle (ms) ${perCycle.map((v) => v.toFixed(0)).join(' ')}`);
console.log(`  after the first two: min ${s[0].toFixed(0)} / median ${s[s.length >> 1].toFixed(0)} / max ${s[s.length - 1].toFixed(0)} ms; board builds ${server.floor.hub.boardBuilds}`);
for (const s of sockets) s.disconnect();
await server.stop();
