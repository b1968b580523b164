/**
 * How long the hub's per-room scope test takes for queue-scoped rooms on the big floor
 * (20 tenants × 40 queues × 1,000 agents): every room is one queue, and each push cycle asks
 * `agentInScope` of every changed agent in every room. Prints ms per cycle for 100 changed
 * agents, scanning each agent's queues per room (as before) and with the per-cycle index.
 *   node --import tsx bench/scope-check.ts
 */
import { scopedKey } from '../server/protocol/keys.ts';
import { agentInScope, type Scope } from '../server/views/snapshot.ts';
import { ChangedAgents } from '../server/realtime/changed-agents.ts';
import { engineWith, ev } from '../test/helpers/events.ts';

const TENANTS = 20;
const QUEUES = 40;
const AGENTS = 1000;
const events: Record<string, unknown>[] = [];
for (let t = 0; t < TENANTS; t++)
  for (let a = 0; a < AGENTS; a++) events.push(ev('agent.login', '09:00:00', { tenant: `t${t}`, agentId: `a${a}`, name: `A ${a}`, queues: [`q${a % QUEUES}`, `q${(a + 1) % QUEUES}`], state: 'available' }));
const engine = engineWith(events);
const rooms: Scope[] = [];
for (let t = 0; t < TENANTS; t++) for (let q = 0; q < QUEUES; q++) rooms.push({ tenants: new Set([`t${t}`]), queues: new Set([scopedKey(`t${t}`, `q${q}`)]) });
const all = [...engine.allAgents()];
const changed = Array.from({ length: 100 }, (_, i) => all[(i * 7919) % all.length]);

/** ms per cycle, over 20 cycles after 5 of warm-up. */
function time(cycle: () => number): number {
  for (let i = 0; i < 5; i++) cycle();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) cycle();
  return Number(process.hrtime.bigint() - t0) / 1e6 / 20;
}
const scan = (): number => {
  let n = 0;
  for (const r of rooms) for (const a of changed) if (agentInScope(r, engine, a)) n++;
  return n;
};
const indexed = (): number => {
  const index = new ChangedAgents(engine, changed);
  let n = 0;
  for (const r of rooms) n += index.inScope(r).length;
  return n;
};
if (scan() !== indexed()) throw new Error('the index picks other agents than the scan');
// Alternate the two, best of 7 each: the machine may be shared, and the best is the least disturbed.
const best = { scan: Infinity, indexed: Infinity };
for (let round = 0; round < 7; round++) {
  best.scan = Math.min(best.scan, time(scan));
  best.indexed = Math.min(best.indexed, time(indexed));
}
console.log(`${rooms.length} queue rooms, ${changed.length} changed agents (${scan()} rows sent): every agent in every room ${best.scan.toFixed(2)} ms per cycle; per-cycle index ${best.indexed.toFixed(2)} ms (${(best.scan / best.indexed).toFixed(1)}x)`);
