import { AVAILABLE } from './agent-timeline.ts';
import { AvailableCount } from './available-count.ts';
import type { AgentRecord, QueueState } from './tenant-floor.ts';

/**
 * Which agents a queue counts (`q.agents`, and each agent's `servedQueues` the other way) and
 * how many of them are available at a recent instant (`q.available`). Every change of
 * membership goes through here, so the count always follows the members' timelines.
 */

/** Makes the agent's timeline report availability changes to the queues it serves. */
export function watchAvailability(agent: AgentRecord): void {
  agent.timeline.watch = (from, to, d) => {
    for (const q of agent.servedQueues) q.available.addSpan(from, to, d);
  };
}

/** Counts `agent` among the queue's agents (and in its available count) unless it already is. */
export function serve(q: QueueState, agent: AgentRecord): void {
  if (q.agents.has(agent)) return;
  q.agents.add(agent);
  agent.servedQueues.push(q);
  // From the fold point on: a login re-serves every skill, and a busy agent's day is thousands of changes.
  agent.timeline.forEachAvailabilityStep(q.available.foldPoint, (ts, d) => q.available.add(ts, d));
}

/** Takes `agent` out of the queue's agents and its available count. */
export function unserve(q: QueueState, agent: AgentRecord): void {
  if (!q.agents.delete(agent)) return;
  dropQueue(agent, q);
  agent.timeline.forEachAvailabilityStep(q.available.foldPoint, (ts, d) => q.available.add(ts, -d));
}

/** Replaces the queue's agents with a snapshot's; `recount` then rebuilds its count. */
export function restoreServed(q: QueueState, agents: AgentRecord[]): void {
  for (const a of q.agents) dropQueue(a, q);
  q.agents = new Set(agents);
  for (const a of q.agents) a.servedQueues.push(q);
}

/** Rebuilds the queue's available count from its agents' timelines, answering from `foldAt` (epoch ms) on. */
export function recount(q: QueueState, foldAt: number): void {
  const count = (q.available = new AvailableCount());
  count.foldBefore(foldAt);
  for (const a of q.agents) a.timeline.forEachAvailabilityStep(count.foldPoint, (ts, d) => count.add(ts, d));
}

/** The queue's agents available at `ts` (epoch ms): from its count when that holds `ts`, else from each agent's timeline. */
export function availableAt(q: QueueState, ts: number): number {
  const counted = q.available.before(ts + 1, q.agents.size);
  return counted >= 0 ? counted : availableByTimelines(q, ts);
}

/** The queue's agents available at `ts` (epoch ms), read from every agent's timeline: the definition the count keeps. */
export function availableByTimelines(q: QueueState, ts: number): number {
  let free = 0;
  // The state in force at ts: the last change before ts + 1 (no closure or segment per agent).
  for (const a of q.agents) if (a.timeline.stateBefore(ts + 1) === AVAILABLE) free++;
  return free;
}

/** Takes `q` out of the queues the agent is counted in. */
function dropQueue(agent: AgentRecord, q: QueueState): void {
  const k = agent.servedQueues.indexOf(q);
  if (k >= 0) agent.servedQueues.splice(k, 1);
}
