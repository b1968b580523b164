import type { AgentRecord, Engine, QueueState, TenantFloor } from '../domain/engine.ts';
import { scopedKey } from '../protocol/keys.ts';
import type { AgentView, EngineCounters, QueueView, Snapshot } from '../protocol/metrics.ts';
import { agentView } from './agent-view.ts';
import { queueView } from './queue-view.ts';
import { agentVisible, personScopeKey, redactAgent, seesEveryAgent, type PersonScope } from './people-scope.ts';

/** Which part of the floor a viewer may and wants to see. */
export interface Scope {
  /** Tenants visible; null means every tenant. */
  tenants: ReadonlySet<string> | null;
  /** Queues asked for, by `scopedKey(tenant, id)`; null means every queue of the visible tenants. */
  queues: ReadonlySet<string> | null;
  /** Which agents the person may see (teams, only themselves) and whether by name; missing: all, named. */
  people?: PersonScope;
}

/** One string per distinct scope, so viewers that see the same thing share a room or a cached body. */
export function scopeKey(s: Scope): string {
  return JSON.stringify([s.tenants ? [...s.tenants].sort() : '*', s.queues ? [...s.queues].sort() : '*', personScopeKey(s.people)]);
}

/** Whether a queue is in the viewer's scope. */
export function queueInScope(scope: Scope, q: QueueState): boolean {
  if (scope.tenants && !scope.tenants.has(q.config.tenant)) return false;
  return !scope.queues || scope.queues.has(scopedKey(q.config.tenant, q.config.id));
}

/**
 * Whether an agent is in the viewer's scope: its tenant, and one of the asked queues when any.
 * `queueKeys`: the agent's `agentQueueKeys`, when the caller already has them (the hub asks
 * this of every changed agent in every room, and finding them scans the tenant's queues).
 */
export function agentInScope(scope: Scope, engine: Engine, a: AgentRecord, queueKeys?: readonly string[]): boolean {
  if (scope.tenants && !scope.tenants.has(a.tenant)) return false;
  if (!agentVisible(scope.people, a.id, a.teamId)) return false;
  if (!scope.queues) return true;
  for (const k of queueKeys ?? agentQueueKeys(engine, a)) if (scope.queues.has(k)) return true;
  return false;
}

/** The `scopedKey`s of the queues an agent serves (`agentQueues`). */
export function agentQueueKeys(engine: Engine, a: AgentRecord): string[] {
  return agentQueues(engine, a).map((q) => scopedKey(a.tenant, q.config.id));
}

/** The agents in a viewer's scope, in the engine's order; only the scope's tenants are walked. */
export function agentsInScope(engine: Engine, scope: Scope): AgentRecord[] {
  const out: AgentRecord[] = [];
  for (const t of engine.tenants.values()) {
    if (scope.tenants && !scope.tenants.has(t.id)) continue;
    for (const a of t.agents.values()) if (agentInScope(scope, engine, a)) out.push(a);
  }
  return out;
}

/**
 * How many agents `agentsInScope` would list. A scope of whole tenants with no person limit is
 * counted from the tenants' sizes: a subscribe answer on the big floor needs only this number,
 * and filtering 20,000 agents for it took most of the answer's time.
 */
export function agentCountInScope(engine: Engine, scope: Scope): number {
  if (scope.queues || !seesEveryAgent(scope.people)) return agentsInScope(engine, scope).length;
  let n = 0;
  for (const t of engine.tenants.values()) if (!scope.tenants || scope.tenants.has(t.id)) n += t.agents.size;
  return n;
}

/**
 * The live floor as one viewer may see it; counters are those of the visible tenants only.
 * `viewOf` gives each queue's view (the hub passes the views of its last push). Without
 * `withAgents` the agent list is left empty: a paged board's screen never reads it, and the
 * views of a 1,000-agent tenant were most of the cost of a subscribe answer. `agentViewOf` gives
 * each agent's view (the hub passes its views kept across cycles).
 */
export function snapshot(
  engine: Engine,
  scope: Scope,
  viewOf: (q: QueueState) => QueueView = (q) => queueView(engine, q),
  withAgents = true,
  agentViewOf: (a: AgentRecord) => AgentView = (a) => agentView(engine, a),
): Snapshot {
  const queues = [...engine.allQueues()].filter((q) => queueInScope(scope, q));
  const agents = withAgents ? agentsInScope(engine, scope) : [];
  const tenants = visibleTenants(engine, scope);
  return {
    ...snapshotHead(engine, tenants),
    queues: queues.map(viewOf),
    agents: agents.map((a) => redactAgent(scope.people, agentViewOf(a))),
    counters: tenantCounters(tenants),
  };
}

/** Queues and agents `snapshotTextSteps` writes between two pauses (each agent's view is a few us). */
const STEP_QUEUES = 4;
const STEP_AGENTS = 64;

/**
 * `JSON.stringify(snapshot(engine, scope))` written a few queues or agents a step, as parts to
 * join: a tenant of 20,000 agents was 110-190 ms of views and 45-65 ms of stringify in one turn
 * (GET /snapshot held health and every push for 300 ms). Each queue and agent is read as it is
 * when its step runs; the head (clock, tenants, teams) and the counters are read at the end, so
 * `now` is never older than a view in the answer. With no event between the steps, the text is
 * exactly that of `snapshot`.
 */
