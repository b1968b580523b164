import type { AgentRecord, Engine, TenantFloor } from '../domain/engine.ts';
import { scopedKey } from '../protocol/keys.ts';
import type { AgentView } from '../protocol/metrics.ts';
import { redactAgent } from './people-scope.ts';
import { agentInScope, agentOfPeopleAsked, type Scope } from './snapshot.ts';

/** Agents a chunk holds, and agents looked at between two pauses (each view is a few us). */
const CHUNK_AGENTS = 64;

/** Consecutive agents of one tenant in a snapshot's list, with the views they were written from and the JSON text written. */
export interface AgentChunk {
  readonly tenant: string;
  /** Whether the tenant's names were hidden from the viewer when it was written. */
  readonly hidden: boolean;
  readonly agents: readonly AgentRecord[];
  readonly views: readonly AgentView[];
  /** Each view as JSON, redacted as the viewer sees it. */
  readonly texts: readonly string[];
}

/**
 * The agents in `scope` in the engine's order (as `agentsInScope`), cut into chunks of up to
 * CHUNK_AGENTS of one tenant, each made by `make` (its index in the list); pauses every
 * CHUNK_AGENTS agents looked at, in scope or not. The cuts depend only on who is in scope, so a
 * second walk cuts the same chunks where nobody came or left.
 */
function* walkChunks<C>(engine: Engine, scope: Scope, make: (tenant: string, agents: AgentRecord[], index: number) => C): Generator<void, C[]> {
  const chunks: C[] = [];
  let looked = 0;
  for (const t of engine.tenants.values()) {
    if (scope.tenants && !scope.tenants.has(t.id)) continue;
    // A scope of queues: their agents, gathered once (finding each agent's queues scanned the tenant's queues, agent by agent).
    const inQueues = scope.queues ? agentsOfQueues(t, scope.queues) : null;
    let agents: AgentRecord[] = [];
    for (const a of t.agents.values()) {
      if (inQueues ? inQueues.has(a) && agentOfPeopleAsked(scope, a) : agentInScope(scope, engine, a)) agents.push(a);
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

/** The agents of the tenant's queues among `queues` (`scopedKey`s): those `agentInScope` finds for a scope of queues. */
function agentsOfQueues(t: TenantFloor, queues: ReadonlySet<string>): Set<AgentRecord> {
  const out = new Set<AgentRecord>();
  for (const q of t.queues.values()) if (queues.has(scopedKey(t.id, q.config.id))) for (const a of q.agents) out.add(a);
  return out;
}

/** A chunk of `agents` written now from `viewOf`, redacted as the scope asks, except the agents whose view and text `kept` gives (still those of a chunk written before). */
function writeChunk(scope: Scope, tenant: string, agents: AgentRecord[], viewOf: (a: AgentRecord) => AgentView, kept?: (i: number) => { view: AgentView; text: string } | null): AgentChunk {
  const views: AgentView[] = [];
  const texts: string[] = [];
  for (let i = 0; i < agents.length; i++) {
    const same = kept?.(i);
    const view = same ? same.view : viewOf(agents[i]);
    views.push(view);
    texts.push(same ? same.text : JSON.stringify(redactAgent(scope.people, view)));
  }
  return { tenant, hidden: hidesNames(scope, tenant), agents, views, texts };
}

function hidesNames(scope: Scope, tenant: string): boolean {
  return scope.people?.hideAgentNames?.(tenant) ?? false;
}

/**
 * The agents in `scope` as JSON array elements, a chunk's text each, written a chunk at a time
 * from `viewOf` as the steps run (GET /snapshot: a point in time per chunk, nothing kept to settle).
 */
export function agentTextSteps(engine: Engine, scope: Scope, viewOf: (a: AgentRecord) => AgentView): Generator<void, string[]> {
  return walkChunks(engine, scope, (_tenant, agents) => JSON.stringify(agents.map((a) => redactAgent(scope.people, viewOf(a)))).slice(1, -1));
}

/** The snapshot's agents written a chunk at a time, to be run over turns and then `settleAgentChunks`. */
export function agentChunkSteps(engine: Engine, scope: Scope, viewOf: (a: AgentRecord) => AgentView): Generator<void, AgentChunk[]> {
  return walkChunks(engine, scope, (tenant, agents) => writeChunk(scope, tenant, agents, viewOf));
}

/**
 * The agents' JSON texts as they are now, in one turn, from chunks written over earlier turns:
 * a chunk that holds the same agents, names hidden alike, keeps the text of each agent whose
 * current view (`kept`: none while it changed since) is still the one it was written from, and
 * writes the others again; any other chunk is written anew. So the answer is as if written in
 * this turn, while the turn costs a walk of the scope and the agents that changed (a chunk
 * rewritten whole when one of its 64 changed cost as much as the whole build once 1,000 of
 * 20,000 agents had changed). Also how many agents were written again.
 */
export function settleAgentChunks(
  engine: Engine,
  scope: Scope,
  written: readonly AgentChunk[],
  viewOf: (a: AgentRecord) => AgentView,
  kept: (a: AgentRecord) => AgentView | undefined,
): { texts: string[]; rewritten: number } {
  let rewritten = 0;
  const walk = walkChunks(engine, scope, (tenant, agents, index) => {
    const c = written[index];
    const sameList = c !== undefined && c.tenant === tenant && c.hidden === hidesNames(scope, tenant) && c.agents.length === agents.length && agents.every((a, i) => c.agents[i] === a);
    return writeChunk(scope, tenant, agents, viewOf, (i) => {
      if (sameList && kept(agents[i]) === c.views[i]) return { view: c.views[i], text: c.texts[i] };
      rewritten++;
      return null;
    });
  });
  let r = walk.next();
  while (!r.done) r = walk.next();
  return { texts: r.value.flatMap((c) => c.texts), rewritten };
}
