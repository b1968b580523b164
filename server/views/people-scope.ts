import type { Principal } from '../auth/principals.ts';
import type { Engine } from '../domain/engine.ts';
import type { AdherenceReport } from '../protocol/adherence.ts';
import type { LiveLists } from './adherence.ts';
import { scopedKey } from '../protocol/keys.ts';
import { byName } from './name-order.ts';
import type { AgentView } from '../protocol/metrics.ts';

/** Which agents a person may see, and whether by name. */
export interface PersonScope {
  /** Only agents of these teams; null: every team. */
  teams: ReadonlySet<string> | null;
  /** Only this agent (its id; role agent); null: no such limit. */
  agent: string | null;
  /**
   * Whether an agent's name in this tenant is replaced by its id (client viewers of a tenant
   * that does not allow names), asked at the moment of sending so a changed setting applies
   * at once; null: names are always shown.
   */
  hideAgentNames: ((tenant: string) => boolean) | null;
}

/** Whether a tenant lets its client viewers see agent names (the directory's tenant settings). */
export interface AgentNamePolicy {
  agentNamesShown(tenant: string): boolean;
}

const ALL: PersonScope = { teams: null, agent: null, hideAgentNames: null };
const NOBODY = '\u0000nobody';

/**
 * The agent limits of a role: team leads see their teams' agents (viewer tokens, like team
 * leads of every team, all of them); agents only themselves; client viewers the tenant's
 * agents, without names unless `names` says the tenant allows them; the rest everything in
 * their tenants.
 */
export function personScope(p: Principal, names: AgentNamePolicy): PersonScope {
  switch (p.role) {
    case 'teamLead':
      return { ...ALL, teams: p.teams ?? null };
    case 'agent':
      // An agent user not yet linked to an ACD agent sees no agent at all.
      return { ...ALL, agent: p.agentId ?? NOBODY, teams: null };
    case 'clientViewer':
      return { ...ALL, hideAgentNames: (tenant) => !names.agentNamesShown(tenant) };
    default:
      return ALL;
  }
}

/** Whether the person scope admits every agent (no agent or team limit): `agentVisible` is then always true. */
export function seesEveryAgent(s: PersonScope | undefined): boolean {
  return !s || (s.agent === null && !s.teams);
}

/** Whether an agent (by id and team) is within the person scope. */
export function agentVisible(s: PersonScope | undefined, agentId: string, teamId: string | null): boolean {
  if (!s) return true;
  if (s.agent !== null && agentId !== s.agent) return false;
  return !s.teams || (teamId !== null && s.teams.has(teamId));
}

const NAMES_SHOWN: AgentNamePolicy = { agentNamesShown: () => true };

/**
 * Whether a principal may see an agent (by id and team): a team lead its teams' agents, an
 * agent itself, everyone else every agent of its tenants. What `ownedAgent` and the schedules
 * ask before answering about one agent, so another team's agent answers like an unknown one.
 */
export function seesAgent(p: Principal, agentId: string, teamId: string | null): boolean {
  return agentVisible(personScope(p, NAMES_SHOWN), agentId, teamId);
}

/** Which agents a principal may see, asked of many agents at once (a report, a day's rotas). */
export interface AgentFilter {
  /** `seesAgent` of the principal, its scope made once. */
  admits(agentId: string, teamId: string | null): boolean;
  /** Equal for two principals exactly when their filters admit the same agents: what separates shared adherence reports. */
  key: string;
}

/** The principal's agent filter; undefined when it sees every agent of its tenants (nothing to ask per agent). */
export function agentFilter(p: Principal): AgentFilter | undefined {
  const scope = personScope(p, NAMES_SHOWN);
  if (seesEveryAgent(scope)) return undefined;
  return { admits: (agentId, teamId) => agentVisible(scope, agentId, teamId), key: personScopeKey(scope) };
}

/** A key that separates person scopes, for grouping sockets. */
export function personScopeKey(s: PersonScope | undefined): string {
  if (!s) return '';
  // Sockets of one room share their tenants (in the room key) and the one policy: a flag suffices.
  return JSON.stringify([s.teams ? [...s.teams].sort() : '*', s.agent, s.hideAgentNames !== null]);
}

/** An agent line as the scope may see it: the name replaced by the id when names are hidden. */
export function redactAgent(s: PersonScope | undefined, v: AgentView): AgentView {
  return s?.hideAgentNames?.(v.tenant) ? { ...v, name: v.id } : v;
}

interface NamedAgent {
  agentId: string;
  teamId: string | null;
  tenant: string;
  name: string;
}

/**
 * Each computed list (a live adherence or a day's report, shared by every room and request it
 * serves) in the order a viewer sees it, by the tenants whose names the viewer may not see: a
 * client viewer's room is pushed every couple of seconds, and sorting 20,000 agents took 33-73 ms
 * (name-order.ts), once per list and setting instead of once per room and push.
 */
