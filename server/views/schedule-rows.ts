/**
 * A day's rota as GET /schedules/:date answers it, built in steps: a big floor's day is up to
 * 200,000 segments (one import) and more over several, and built in one go it held the event
 * loop for 120-200 ms (docs/performance.md), health and pushes waiting.
 */
import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import type { Plan } from '../domain/plan.ts';
import { STEP_SEGMENTS } from '../domain/schedule-steps.ts';

/** One segment of the answer: times ISO-8601 with the centre's offset. */
export interface ScheduleRow {
  tenant: string;
  agentId: string;
  start: string;
  end: string;
  activity: string;
}

/**
 * The segments of `day` of every agent of `tenants` that `admits` lets through, tenants in the
 * given order, each tenant's agents in the order first scheduled, each agent's by start; about
 * STEP_SEGMENTS segments between two yields. The agents are those scheduled at the first step;
 * each agent's day is read (and `admits` asked) in one step, so a schedule put in place between
 * two steps shows an agent with its old day or its new one, never part of either.
 */
export function* scheduleRowsSteps(plan: Plan, clock: IntervalClock, tenants: readonly string[], day: LocalDay, admits: (tenant: string, agentId: string) => boolean): Generator<void, ScheduleRow[]> {
  const agents = tenants.map((tenant) => [tenant, plan.agentsWithSchedules(tenant)] as const);
  const rows: ScheduleRow[] = [];
  let done = 0;
  for (const [tenant, ids] of agents) {
    for (const id of ids) {
      // Agents left out cost a look-up each: counted, so a floor of them still yields.
      if (++done >= STEP_SEGMENTS) {
        done = 0;
        yield;
      }
      if (!admits(tenant, id)) continue;
      for (const s of plan.segments(tenant, id, day.start, day.end)) {
        rows.push({ tenant, agentId: s.agentId, start: clock.iso(s.start), end: clock.iso(s.end), activity: s.activity });
        done++;
      }
    }
  }
  return rows;
}
