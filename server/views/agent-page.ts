import type { Engine } from '../domain/engine.ts';
import { AGENT_STATES } from '../protocol/events.ts';
import type { AgentView } from '../protocol/metrics.ts';
import type { AgentPage, AgentPageFilter } from '../protocol/socket.ts';
import { agentView } from './agent-view.ts';
import { redactAgent } from './people-scope.ts';
import { agentInScope, type Scope } from './snapshot.ts';

/** Board order: busiest states first, then longest in state, then name. */
const STATE_ORDER: Record<string, number> = { talking: 0, hold: 1, acw: 2, available: 3, aux: 4, offline: 5 };

/** Compares two board rows in board order. */
export function boardOrder(a: AgentView, b: AgentView): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.since - b.since || a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
}

/** The agents of a scope that pass a filter (tenant, queue, name or id search), in board order; states are filtered by `agentPage`. */
export function boardRows(engine: Engine, scope: Scope, f: Omit<AgentPageFilter, 'offset' | 'limit' | 'states'>): AgentView[] {
  const search = f.search?.trim().toLowerCase() ?? '';
  const rows: AgentView[] = [];
  for (const a of engine.allAgents()) {
    if (f.tenant !== undefined && a.tenant !== f.tenant) continue;
    if (!agentInScope(scope, engine, a)) continue;
    // Names a viewer may not see are hidden before anything (the search included) looks at them.
    const v = redactAgent(scope.people, agentView(engine, a));
    if (f.queue && (v.tenant !== f.queue.tenant || !(v.queues.includes(f.queue.id) || v.queueId === f.queue.id))) continue;
    if (search && !v.name.toLowerCase().includes(search) && !v.id.toLowerCase().includes(search)) continue;
    rows.push(v);
  }
  return rows.sort(boardOrder);
}

/**
 * One window [offset, offset + limit) of the rows in the given states (all when none), with
 * their total and the counts by state of all the rows (so filter chips show what they hide).
 */
export function agentPage(rows: readonly AgentView[], f: Pick<AgentPageFilter, 'offset' | 'limit' | 'states'>, version: number): AgentPage {
  const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as AgentPage['byState'];
  for (const r of rows) byState[r.state]++;
  const states = f.states?.length ? new Set(f.states) : null;
  const shown = states ? rows.filter((r) => states.has(r.state)) : rows;
  const start = Math.min(f.offset, shown.length);
  return { version, total: shown.length, offset: start, byState, rows: shown.slice(start, start + f.limit) };
}
