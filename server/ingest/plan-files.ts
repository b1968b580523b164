import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.ts';
import type { IntervalClock } from '../domain/intervals.ts';
import type { LogEntry } from '../protocol/log.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { parseForecastFile, parseSchedule } from './plan-import.ts';

/**
 * The forecast and schedule CSV files named in the config, as log entries (a bad file stops the
 * start with its problems listed). Applied like any plan change, so every replica agrees.
 */
export function planFileEntries(config: Config, clock: IntervalClock): LogEntry[] {
  const out: LogEntry[] = [];
  for (const path of config.forecastFiles) {
    for (const g of parseForecastFile(readFileSync(path, 'utf8'), clock)) {
      out.push({ k: 'forecast', tenant: g.tenant, queueId: g.queueId, dayStart: g.day.start, dayEnd: g.day.end, rows: [...g.rows].map(([s, r]) => [s, r.calls, r.ahtSeconds]) });
    }
  }
  for (const path of config.scheduleFiles) {
    const csv = readFileSync(path, 'utf8');
    // A schedule file may span days: take every local date it touches.
    const dates = new Set<string>();
    for (const m of csv.matchAll(/\d{4}-\d{2}-\d{2}T[^,]+/g)) dates.add(clock.dayOf(Date.parse(m[0])).date);
    for (const date of dates) {
      const day = clock.dayOfDate(date)!;
      const byTenant = new Map<string, LogEntry & { k: 'schedule' }>();
      for (const s of parseSchedule(csv, 'text/csv', day, config.activities, true)) {
        const tenant = s.tenant ?? 'default';
        let e = byTenant.get(tenant);
        if (!e) byTenant.set(tenant, (e = { k: 'schedule', tenant, dayStart: day.start, dayEnd: day.end, segments: [] }));
        e.segments.push({ agentId: s.agentId, start: s.start, end: s.end, activity: s.activity });
      }
      out.push(...byTenant.values());
    }
  }
  return out;
}

/** The simulator's forecast and rota for yesterday, today and tomorrow of `now` (epoch ms), as log entries. */
export function simulatorPlanEntries(sim: Simulation, clock: IntervalClock, intervalMinutes: number, now: number): LogEntry[] {
  const out: LogEntry[] = [];
  const today = clock.dayOf(now);
  for (const offset of [-1, 0, 1]) {
    const day = clock.dayOf(today.start + offset * 86_400_000 + 43_200_000);
    const byQueue = new Map<string, LogEntry & { k: 'forecast' }>();
    for (const f of sim.forecast(day.date, intervalMinutes)) {
      const key = JSON.stringify([f.tenant, f.queueId]);
      let e = byQueue.get(key);
      if (!e) byQueue.set(key, (e = { k: 'forecast', tenant: f.tenant, queueId: f.queueId, dayStart: day.start, dayEnd: day.end, rows: [] }));
      e.rows.push([f.start, f.calls, f.ahtSeconds]);
    }
    out.push(...byQueue.values());
    const byTenant = new Map<string, LogEntry & { k: 'schedule' }>();
    for (const s of sim.schedules(day.date)) {
      let e = byTenant.get(s.tenant);
      if (!e) byTenant.set(s.tenant, (e = { k: 'schedule', tenant: s.tenant, dayStart: day.start, dayEnd: day.end, segments: [] }));
      e.segments.push({ agentId: s.agentId, start: s.start, end: s.end, activity: s.activity });
    }
    out.push(...byTenant.values());
  }
  return out;
}
