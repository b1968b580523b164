import { DateTime } from 'luxon';
import type { LocalDay, IntervalClock } from '../domain/intervals.ts';
import type { FloorLog, PastAgent } from '../domain/past-day/floor-log.ts';
import { actualCounts, changedAgents, patienceEstimate, rerunDay, type RerunCounts, type StaffingChange } from '../domain/past-day/rerun.ts';
import { abandonRate, serviceLevel } from '../domain/service-level.ts';
import type { SlFormula } from '../protocol/metrics.ts';
import type { PastDayChange, PastDayFigures, PastDayView } from '../protocol/past-day.ts';

/** What the what-if needs of each queue of the tenant. */
export interface PastDayQueue {
  id: string;
  name: string;
  slTarget: number;
  thresholdSeconds: number;
  patienceSeconds?: number;
  formula: SlFormula;
}

/** Patience assumed when a queue neither set one nor showed an abandon that day (seconds). */
const DEFAULT_PATIENCE_SECONDS = 120;

/** Agent FTE on `queueId` per interval of `day`: time on the floor, a multi-skilled agent's split evenly over its queues. */
export function agentsByInterval(agents: readonly PastAgent[], queueId: string, day: LocalDay, lengthMs: number): number[] {
  return day.starts.map((s) => {
    let ms = 0;
    for (const a of agents) {
      if (!a.queues.includes(queueId)) continue;
      for (const [f, t] of a.windows) ms += Math.max(0, Math.min(t, s + lengthMs) - Math.max(f, s)) / a.queues.length;
    }
    return ms / lengthMs;
  });
}

function sum(list: (RerunCounts | undefined)[]): RerunCounts {
  const t: RerunCounts = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0 };
  for (const c of list) if (c) for (const k of Object.keys(t) as (keyof RerunCounts)[]) t[k] += c[k];
  return t;
}

/**
 * One queue's past day three ways: as it was, re-run with its own staffing (how far the
 * simulation is from the day), and re-run with `changes` (local HH:MM times on `day`). The
 * whole tenant is re-run, since multi-skilled agents serve several queues.
 */
export function pastDayWhatIf(log: FloorLog, tenant: string, queues: readonly PastDayQueue[], queueId: string, day: LocalDay, clock: IntervalClock, asked: readonly PastDayChange[], seed = 1): PastDayView {
  const q = queues.find((x) => x.id === queueId)!;
  const byId = new Map(queues.map((x) => [x.id, x]));
  const changes: StaffingChange[] = asked.map((c) => ({ queueId, from: localTime(day, c.from, clock), to: c.to ? localTime(day, c.to, clock) : day.end, agents: c.agents }));
  const options = {
    thresholdSeconds: (id: string) => byId.get(id)?.thresholdSeconds ?? 20,
    patienceSeconds: (id: string) => patienceEstimate(log.calls, id, byId.get(id)?.patienceSeconds ?? DEFAULT_PATIENCE_SECONDS),
    intervalOf: (t: number) => clock.intervalStart(t),
    seed,
  };
  const actual = actualCounts(log, options).get(queueId);
  const rerun = rerunDay(log, [], options).get(queueId);
  const whatIf = rerunDay(log, changes, options).get(queueId);
  const before = agentsByInterval(log.agents, queueId, day, clock.lengthMs);
  const after = agentsByInterval(changedAgents(log.agents, changes), queueId, day, clock.lengthMs);
  const figures = (r: Map<number, RerunCounts> | undefined): PastDayFigures => {
    const t = sum(day.starts.map((s) => r?.get(s)));
    return { serviceLevel: serviceLevel(t, q.formula), abandonRate: abandonRate(t) };
  };
  return {
    tenant,
    queueId,
    queueName: q.name,
    date: day.date,
    thresholdSeconds: q.thresholdSeconds,
    slTarget: q.slTarget,
    patienceSeconds: options.patienceSeconds(queueId),
    calls: log.calls.filter((c) => c.queueId === queueId && c.outcome !== 'open').length,
    changes: [...asked],
    day: { actual: figures(actual), rerun: figures(rerun), whatIf: figures(whatIf) },
    intervals: day.starts.map((s, i) => {
      const sl = (r: Map<number, RerunCounts> | undefined) => {
        const c = r?.get(s);
        return c ? serviceLevel(c, q.formula) : null;
      };
      return { start: clock.iso(s), offered: actual?.get(s)?.offered ?? 0, agents: before[i], whatIfAgents: after[i], actual: sl(actual), rerun: sl(rerun), whatIf: sl(whatIf) };
    }),
  };
}

/** Epoch ms of local time HH:MM on `day` (24:00 is the day's end), within the day. */
export function localTime(day: LocalDay, hhmm: string, clock: IntervalClock): number {
  if (hhmm === '24:00') return day.end;
  const t = DateTime.fromISO(`${day.date}T${hhmm}`, { zone: clock.timezone }).toMillis();
  return Math.min(day.end, Math.max(day.start, t));
}
