import type { Engine } from '../domain/engine.ts';
import type { AgentRecord } from '../domain/tenant-floor.ts';
import { AGENT_STATES } from '../protocol/events.ts';
import { AGENT_BOARD_STATES, type AgentBoardState, type AgentView } from '../protocol/metrics.ts';
import type { AgentPage, AgentPageFilter } from '../protocol/socket.ts';
import { agentView } from './agent-view.ts';
import { redactAgent } from './people-scope.ts';
import { agentInScope, visibleFloors, type Scope } from './snapshot.ts';

/** Board order: busiest board states first (an agent on chats among those on a contact), then longest in state, then name. */
const STATE_ORDER: Record<AgentBoardState, number> = { talking: 0, hold: 1, otherChannel: 2, acw: 3, available: 4, aux: 5, offline: 6 };

/** Compares two board rows in board order. */
export function boardOrder(a: AgentView, b: AgentView): number {
  return STATE_ORDER[a.boardState] - STATE_ORDER[b.boardState] || a.boardSince - b.boardSince || a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
}

/**
 * The rows of one board (a scope with a tenant and queue filter) in board order, with what a
 * search looks at precomputed: a search is then a linear filter over built rows, not a rebuild.
 */
export interface BoardIndex {
  rows: AgentView[];
  /** Lower-cased name of each row, as shown (a hidden name is searched as hidden). */
  names: string[];
  /** Lower-cased id of each row. */
  ids: string[];
  /** Lower-cased aux reason code of each row as it came ('' when none): the board shows it, so a search finds it. */
  reasons: string[];
}

/**
 * Builds the board of a scope and filter (tenant, queue, team) once; searches are `searchBoard` over it.
 * `viewOf` gives each agent's view (the hub passes its views kept across cycles, agent-view-cache.ts).
 */
export function boardIndex(engine: Engine, scope: Scope, f: Pick<AgentPageFilter, 'tenant' | 'queue' | 'team'>, viewOf: (a: AgentRecord) => AgentView = (a) => agentView(engine, a)): BoardIndex {
  const rows: AgentView[] = [];
  // Only the tenants the board can show are walked: a tenant's board on a floor of 20 tenants
  // looked at all 20,000 agents for its 1,000.
  const tenants = new Set([f.queue?.tenant, f.team?.tenant, f.tenant].filter((t) => t !== undefined));
  const [tenant] = tenants;
  // Filters of two tenants (a queue of one, a team of another) leave nobody; so does a tenant
  // outside the scope (a team's may name any), answered without reading it: walking its agents
  // only to refuse each told by the time taken that it exists, and about how many it has.
  if (tenants.size > 1 || (tenant !== undefined && scope.tenants && !scope.tenants.has(tenant))) return { rows, names: [], ids: [], reasons: [] };
  for (const t of visibleFloors(engine, tenant !== undefined ? new Set([tenant]) : scope.tenants)) {
    for (const a of t.agents.values()) {
      if (!agentInScope(scope, engine, a) || (f.team && a.teamId !== f.team.id)) continue;
      // Names a viewer may not see are hidden before anything (the search included) looks at them.
      const v = redactAgent(scope.people, viewOf(a));
      if (f.queue && !(v.queueId === f.queue.id || serves(a, f.queue.id))) continue;
      rows.push(v);
    }
  }
  rows.sort(boardOrder);
  return { rows, names: rows.map((v) => v.name.toLowerCase()), ids: rows.map((v) => v.id.toLowerCase()), reasons: rows.map((v) => v.reason?.toLowerCase() ?? '') };
}

/**
 * The rows of a board whose name, id or aux reason code contains `search` (case-insensitive,
 * trimmed), or whose reason is one of `reasons` (the codes whose words in the viewer's language
 * contain the search: the board shows "Lunch" or "午餐" for the code `lunch`, and only the client
 * knows its words), in board order; all when the search is empty. One pass over the built rows.
 */
export function searchBoard(board: BoardIndex, search: string | undefined, reasons: readonly string[] = []): AgentView[] {
  const s = searchKey(search);
  if (!s) return board.rows;
  const codes = new Set(reasons.map((r) => r.toLowerCase()));
  const out: AgentView[] = [];
  for (let i = 0; i < board.rows.length; i++) {
    const reason = board.reasons[i];
    if (board.names[i].includes(s) || board.ids[i].includes(s) || (reason !== '' && (reason.includes(s) || codes.has(reason)))) out.push(board.rows[i]);
  }
  return out;
}

/** A search as compared: trimmed and lower-cased. */
export const searchKey = (search: string | undefined): string => search?.trim().toLowerCase() ?? '';

/** The agents of a scope that pass a filter (tenant, queue, name, id or reason search), in board order; states are filtered by `agentPage`. */
export function boardRows(engine: Engine, scope: Scope, f: Omit<AgentPageFilter, 'offset' | 'limit' | 'states'>): AgentView[] {
  return searchBoard(boardIndex(engine, scope, f), f.search, f.searchReasons);
}

/** Whether the agent is one its queue's tile counts (skilled for it or answered one of its calls today). */
const serves = (a: AgentRecord, queueId: string): boolean => a.servedQueues.some((q) => q.config.id === queueId);

/**
 * One window [offset, offset + limit) of the rows in the given voice states and board states
 * (all when none), with their total and the counts of all the rows by each (so filter chips show
 * what they hide).
 */
export function agentPage(rows: readonly AgentView[], f: Pick<AgentPageFilter, 'offset' | 'limit' | 'states' | 'boardStates'>, version: number): AgentPage {
  const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as AgentPage['byState'];
  const byBoardState = Object.fromEntries(AGENT_BOARD_STATES.map((s) => [s, 0])) as AgentPage['byBoardState'];
  for (const r of rows) {
    byState[r.state]++;
    byBoardState[r.boardState]++;
  }
  const states = f.states?.length ? new Set(f.states) : null;
  const boardStates = f.boardStates?.length ? new Set(f.boardStates) : null;
  const shown = states || boardStates ? rows.filter((r) => (!states || states.has(r.state)) && (!boardStates || boardStates.has(r.boardState))) : rows;
  const start = Math.min(f.offset, shown.length);
  return { version, total: shown.length, offset: start, byState, byBoardState, rows: shown.slice(start, start + f.limit) };
}
