/**
 * scheduleJsonSteps reads each agent's day whole in one step: a schedule committed in steps
 * between its steps shows each agent with its old day or its new one, never part of either.
 */
import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { Plan, type ScheduleSegment } from '../../server/domain/plan.ts';
import { groupByAgentSteps } from '../../server/domain/schedule-steps.ts';
import { runToEnd } from '../../server/domain/steps.ts';
import type { ScheduleRow } from '../../server/views/schedule-rows.ts';
import { scheduleJsonSteps } from '../../server/views/schedule-rows.ts';

const clock = new IntervalClock('Asia/Taipei', 30);
const day = clock.dayOfDate('2026-11-20')!;
const HOUR = 3_600_000;
const AGENTS = 6000;
/** Agent i's day: two segments from 08:00 and 12:00, both of `activity`. */
const dayOf = (activity: string): ScheduleSegment[] =>
  Array.from({ length: AGENTS }, (_, i) => [8, 12].map((h) => ({ agentId: `a${i}`, start: day.start + h * HOUR, end: day.start + (h + 2) * HOUR, activity }))).flat();

describe('scheduleJsonSteps', () => {
  it('shows each agent with its old day or its new one when a schedule is committed between its steps', () => {
    const plan = new Plan();
    plan.setSchedules('acme', day.start, day.end, dayOf('phone'));
    const staged = runToEnd(plan.stageSchedules('acme', day.start, day.end, runToEnd(groupByAgentSteps(dayOf('training')))));
    const read = scheduleJsonSteps(plan, clock, ['acme'], day, () => true);
    const commit = plan.commitSchedulesSteps(staged);
    // A step of each in turn, the read first: it lists its agents before the commit starts.
    let answer: IteratorResult<void, { parts: string[]; agents: number }>;
    let committing = true;
    do {
      answer = read.next();
      if (committing) committing = !commit.next().done;
    } while (!answer.done);
    expect(committing).toBe(false);
    const rows = JSON.parse(answer.value.parts.join('')) as ScheduleRow[];
    expect(rows).toHaveLength(2 * AGENTS);
    // Each agent's activities, agents in the answer's order (each agent's rows are together).
    const byAgent = new Map<string, string[]>();
    for (const r of rows) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r.activity]);
    const days = [...byAgent.values()].map((list) => list.join());
    expect(new Set(days)).toEqual(new Set(['phone,phone', 'training,training']));
    // The read's first step (agents a0-a666: each costs 1 and its 2 segments, 2,000 a step) ran
    // before any commit; then the commit's 2,000 agents a step stay ahead of the read's 667.
    expect(days.slice(0, 667).every((d) => d === 'phone,phone')).toBe(true);
    expect(days.filter((d) => d === 'phone,phone')).toHaveLength(667);
    expect(answer.value.agents).toBe(AGENTS);
  });

  it('writes the text JSON.stringify gives for the rows, pages counting agents with segments that day', () => {
    const plan = new Plan();
    plan.setSchedules('acme', day.start, day.end, dayOf('phone').slice(0, 6));
    // a3 has a segment the day after only: not among the day's agents.
    plan.setSchedules('acme', day.end, day.end + 24 * HOUR, [{ agentId: 'a3', start: day.end + HOUR, end: day.end + 2 * HOUR, activity: 'phone' }]);
    const text = (page?: { offset: number; limit: number }) => {
      const { parts, agents } = runToEnd(scheduleJsonSteps(plan, clock, ['acme', 'globex'], day, (_t, id) => id !== 'a1', page));
      return { text: parts.join(''), agents };
    };
    const row = (agentId: string, h: number): ScheduleRow => ({ tenant: 'acme', agentId, start: `2026-11-20T${String(h).padStart(2, '0')}:00:00+08:00`, end: `2026-11-20T${String(h + 2).padStart(2, '0')}:00:00+08:00`, activity: 'phone' });
    expect(text()).toEqual({ text: JSON.stringify([row('a0', 8), row('a0', 12), row('a2', 8), row('a2', 12)]), agents: 2 });
    expect(text({ offset: 1, limit: 5 })).toEqual({ text: JSON.stringify([row('a2', 8), row('a2', 12)]), agents: 2 });
    expect(text({ offset: 0, limit: 0 })).toEqual({ text: '[]', agents: 2 });
  });

  it('yields as often for a page as for the whole day: agents off the page have their day read too', () => {
    const plan = new Plan();
    plan.setSchedules('acme', day.start, day.end, dayOf('phone'));
    const steps = (page?: { offset: number; limit: number }) => {
      const read = scheduleJsonSteps(plan, clock, ['acme'], day, () => true, page);
      let yields = 0;
      while (!read.next().done) yields++;
      return yields;
    };
    // Each agent costs 1 (its look-up) and its 2 segments: the first yield comes at a667
    // (3 × 667 + 1 = 2,002 >= 2,000), then every 667 agents (a1334, ..., a5336): 8 in 6,000 agents.
    expect(steps()).toBe(8);
    expect(steps({ offset: 0, limit: 0 })).toBe(8);
    expect(steps({ offset: 5990, limit: 10 })).toBe(8);
  });
});
