import type { Engine, QueueState, TenantFloor } from '../domain/engine.ts';
import type { QueueView } from '../protocol/metrics.ts';
import { agentTextSteps } from './agent-chunks.ts';
import { agentView } from './agent-view.ts';
import { queueView } from './queue-view.ts';
import { queueInScope, snapshotHead, tenantCounters, visibleTenants, type Scope } from './snapshot.ts';

/** Queues `snapshotTextSteps` writes between two pauses (agents: agent-chunks.ts, 64 looked at a pause). */
const STEP_QUEUES = 4;

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
  const agents = yield* agentTextSteps(engine, scope, (a) => agentView(engine, a));
  agents.forEach((text, i) => parts.push(i ? `,${text}` : text));
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
