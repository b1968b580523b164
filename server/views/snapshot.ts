import type { AgentRecord, Engine, QueueState, TenantFloor } from '../domain/engine.ts';
import { scopedKey } from '../protocol/keys.ts';
import type { AgentView, EngineCounters, QueueView, Snapshot } from '../protocol/metrics.ts';
import { agentView } from './agent-view.ts';
import { teamsKey } from './teams-key.ts';
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
  /** Teams asked for (a team's screen), by `scopedKey(tenant, teamId)`; missing: every team the person may see. */
  teams?: ReadonlySet<string>;
}

/** One string per distinct scope, so viewers that see the same thing share a room or a cached body. */
export function scopeKey(s: Scope): string {
  const key = [s.tenants ? [...s.tenants].sort() : '*', s.queues ? [...s.queues].sort() : '*', personScopeKey(s.people)];
  return JSON.stringify(s.teams ? [...key, teamsKey(s.teams)] : key);
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
  if (!agentOfPeopleAsked(scope, a)) return false;
  if (!scope.queues) return true;
  for (const k of queueKeys ?? agentQueueKeys(engine, a)) if (scope.queues.has(k)) return true;
  return false;
}

/** Whether the person may see the agent and it is in one of the teams asked for, if any (its tenant and queues not asked). */
export function agentOfPeopleAsked(scope: Scope, a: AgentRecord): boolean {
  if (!agentVisible(scope.people, a.id, a.teamId)) return false;
  return !scope.teams || (a.teamId !== null && scope.teams.has(scopedKey(a.tenant, a.teamId)));
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
  if (scope.queues || scope.teams || !seesEveryAgent(scope.people)) return agentsInScope(engine, scope).length;
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

/** The floors of the tenants in the viewer's scope, in the engine's order. */
export function visibleTenants(engine: Engine, scope: Scope): TenantFloor[] {
  return [...engine.tenants.values()].filter((t) => !scope.tenants || scope.tenants.has(t.id));
}

/** The fields of a snapshot before its queues, in the order the wire has them. */
export function snapshotHead(engine: Engine, tenants: readonly TenantFloor[]): Pick<Snapshot, 'now' | 'timezone' | 'intervalMinutes' | 'tenants' | 'teams'> {
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
export function tenantCounters(tenants: readonly TenantFloor[]): EngineCounters {
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