const shownOrders = new WeakMap<readonly NamedAgent[], { tenants: string[]; byHidden: Map<string, readonly NamedAgent[]> }>();

/**
 * Adherence lines (ordered by `first`, then by name, as computed for everyone) with names
 * replaced by ids where the scope hides them, in the order of the names it shows: left in the
 * order of names it hides, the ids would tell how those names sort (an "Amy" first, a "Zed"
 * last). Every line of `list` (the scope's filter comes after); the result is shared: read only.
 */
function shownInOrder<A extends NamedAgent>(s: PersonScope, list: readonly A[], first: (a: A, b: A) => number = () => 0): readonly A[] {
  const hides = s.hideAgentNames;
  if (!hides) return list;
  let cached = shownOrders.get(list);
  if (!cached) shownOrders.set(list, (cached = { tenants: [...new Set(list.map((a) => a.tenant))].sort(), byHidden: new Map() }));
  // Asked now, not kept: a changed tenant setting applies at the next push.
  const hidden = cached.tenants.filter((t) => hides(t));
  if (hidden.length === 0) return list;
  const key = JSON.stringify(hidden);
  let shown = cached.byHidden.get(key) as readonly A[] | undefined;
  if (!shown) {
    const hiddenSet = new Set(hidden);
    shown = list.map((a) => (hiddenSet.has(a.tenant) ? { ...a, name: a.agentId } : a)).sort((a, b) => first(a, b) || byName(a.name, b.name));
    cached.byHidden.set(key, shown);
  }
  return shown;
}

/** Exceptions' order: longest first. */
const longestFirst = (a: { seconds: number }, b: { seconds: number }): number => b.seconds - a.seconds;

/**
 * Whether a team's figures are within the scope: a team lead's own teams, an agent's own team
 * (`seen`: the teams of the agents it may see), every group otherwise. The agents of no team (id
 * null) are no one's team: a team lead or an agent never sees their sum.
 */
function teamVisible(s: PersonScope, seen: ReadonlySet<string | null>): (t: { id: string | null }) => boolean {
  return (t) => (s.teams ? t.id !== null && s.teams.has(t.id) : s.agent === null || (t.id !== null && seen.has(t.id)));
}

/**
 * Live adherence limited to the scope's agents (and teams), names hidden when they must be. An
 * agent gets no team row: the cached row sums its colleagues, whom it may not see.
 */
export function scopeLive<T extends LiveLists>(s: PersonScope, live: T): T {
  if (s === ALL) return live;
  const visible = <A extends NamedAgent>(a: A): boolean => agentVisible(s, a.agentId, a.teamId);
  const agents = shownInOrder(s, live.agents).filter(visible);
  const teams = new Set(agents.map((a) => a.teamId));
  // Exceptions of the same length (everyone absent since the shift began) go by name too.
  const exceptions = shownInOrder(s, live.exceptions, longestFirst).filter(visible);
  return { ...live, agents, exceptions, teams: s.agent !== null ? [] : live.teams.filter(teamVisible(s, teams)) };
}

/** A day's adherence report limited the same way (its totals already counted only the scope's agents: `AdherenceFilter.visible`). */
export function scopeReport(s: PersonScope, r: AdherenceReport): AdherenceReport {
  if (s === ALL) return r;
  const agents = shownInOrder(s, r.agents).filter((a) => agentVisible(s, a.agentId, a.teamId));
  const teams = new Set(agents.map((a) => a.teamId));
  return { ...r, agents, teams: r.teams.filter(teamVisible(s, teams)) };
}

/**
 * Whether a principal may see a queue of a tenant: an agent the queues it serves (what its
 * snapshot shows), everyone else every queue of its tenants. `board` is `agentBoardQueues`.
 */
export function boardHasQueue(board: ReadonlySet<string> | null, tenant: string, queueId: string): boolean {
  return !board || board.has(scopedKey(tenant, queueId));
}

/** Whether `board` (see `boardHasQueue`) holds every queue of a tenant: what a figure summed over the whole tenant needs. */
export function boardHasTenant(engine: Engine, board: ReadonlySet<string> | null, tenant: string): boolean {
  if (!board) return true;
  for (const id of engine.tenants.get(tenant)?.queues.keys() ?? []) if (!board.has(scopedKey(tenant, id))) return false;
  return true;
}

/**
 * The queues an agent's public board shows: those its ACD agent is skilled for, as
 * `scopedKey`s; null for every other role (no limit).
 */
export function agentBoardQueues(engine: Engine, p: Principal): Set<string> | null {
  if (p.role !== 'agent') return null;
  const out = new Set<string>();
  const tenants = p.tenants ? [...p.tenants] : [...engine.tenants.keys()];
  for (const t of tenants) {
    const a = p.agentId ? engine.agent(t, p.agentId) : undefined;
    if (a) for (const q of a.queues) out.add(scopedKey(t, q.config.id));
  }
  return out;
}
