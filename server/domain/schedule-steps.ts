/** A schedule's segments by agent, in steps: what the plan applies and the packed log entry holds. */
import type { ScheduleSegment } from './plan.ts';

/** Segments grouped, packed, unpacked or applied between two yields (about 1-3 ms). */
export const STEP_SEGMENTS = 2_000;

/** One agent's segments of an import, in the import's order. */
export type AgentSchedule = [agentId: string, segments: ScheduleSegment[]];

/** Segments grouped by agent, agents in the order they first appear, each agent's in the given order. */
export function* groupByAgentSteps(segments: readonly ScheduleSegment[]): Generator<void, AgentSchedule[]> {
  const byAgent = new Map<string, ScheduleSegment[]>();
  for (let i = 0; i < segments.length; i++) {
    if (i > 0 && i % STEP_SEGMENTS === 0) yield;
    const s = segments[i];
    let list = byAgent.get(s.agentId);
    if (!list) byAgent.set(s.agentId, (list = []));
    list.push(s);
  }
  return [...byAgent];
}
