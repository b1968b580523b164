import type { Engine } from '../domain/engine.ts';
import type { AlertView, TenantAlerts } from '../protocol/alerts.ts';
import { boardHasQueue, boardHasTenant } from './people-scope.ts';

/**
 * A tenant's alerts as an agent may see them (`board`: `agentBoardQueues`, null for every other
 * role): those of the queues it serves, and a tenant-wide one only when it serves every queue.
 */
export function boardAlerts(engine: Engine, board: ReadonlySet<string> | null, a: TenantAlerts): TenantAlerts {
  if (!board) return a;
  const keep = (v: AlertView) => boardHasAlert(engine, board, v);
  return { ...a, open: a.open.filter(keep), recentlyClosed: a.recentlyClosed.filter(keep) };
}

/** Whether an agent's `board` (null: every queue) shows an alert: its queue's, or a tenant-wide one when it serves every queue. */
export function boardHasAlert(engine: Engine, board: ReadonlySet<string> | null, v: AlertView): boolean {
  return v.queueId === null ? boardHasTenant(engine, board, v.tenant) : boardHasQueue(board, v.tenant, v.queueId);
}
