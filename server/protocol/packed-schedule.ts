/**
 * The packed form of a schedule's log entry (`schedule.packed`, log.ts): each agent id and each
 * activity name once, and every segment as three integers in one string. The old form repeated
 * the agent id, the activity and the field names for every segment (10.5 MB for 120,000
 * segments of 20,000 agents, 2.6 MB packed), and a string is parsed and serialised at about the
 * speed of a copy, where an array of 360,000 numbers took 40-110 ms of JSON.parse in one go. Both
 * directions run in steps of about STEP_SEGMENTS segments (generators, no clock: the caller
 * spreads them over turns of the event loop).
 */
import type { ScheduleSegment } from '../domain/plan.ts';
import { groupByAgentSteps, STEP_SEGMENTS, type AgentSchedule } from '../domain/schedule-steps.ts';
import type { LogEntry } from './log.ts';

export type PackedSchedule = LogEntry & { k: 'schedule.packed' };

/**
 * The entry replacing, for the local day [dayStart, dayEnd) (epoch ms), the segments of the agents
 * `segments` names. Agents are listed in the order they first appear, activities in the order
 * the agents' segments first use them, agent by agent; each
 * agent's group in `segments` (";" between groups, in the order of `agents`) is
 * `start,length,activity` triples joined by ",": start in ms from dayStart (negative when the
 * segment began the day before), length in ms, activity an index into `activities`.
 */
export function* packScheduleSteps(tenant: string, dayStart: number, dayEnd: number, segments: readonly ScheduleSegment[]): Generator<void, PackedSchedule> {
  const byAgent = yield* groupByAgentSteps(segments);
  const activities = new Map<string, number>();
  const groups: string[] = [];
  let done = 0;
  for (const [, list] of byAgent) {
    const parts: string[] = [];
    for (const s of list) {
      let a = activities.get(s.activity);
      if (a === undefined) activities.set(s.activity, (a = activities.size));
      parts.push(`${s.start - dayStart},${s.end - s.start},${a}`);
    }
    groups.push(parts.join(','));
    done += list.length;
    if (done >= STEP_SEGMENTS) {
      done = 0;
      yield;
    }
  }
  return { k: 'schedule.packed', tenant, dayStart, dayEnd, activities: [...activities.keys()], agents: byAgent.map(([id]) => id), segments: groups.join(';') };
}

/** A segment's start from the day's start (ms; before it for a shift begun the day before), and a length or activity index. */
const OFFSET = /^-?\d{1,16}$/;
const INDEX = /^\d{1,16}$/;

/**
 * The agents' segments a packed entry holds, as `packScheduleSteps` was given them; throws when
 * the entry is not one it could have written (the floor skips such an entry in every process).
 */
export function* unpackScheduleSteps(e: PackedSchedule): Generator<void, AgentSchedule[]> {
  const { agents, activities, segments: text, dayStart, dayEnd } = e;
  if (!Array.isArray(agents) || !Array.isArray(activities) || typeof text !== 'string' || !Number.isSafeInteger(dayStart) || !Number.isSafeInteger(dayEnd)) throw new Error('schedule.packed: needs agents, activities, segments, dayStart and dayEnd');
  const out: AgentSchedule[] = [];
  const seen = new Set<string>();
  let at = 0;
  let done = 0;
  for (let i = 0; i < agents.length; i++) {
    let end = text.indexOf(';', at);
    if (i < agents.length - 1 && end < 0) throw new Error(`schedule.packed: ${agents.length} agents but ${i + 1} group(s) of segments`);
    if (i === agents.length - 1) {
      if (end >= 0) throw new Error(`schedule.packed: more groups of segments than its ${agents.length} agents`);
      end = text.length;
    }
    const nums = text.slice(at, end).split(',');
    if (nums.length % 3 !== 0) throw new Error(`schedule.packed: agent ${i}'s group has ${nums.length} numbers, not triples`);
    const agentId: unknown = agents[i];
    if (typeof agentId !== 'string') throw new Error(`schedule.packed: agent ${i} is not an id`);
    // Each agent once: staged twice, the second would drop the first's segments and count its old ones twice.
    if (seen.has(agentId)) throw new Error(`schedule.packed: agent ${i} is named twice`);
    seen.add(agentId);
    const list: ScheduleSegment[] = [];
    for (let k = 0; k < nums.length; k += 3) {
      // Only what the packer writes: whole numbers in plain decimal (Number would also take '', ' ', '1e3' and '0x10').
      const valid = OFFSET.test(nums[k]) && INDEX.test(nums[k + 1]) && INDEX.test(nums[k + 2]);
      const start = valid ? dayStart + Number(nums[k]) : NaN;
      const length = valid ? Number(nums[k + 1]) : NaN;
      const activity: unknown = valid ? activities[Number(nums[k + 2])] : undefined;
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || length <= 0 || typeof activity !== 'string') throw new Error(`schedule.packed: agent ${i}'s segment ${k / 3} is not start,length,activity`);
      list.push({ agentId, start, end: start + length, activity });
    }
    out.push([agentId, list]);
    at = end + 1;
    done += list.length;
    if (done >= STEP_SEGMENTS) {
      done = 0;
      yield;
    }
  }
  if (agents.length === 0 && text !== '') throw new Error('schedule.packed: segments of no agent');
  return out;
}
