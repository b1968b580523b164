import { AVAILABLE } from './agent-timeline.ts';
import { AvailableCount, stepLimit } from './available-count.ts';
import type { AgentRecord, QueueState } from './tenant-floor.ts';

/**
 * Which agents a queue counts (`q.agents`, and each agent's `servedQueues` the other way) and
 * how many of them are available at a recent instant (`q.available`). Every change of
 * membership goes through here, so the count always follows the members' timelines.
 */

/**
 * Changes since the count's fold point an agent may have when it joins or leaves a queue (read
 * to move its availability steps); an agent with more switches the count off instead, so a
 * login costs a bounded amount per queue whatever the agent's history (a rebuild at a fold
 * brings the count back).
 */
const MEMBER_CHANGES_MAX = 32;

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
  q.available.limit = stepLimit(q.agents.size);
  moveSteps(q.available, agent, 1);
}

/** Counts `agent` among the queue's agents for having answered one of its calls, whatever its skills say later. */
export function serveAnswered(q: QueueState, agent: AgentRecord): void {
  // A new, exact array when a queue is added (rare): one grown by push keeps spare room.
  if (!answeredIn(agent, q)) setAnswered(agent, [...answeredQueues(agent), q]);
  serve(q, agent);
}

/** The queues whose calls the agent answered. */
export function answeredQueues(agent: AgentRecord): QueueState[] {
  const a = agent.answered;
  return a === null ? [] : Array.isArray(a) ? a : [a];
}

/** Sets the queues whose calls the agent answered; each must count the agent too (`serve`). */
export function setAnswered(agent: AgentRecord, queues: QueueState[]): void {
  agent.answered = queues.length === 0 ? null : queues.length === 1 ? queues[0] : queues;
}

/** Forgets the queues whose calls the agent answered (a new day); returns those it stops serving (not skilled for). */
export function forgetAnswered(agent: AgentRecord): QueueState[] {
  const left = answeredQueues(agent).filter((q) => !agent.queues.includes(q));
  for (const q of left) unserve(q, agent);
  agent.answered = null;
  return left;
}

/** Whether the agent answered one of the queue's calls. */
function answeredIn(agent: AgentRecord, q: QueueState): boolean {
  const a = agent.answered;
  return a === q || (Array.isArray(a) && a.includes(q));
}

/** Takes `agent` out of the queue's agents and its available count. */
export function unserve(q: QueueState, agent: AgentRecord): void {
  if (!q.agents.delete(agent)) return;
  dropQueue(agent, q);
  q.available.limit = stepLimit(q.agents.size);
  moveSteps(q.available, agent, -1);
}

/**
 * Replaces the agent's skills with `next` (distinct queues of its tenant). A queue in both keeps
 * its count untouched (a login repeats the skills it had), the others are left or joined; a
 * dropped skill whose calls the agent answered stays served, so arrival order does not matter.
 */
export function reskill(agent: AgentRecord, next: QueueState[]): void {
  const stays = new Set(next);
  const kept = new Set<QueueState>();
  for (const old of agent.queues) {
    // Re-added below, in the new order, as leaving and joining again would. A skill whose queue
    // does not hold the agent (a snapshot from before it was configured) is joined properly.
    if (stays.has(old)) {
      if (old.agents.delete(agent)) kept.add(old);
    } else if (!answeredIn(agent, old)) unserve(old, agent);
  }
  for (const q of next) {
    if (kept.has(q)) q.agents.add(agent);
    else serve(q, agent);
  }
  agent.queues = next;
}

/** Replaces the queue's agents with a snapshot's; `recount` then rebuilds its count. */
export function restoreServed(q: QueueState, agents: AgentRecord[]): void {
  for (const a of q.agents) dropQueue(a, q);
  q.agents = new Set(agents);
  for (const a of q.agents) a.servedQueues.push(q);
}

/**
 * Rebuilds the queue's available count from its agents' timelines, answering from `foldAt`
 * (epoch ms) on. Gives up (the count stays off) past its step limit or `maxWork` agents and
 * steps read. Returns the work done.
 */
export function recount(q: QueueState, foldAt: number, maxWork = Infinity): number {
  const limit = stepLimit(q.agents.size);
  const times: number[] = [];
  const deltas: number[] = [];
  const take = (t: number, d: number): boolean => {
    times.push(t);
    deltas.push(d);
    return times.length <= limit;
  };
  // Agents and every change read since foldAt: counted before reading, so a flapping agent's
  // thousands of changes that move no availability still count against the budget.
  let work = q.agents.size;
  for (const a of q.agents) {
    work += a.timeline.changesSince(foldAt);
    if (work > maxWork) break;
    a.timeline.forEachAvailabilityStep(foldAt, take);
    if (times.length > limit) break;
  }
  if (work > maxWork || times.length > limit) {
    if (q.available.on) q.available.switchOff();
    return Math.min(work, maxWork);
  }
  const count = new AvailableCount(limit);
  count.foldBefore(foldAt);
  const order = times.map((_, i) => i).sort((x, y) => times[x] - times[y]);
  for (const i of order) count.add(times[i], deltas[i]);
  q.available = count;
  return work;
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

/** Adds (sign 1) or takes out (-1) the agent's availability steps from the count's fold point on, or switches the count off when it has many changes since. */
function moveSteps(count: AvailableCount, agent: AgentRecord, sign: number): void {
  if (!count.on) return;
  if (agent.timeline.changesSince(count.foldPoint) > MEMBER_CHANGES_MAX) return count.switchOff();
  agent.timeline.forEachAvailabilityStep(count.foldPoint, (t, d) => {
    count.add(t, sign * d);
    return true;
  });
}

/** Takes `q` out of the queues the agent is counted in. */
function dropQueue(agent: AgentRecord, q: QueueState): void {
  const k = agent.servedQueues.indexOf(q);
  if (k >= 0) agent.servedQueues.splice(k, 1);
}
