import type { Engine } from '../domain/engine.ts';
import type { Snapshot } from '../protocol/metrics.ts';
import { agentView } from './agent-view.ts';
import { queueView } from './queue-view.ts';

/** Which part of the floor a viewer may and wants to see. */
export interface Scope {
  /** Tenants visible; null means every tenant. */
  tenants: ReadonlySet<string> | null;
  /** Queues asked for; null means every queue of the visible tenants. */
  queues: ReadonlySet<string> | null;
}

/** Whether a tenant (and, when asked, one of some queues) is in the viewer's scope. */
export function inScope(scope: Scope, tenant: string, queueIds?: readonly string[]): boolean {
  if (scope.tenants && !scope.tenants.has(tenant)) return false;
  if (scope.queues && queueIds && !queueIds.some((q) => scope.queues!.has(q))) return false;
  return true;
}

/** The live floor as one viewer may see it. */
export function snapshot(engine: Engine, scope: Scope): Snapshot {
  const queues = [...engine.queues.values()].filter((q) => inScope(scope, q.config.tenant, [q.config.id]));
  const agents = [...engine.agents.values()].filter((a) => inScope(scope, a.tenant, agentQueues(engine, a.id)));
  return {
    now: engine.now,
    timezone: engine.config.timezone,
    intervalMinutes: engine.config.intervalMinutes,
    tenants: [...engine.tenants.values()].filter((t) => !scope.tenants || scope.tenants.has(t.id)),
    queues: queues.map((q) => queueView(engine, q)),
    agents: agents.map((a) => agentView(engine, a)),
    counters: engine.counters,
  };
}

/** Queues an agent serves: skills plus any queue whose calls it answered. */
export function agentQueues(engine: Engine, agentId: string): string[] {
  const out: string[] = [];
  for (const q of engine.queues.values()) if (q.agents.has(agentId)) out.push(q.config.id);
  return out;
}
