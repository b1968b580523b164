/**
 * A day's rota as GET /schedules/:date answers it, built in steps: a big floor's day is up to
 * 200,000 segments (one import) and more over several, and built in one go it held the event
 * loop for 120-210 ms (docs/performance.md), health and pushes waiting. Each step writes its
 * segments' JSON text at once: 120,000 row objects kept until the end were copied by every
 * young-generation GC meanwhile (15-20 ms pauses); the text of a step is one string.
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

/** Agents to answer, by their index among those with segments on the day: `limit` from `offset`. */
export interface AgentPage {
  offset: number;
  limit: number;
}

/**
 * The segments of `day` of every agent of `tenants` that `admits` lets through, as the JSON text
 * of their array (`JSON.stringify(rows)`, in parts whose concatenation is it): tenants in the
 * given order, each tenant's agents in the order first scheduled, each agent's by start; with
 * `page`, only the page's agents among those with segments on the day. `agents` counts those
 * agents, on every page. About STEP_SEGMENTS segments between two yields. The agents are those
 * scheduled at the first step; each agent's day is read (and `admits` asked) in one step, so a
 * schedule put in place between two steps shows an agent with its old day or its new one, never
 * part of either.
 */
export function* scheduleJsonSteps(
  plan: Plan,
  clock: IntervalClock,
  tenants: readonly string[],
  day: LocalDay,
  admits: (tenant: string, agentId: string) => boolean,
  page: AgentPage = { offset: 0, limit: Infinity },
): Generator<void, { parts: string[]; agents: number }> {
  const lists = tenants.map((tenant) => [tenant, plan.agentsWithSchedules(tenant)] as const);
  const parts = ['['];
  let rows: string[] = [];
  let written = 0;
  const endPart = () => {
    if (rows.length) parts.push((written > 0 ? ',' : '') + rows.join(','));
    written += rows.length;
    rows = [];
  };
  let agents = 0;
  let done = 0;
  for (const [tenant, ids] of lists) {
    for (const id of ids) {
      // Agents left out cost a look-up each: counted, so a floor of them still yields.
      if (++done >= STEP_SEGMENTS) {
        endPart();
        done = 0;
        yield;
      }
      if (!admits(tenant, id)) continue;
      const segments = plan.segments(tenant, id, day.start, day.end);
      // Counted before the page is asked: an agent off the page had its day read all the same
      // (up to 200 segments), so a page far down a big floor still yields as often as a full read.
      done += segments.length;
      if (segments.length === 0) continue;
      const index = agents++;
      if (index < page.offset || index - page.offset >= page.limit) continue;
      for (const s of segments) {
        const row: ScheduleRow = { tenant, agentId: s.agentId, start: clock.iso(s.start), end: clock.iso(s.end), activity: s.activity };
        rows.push(JSON.stringify(row));
      }
    }
  }
  endPart();
  parts.push(']');
  return { parts, agents };
}