export function* snapshotTextSteps(engine: Engine, scope: Scope): Generator<void, string[]> {
  // The head is written last, into the first part.
  const parts: string[] = [''];
  const list = <T>(items: T[], view: (item: T) => unknown): void => {
    if (items.length === 0) return;
    const text = JSON.stringify(items.map(view));
    parts.push(`${parts[parts.length - 1].endsWith('[') ? '' : ','}${text.slice(1, -1)}`);
    items.length = 0;
  };
  parts.push('"queues":[');
  const queues: QueueState[] = [];
  for (const t of engine.tenants.values()) {
    if (scope.tenants && !scope.tenants.has(t.id)) continue;
    for (const q of t.queues.values()) {
      if (!queueInScope(scope, q)) continue;
      queues.push(q);
      if (queues.length < STEP_QUEUES) continue;
      list(queues, (q) => queueView(engine, q));
      yield;
    }
  }
  list(queues, (q) => queueView(engine, q));
  parts.push('],"agents":[');
  const agents: AgentRecord[] = [];
  for (const t of engine.tenants.values()) {
    if (scope.tenants && !scope.tenants.has(t.id)) continue;
    let looked = 0;
    for (const a of t.agents.values()) {
      if (agentInScope(scope, engine, a)) agents.push(a);
      // Agents out of scope cost a look each: a step is bounded by agents looked at, not kept.
      if (++looked % STEP_AGENTS !== 0) continue;
      list(agents, (a) => redactAgent(scope.people, agentView(engine, a)));
      yield;
    }
  }
  list(agents, (a) => redactAgent(scope.people, agentView(engine, a)));
  const tenants = visibleTenants(engine, scope);
  parts.push(`],${countersText(tenants)}}`);
  parts[0] = `${headText(engine, tenants)},`;
  return parts;
}

/**
 * `JSON.stringify(snapshot(engine, scope, viewOf))` with `agents` (the agent list's JSON array
 * elements, written beforehand, in parts) as its agents, and `more` (JSON members, each with a
 * leading comma) after its last field: the hub writes a big scope's agents over turns. Joined
 * once: a 7.4 MB answer built by concatenation was copied again at every step.
 */
export function snapshotTextWith(engine: Engine, scope: Scope, viewOf: (q: QueueState) => QueueView, agents: readonly string[], more = ''): string {
  const queues = JSON.stringify([...engine.allQueues()].filter((q) => queueInScope(scope, q)).map(viewOf));
  const tenants = visibleTenants(engine, scope);
  const parts = [`${headText(engine, tenants)},"queues":${queues},"agents":[`];
  for (let i = 0; i < agents.length; i++) parts.push(i ? ',' : '', agents[i]);
  parts.push(`],${countersText(tenants)}${more}}`);
  return parts.join('');
}

/** The snapshot's fields before its queues, as JSON without the closing brace. */
function headText(engine: Engine, tenants: readonly TenantFloor[]): string {
  return JSON.stringify(snapshotHead(engine, tenants)).slice(0, -1);
}

/** The snapshot's counters field as JSON (`"counters":{...}`). */
function countersText(tenants: readonly TenantFloor[]): string {
  return `"counters":${JSON.stringify(tenantCounters(tenants))}`;
}

/** The floors of the tenants in the viewer's scope, in the engine's order. */
function visibleTenants(engine: Engine, scope: Scope): TenantFloor[] {
  return [...engine.tenants.values()].filter((t) => !scope.tenants || scope.tenants.has(t.id));
}

/** The fields of a snapshot before its queues, in the order the wire has them. */
function snapshotHead(engine: Engine, tenants: readonly TenantFloor[]): Pick<Snapshot, 'now' | 'timezone' | 'intervalMinutes' | 'tenants' | 'teams'> {
  return {
    now: engine.now,
    timezone: engine.config.timezone,
    intervalMinutes: engine.config.intervalMinutes,
    tenants: tenants.map((t) => ({ id: t.id, name: t.name })),
    // Only the visible tenants' teams: a viewer of one client never learns another's team names.
    teams: engine.config.teams.filter((team) => tenants.some((t) => t.id === team.tenant)),
  };
}

/** The tenants' event counters added up (anomalies by reason too). */
function tenantCounters(tenants: readonly TenantFloor[]): EngineCounters {
  const counters = { accepted: 0, duplicates: 0, anomalies: 0, anomaliesByReason: Object.create(null) as Record<string, number> };
  for (const t of tenants) {
    counters.accepted += t.counters.accepted;
    counters.duplicates += t.counters.duplicates;
    counters.anomalies += t.counters.anomalies;
    for (const [r, n] of Object.entries(t.counters.anomaliesByReason)) counters.anomaliesByReason[r] = (counters.anomaliesByReason[r] ?? 0) + n;
  }
  return counters;
}

/** Queues an agent serves: skills plus any queue of its tenant whose calls it answered. */
export function agentQueues(engine: Engine, a: AgentRecord): QueueState[] {
  const out: QueueState[] = [];
  const t = engine.tenants.get(a.tenant);
  if (t) for (const q of t.queues.values()) if (q.agents.has(a)) out.push(q);
  return out;
}

/** The floors of the tenants a principal may see: only those are ever searched for an id. */
export function visibleFloors(engine: Engine, tenants: ReadonlySet<string> | null): TenantFloor[] {
  return tenants ? [...tenants].flatMap((id) => engine.tenants.get(id) ?? []) : [...engine.tenants.values()];
}
