import type { AgentRecord, Engine } from '../domain/engine.ts';
import type { AgentView } from '../protocol/metrics.ts';
import { redactAgent } from './people-scope.ts';
import { agentInScope, type Scope } from './snapshot.ts';

/** Agents a chunk holds, and agents looked at between two pauses (each view is a few us). */
const CHUNK_AGENTS = 64;

/** Consecutive agents of one tenant in a snapshot's list, with the views they were written from and the JSON text written. */
export interface AgentChunk {
  readonly tenant: string;
  /** Whether the tenant's names were hidden from the viewer when it was written. */
  readonly hidden: boolean;
  readonly agents: readonly AgentRecord[];
  readonly views: readonly AgentView[];
  /** The views as JSON array elements, without the brackets. */
  readonly text: string;
}

/**
 * The agents in `scope` in the engine's order (as `agentsInScope`), cut into chunks of up to
 * CHUNK_AGENTS of one tenant, each made by `make` (its index in the list); pauses every
 * CHUNK_AGENTS agents looked at, in scope or not. The cuts depend only on who is in scope, so a
 * second walk cuts the same chunks where nobody came or left.
 */
function* walkChunks(engine: Engine, scope: Scope, make: (tenant: string, agents: AgentRecord[], index: number) => AgentChunk): Generator<void, AgentChunk[]> {
  const chunks: AgentChunk[] = [];
  let looked = 0;
  for (const t of engine.tenants.values()) {
    if (scope.tenants && !scope.tenants.has(t.id)) continue;
    let agents: AgentRecord[] = [];
    for (const a of t.agents.values()) {
      if (agentInScope(scope, engine, a)) agents.push(a);
      if (agents.length === CHUNK_AGENTS) {
        chunks.push(make(t.id, agents, chunks.length));
        agents = [];
      }
      if (++looked % CHUNK_AGENTS === 0) yield;
    }
    if (agents.length) chunks.push(make(t.id, agents, chunks.length));
  }
  return chunks;
}

/** A chunk of `agents` written now from `viewOf`, redacted as the scope asks. */
function writeChunk(scope: Scope, tenant: string, agents: AgentRecord[], viewOf: (a: AgentRecord) => AgentView): AgentChunk {
  const views = agents.map(viewOf);
  const text = JSON.stringify(views.map((v) => redactAgent(scope.people, v))).slice(1, -1);
  return { tenant, hidden: hidesNames(scope, tenant), agents, views, text };
}

function hidesNames(scope: Scope, tenant: string): boolean {
  return scope.people?.hideAgentNames?.(tenant) ?? false;
}

/** The snapshot's agents written a chunk at a time, to be run over turns and then `settleAgentChunks`. */
export function agentChunkSteps(engine: Engine, scope: Scope, viewOf: (a: AgentRecord) => AgentView): Generator<void, AgentChunk[]> {
  return walkChunks(engine, scope, (tenant, agents) => writeChunk(scope, tenant, agents, viewOf));
}

/**
 * The agents' JSON array elements as they are now (a text per chunk, to join with commas), in one turn, from chunks written over earlier
 * turns: a chunk is kept when it holds the same agents, names hidden alike, and each agent's
 * current view (`kept`: none while it changed since) is still the one it was written from; any
 * other is written again. So the answer is as if written in this turn, while the turn costs a walk
 * of the scope and the chunks that changed. Also how many agents the list holds.
 */
export function settleAgentChunks(
  engine: Engine,
  scope: Scope,
  written: readonly AgentChunk[],
  viewOf: (a: AgentRecord) => AgentView,
  kept: (a: AgentRecord) => AgentView | undefined,
): { texts: string[]; count: number; rewritten: number } {
  let rewritten = 0;
  const same = (c: AgentChunk | undefined, tenant: string, agents: AgentRecord[]): c is AgentChunk =>
    c !== undefined && c.tenant === tenant && c.hidden === hidesNames(scope, tenant) && c.agents.length === agents.length && agents.every((a, i) => c.agents[i] === a && kept(a) === c.views[i]);
  const walk = walkChunks(engine, scope, (tenant, agents, index) => {
    const c = written[index];
    if (same(c, tenant, agents)) return c;
    rewritten++;
    return writeChunk(scope, tenant, agents, viewOf);
  });
  let r = walk.next();
  while (!r.done) r = walk.next();
  return { texts: r.value.map((c) => c.text), count: r.value.reduce((n, c) => n + c.agents.length, 0), rewritten };
}
