import { hasSkill, type AgentRecord } from './engine.ts';
import { AVAILABLE, TALKING, HOLD, ACW } from './agent-timeline.ts';
import type { LocalDay } from './intervals.ts';
import type { Plan } from './plan.ts';

/** Adds [start, end) (epoch ms) to per-interval totals of a day, split exactly at boundaries. */
export function spread(day: LocalDay, lengthMs: number, start: number, end: number, weight: number, totals: Float64Array): void {
  const from = Math.max(start, day.start);
  const to = Math.min(end, day.end);
  for (let t = from; t < to; ) {
    const i = Math.floor((t - day.start) / lengthMs);
    const boundary = Math.min(to, day.start + (i + 1) * lengthMs);
    totals[i] += (boundary - t) * weight;
    t = boundary;
  }
}

/**
 * Agent-ms per interval of `queueId` from the schedules of the agents skilled for it. An agent
 * serving several queues counts 1/k toward each of its k queues (the documented split rule).
 */
export function scheduledMs(plan: Plan, agents: Iterable<AgentRecord>, queueId: string, day: LocalDay, lengthMs: number): Float64Array {
  const totals = new Float64Array(day.starts.length);
  for (const a of agents) {
    if (!hasSkill(a, queueId)) continue;
    const weight = 1 / a.queues.length;
    for (const s of plan.segments(a.tenant, a.id, day.start, day.end)) if (s.activity === 'phone') spread(day, lengthMs, s.start, s.end, weight, totals);
  }
  return totals;
}

/** Agent states that count as staffed: available, talking, hold, after-call work. */
export const WORKING = new Set([AVAILABLE, TALKING, HOLD, ACW]);

/** Agent-ms per interval in a working state (available, talking, hold, acw), split like the schedule. */
export function loggedInMs(agents: Iterable<AgentRecord>, queueId: string, day: LocalDay, lengthMs: number, now: number): Float64Array {
  const totals = new Float64Array(day.starts.length);
  for (const a of agents) {
    if (!hasSkill(a, queueId)) continue;
    const weight = 1 / a.queues.length;
    a.timeline.forEachSegment(day.start, day.end, now, (s) => {
      if (WORKING.has(s.state)) spread(day, lengthMs, s.start, s.end, weight, totals);
    });
  }
  return totals;
}

/**
 * Agents needed when each serves `concurrency` contacts at once: the Erlang model's servers are
 * slots, so the slots it requires are divided by the concurrency and rounded up. null stays null.
 */
export function agentsForSlots(slots: number | null, concurrency: number): number | null {
  return slots === null ? null : Math.ceil(slots / Math.max(1, concurrency) - 1e-9);
}

/** Slots that `agents` (fractional FTE, rounded down to whole agents) offer at `concurrency` contacts each. */
export function slotsOfAgents(agents: number, concurrency: number): number {
  return Math.max(0, Math.floor(agents + 1e-9)) * Math.max(1, concurrency);
}
