import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.ts';
import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import { MAX_PLAN_DAYS_AHEAD, tooFarAhead, type ScheduleSegment } from '../domain/plan.ts';
import { runToEnd } from '../domain/steps.ts';
import { packScheduleSteps } from '../protocol/packed-schedule.ts';
import type { LogEntry } from '../protocol/log.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { parseForecastFile, parseSchedule } from './plan-import.ts';

/** What the plan files named in the config give at start. */
export interface PlanFiles {
  /** Their forecasts and schedules of the days the floor keeps, as log entries. */
  entries: LogEntry[];
  /** Each file's local days (YYYY-MM-DD, in order) before the oldest day kept: left out. */
  forgotten: { path: string; dates: string[] }[];
  /** Each file's local days more than MAX_PLAN_DAYS_AHEAD after today: left out, as an upload of them is refused. */
  tooFar: { path: string; dates: string[] }[];
}

/**
 * The forecast and schedule CSV files named in the config, as log entries (a bad file stops the
 * start with its problems listed). Applied like any plan change, so every replica agrees. Days
 * before `keptFrom` (epoch ms, the start of the oldest local day the retention keeps) are left
 * out and named, as the API refuses them: taken, they would be dropped at the next day turn with
 * nothing said. They do not stop the start: a file that was right when it was configured ages
 * past the retention by itself, and its other days are still wanted.
 */
export function planFileEntries(config: Config, clock: IntervalClock, keptFrom: number, today: string): PlanFiles {
  const entries: LogEntry[] = [];
  const out: PlanFiles = { entries, forgotten: [], tooFar: [] };
  /** Whether a file's day loads; a day left out is noted under the file, in `out.forgotten` or `out.tooFar`. */
  const fileDays = (path: string) => {
    const left = { forgotten: new Set<string>(), tooFar: new Set<string>() };
    return {
      loads(day: LocalDay): boolean {
        const why = day.start < keptFrom ? 'forgotten' : tooFarAhead(day.date, today) ? 'tooFar' : null;
        if (why) left[why].add(day.date);
        return why === null;
      },
      done(): void {
        for (const why of ['forgotten', 'tooFar'] as const) if (left[why].size) out[why].push({ path, dates: [...left[why]].sort() });
      },
    };
  };
  for (const path of config.forecastFiles) {
    const days = fileDays(path);
    for (const g of parseForecastFile(readFileSync(path, 'utf8'), clock)) {
      if (days.loads(g.day)) entries.push({ k: 'forecast', tenant: g.tenant, queueId: g.queueId, dayStart: g.day.start, dayEnd: g.day.end, rows: [...g.rows].map(([s, r]) => [s, r.calls, r.ahtSeconds]) });
    }
    days.done();
  }
  for (const path of config.scheduleFiles) {
    const csv = readFileSync(path, 'utf8');
    // A schedule file may span days: take every local date it touches.
    const dates = new Set<string>();
    for (const m of csv.matchAll(/\d{4}-\d{2}-\d{2}T[^,]+/g)) dates.add(clock.dayOf(Date.parse(m[0])).date);
    const days = fileDays(path);
    for (const date of dates) {
      const day = clock.dayOfDate(date)!;
      if (days.loads(day)) entries.push(...scheduleEntries(parseSchedule(csv, 'text/csv', day, config.activities, true).map((s) => ({ ...s, tenant: s.tenant ?? 'default' })), day));
    }
    days.done();
  }
  return out;
}

/** Days a warning names at most; the rest are counted. */
const NAMED_DAYS = 5;

/** `dates` as a warning names them: the first NAMED_DAYS, the rest counted, and the verb that agrees. */
function namedDays(dates: readonly string[]): string {
  const named = dates.slice(0, NAMED_DAYS).join(', ') + (dates.length > NAMED_DAYS ? ` and ${dates.length - NAMED_DAYS} more days` : '');
  return `${named} ${dates.length === 1 ? 'is' : 'are'}`;
}

/** The warning for a plan file's `dates` left out, before `oldest` (YYYY-MM-DD), the oldest day a retention of `retentionDays` days keeps. */
export function forgottenDaysText(path: string, dates: readonly string[], oldest: string, retentionDays: number): string {
  return `plan file ${path}: ${namedDays(dates)} before ${oldest}, the oldest day the floor keeps (retentionDays ${retentionDays}): not loaded`;
}

/** The warning for a plan file's `dates` left out, more than MAX_PLAN_DAYS_AHEAD days after `today` (YYYY-MM-DD). */
export function tooFarDaysText(path: string, dates: readonly string[], today: string): string {
  return `plan file ${path}: ${namedDays(dates)} more than ${MAX_PLAN_DAYS_AHEAD} days after today (${today}), as far as a plan reaches: not loaded`;
}

/**
 * The simulator's forecast and rota for yesterday, today and tomorrow of `now` (epoch ms), as log
 * entries that fill only queue-days and agent-days with no plan yet (`gapsOnly`): published at
 * every start, they must not overwrite a plan someone imported.
 */
export function simulatorPlanEntries(sim: Simulation, clock: IntervalClock, intervalMinutes: number, now: number): LogEntry[] {
  const out: LogEntry[] = [];
  const today = clock.dayOf(now);
  for (const offset of [-1, 0, 1]) {
    const day = clock.dayOf(today.start + offset * 86_400_000 + 43_200_000);
    const byQueue = new Map<string, LogEntry & { k: 'forecast' }>();
    for (const f of sim.forecast(day.date, intervalMinutes)) {
      const key = JSON.stringify([f.tenant, f.queueId]);
      let e = byQueue.get(key);
      if (!e) byQueue.set(key, (e = { k: 'forecast', tenant: f.tenant, queueId: f.queueId, dayStart: day.start, dayEnd: day.end, rows: [], gapsOnly: true }));
      e.rows.push([f.start, f.calls, f.ahtSeconds]);
    }
    out.push(...byQueue.values());
    out.push(...scheduleEntries(sim.schedules(day.date), day).map((e) => ({ ...e, gapsOnly: true as const })));
  }
  return out;
}

/** One packed schedule entry a tenant for these segments of `day`, tenants in the order they first appear. */
function scheduleEntries(segments: readonly (ScheduleSegment & { tenant: string })[], day: LocalDay): LogEntry[] {
  const byTenant = new Map<string, ScheduleSegment[]>();
  for (const s of segments) {
    let list = byTenant.get(s.tenant);
    if (!list) byTenant.set(s.tenant, (list = []));
    list.push({ agentId: s.agentId, start: s.start, end: s.end, activity: s.activity });
  }
  return [...byTenant].map(([tenant, list]) => runToEnd(packScheduleSteps(tenant, day.start, day.end, list)));
}
