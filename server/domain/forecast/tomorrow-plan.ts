import { scheduledAgents } from '../erlang.ts';
import { requiredAgents, serviceLevelOf, staffingQuestion, type StaffingTargets } from './staffing-question.ts';
import type { ForecastedInterval } from './history-forecast.ts';

/** What a queue promises and what is known of its callers. */
export interface PlanQueue extends StaffingTargets {
  /** Unplanned shrinkage (absence, personal time) on top of the scheduled phone time, 0..1. */
  shrinkage?: number;
}

/** One interval of tomorrow's plan. */
export interface PlanInterval {
  start: number;
  calls: number;
  ahtSeconds: number;
  trafficErlangs: number;
  /** Agents on the phones needed to meet the target (null: beyond any count). */
  required: number | null;
  /** Agents to schedule for it: required / (1 - shrinkage), rounded up. */
  scheduledNeeded: number | null;
  /** Agents scheduled on the phones (may be fractional: a multi-skilled agent counts 1/k). */
  scheduled: number;
  /** scheduled - scheduledNeeded: negative is a shortfall. */
  gap: number | null;
  /** Service level the scheduled staff would give (after shrinkage); null with no calls or beyond the Erlang limits. */
  projectedServiceLevel: number | null;
}

export interface TomorrowPlan {
  model: 'C' | 'A';
  intervals: PlanInterval[];
  /** Call-weighted projected service level of the day with the scheduled staff; null when an interval's is beyond the Erlang limits. */
  projectedServiceLevel: number | null;
  /** Intervals whose scheduled staff fall short of what they need. */
  shortIntervals: number;
}

/**
 * Tomorrow's staffing from its forecast, before the day starts: per interval the traffic,
 * the agents required for the service level (Erlang A when patience is known, else C, as
 * the intraday view computes them), the agents to schedule after shrinkage, the gap to the
 * schedule, and the service level the schedule would give. `scheduled[i]` belongs to
 * `forecast[i]`; `intervalSeconds` is the interval length (1800 for half-hours).
 */
export function tomorrowPlan(forecast: readonly ForecastedInterval[], scheduled: ArrayLike<number>, queue: PlanQueue, intervalSeconds: number): TomorrowPlan {
  const model: 'C' | 'A' = queue.patienceSeconds ? 'A' : 'C';
  const shrinkage = queue.shrinkage ?? 0;
  const input = staffingQuestion(queue, intervalSeconds);
  let slCalls = 0;
  let allCalls = 0;
  let shortIntervals = 0;
  let beyondLimits = false;
  const intervals = forecast.map((f, i): PlanInterval => {
    const have = scheduled[i] ?? 0;
    const busy = f.calls > 0 && f.ahtSeconds > 0;
    const req = busy ? input(f.calls, f.ahtSeconds) : null;
    const required = req ? requiredAgents(queue, req) : 0;
    const scheduledNeeded = required === null ? null : scheduledAgents(required, shrinkage);
    const gap = scheduledNeeded === null ? null : have - scheduledNeeded;
    if (gap !== null && gap < 0) shortIntervals++;
    // Whole agents on the phones after shrinkage; the tiny epsilon keeps 3 x (1 - 0) at 3.
    const onPhones = Math.floor(have * (1 - shrinkage) + 1e-9);
    const projected = req ? serviceLevelOf(queue, req, onPhones) : null;
    if (req && projected === null) beyondLimits = true;
    if (projected !== null) {
      slCalls += projected * f.calls;
      allCalls += f.calls;
    }
    return { start: f.start, calls: f.calls, ahtSeconds: f.ahtSeconds, trafficErlangs: req?.trafficErlangs ?? 0, required, scheduledNeeded, scheduled: have, gap, projectedServiceLevel: projected };
  });
  return { model, intervals, projectedServiceLevel: allCalls > 0 && !beyondLimits ? slCalls / allCalls : null, shortIntervals };
}
