import { projectedMetrics, requiredAgentCount, traffic, type RequiredInput } from '../erlang.ts';
import { agentsForSlots, slotsOfAgents } from '../staffing.ts';

/** What a queue promises and what is known of its callers, as the staffing maths needs it. */
export interface StaffingTargets {
  /** Share to answer within `slThresholdSeconds`, 0..1. */
  slTarget: number;
  slThresholdSeconds: number;
  /** Mean caller patience (seconds): when known, Erlang A (abandon-aware) instead of Erlang C. */
  patienceSeconds?: number;
  /** Contacts an agent serves at once (a chat queue's capacity); 1 for calls. Erlang's servers are these slots. */
  concurrency?: number;
}

/**
 * The Erlang question of an interval of `intervalSeconds` for `calls` of `ahtSeconds`: Erlang A
 * with the queue's patience, else C, aiming at its service-level target.
 */
export function staffingQuestion(queue: StaffingTargets, intervalSeconds: number): (calls: number, ahtSeconds: number) => RequiredInput {
  const model: 'C' | 'A' = queue.patienceSeconds ? 'A' : 'C';
  return (calls, ahtSeconds) => ({
    model,
    trafficErlangs: traffic(calls, intervalSeconds, ahtSeconds),
    ahtSeconds,
    targetSeconds: queue.slThresholdSeconds,
    patienceSeconds: queue.patienceSeconds,
    targets: { serviceLevel: queue.slTarget },
  });
}

/** Contacts an agent of the queue serves at once: its chat capacity, 1 for calls. */
function contactsPerAgent(queue: StaffingTargets): number {
  return Math.max(1, queue.concurrency ?? 1);
}

/** Whole agents the question `q` needs to meet the queue's target (null: beyond any count); Erlang's servers are their contact slots. */
export function requiredAgents(queue: StaffingTargets, q: RequiredInput): number | null {
  return agentsForSlots(requiredAgentCount(q), contactsPerAgent(queue));
}

/** Service level (0..1) that `agents` whole agents give on the question `q`, each with its contact slots; null beyond the Erlang limits (`projectedMetrics`). */
export function serviceLevelOf(queue: StaffingTargets, q: RequiredInput, agents: number): number | null {
  const r = projectedMetrics(q, slotsOfAgents(agents, contactsPerAgent(queue)));
  return r === null ? null : (r.serviceLevel ?? 0);
}
