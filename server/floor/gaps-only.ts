import type { Plan } from '../domain/plan.ts';
import type { AgentSchedule } from '../domain/schedule-steps.ts';

/**
 * The agents of a `gapsOnly` schedule entry (the simulator's rota) that have no plan on the local
 * day [dayStart, dayEnd) (epoch ms) yet: an agent is left out when any segment it holds
 * overlapping the day is not one the entry itself carries, i.e. someone imported its day.
 * Segments the entry carries do not count, as the simulator's rota of a day holds the night
 * shift from the evening before, which its rota of the day before already wrote.
 */
export function unplannedAgents(plan: Plan, tenant: string, dayStart: number, dayEnd: number, agents: readonly AgentSchedule[]): AgentSchedule[] {
  const key = (s: { start: number; end: number; activity: string }) => `${s.start} ${s.end} ${s.activity}`;
  return agents.filter(([agentId, segments]) => {
    const own = new Set(segments.map(key));
    return plan.segments(tenant, agentId, dayStart, dayEnd).every((s) => own.has(key(s)));
  });
}
