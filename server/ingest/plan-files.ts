import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Engine } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import type { Simulation } from '../../simulator/simulation.ts';
import { parseForecastFile, parseSchedule } from './plan-import.ts';

/** Loads the forecast and schedule CSV files named in the config; a bad file stops the start. */
export function loadPlanFiles(config: Config, engine: Engine, plan: Plan, logger: Logger): void {
  for (const path of config.forecastFiles) {
    const groups = parseForecastFile(readFileSync(path, 'utf8'), engine.clock);
    for (const g of groups) {
      // A forecast may come before the queue's first call: register it in the row's tenant.
      engine.ensureQueue(g.tenant, g.queueId);
      plan.setForecast(g.tenant, g.queueId, g.day.start, g.day.end, g.rows);
    }
    logger.info({ path, queues: new Set(groups.map((g) => JSON.stringify([g.tenant, g.queueId]))).size }, 'forecast file loaded');
  }
  for (const path of config.scheduleFiles) {
    const csv = readFileSync(path, 'utf8');
    // A schedule file may span days: take every local date it touches.
    const dates = new Set<string>();
    for (const m of csv.matchAll(/\d{4}-\d{2}-\d{2}T[^,]+/g)) dates.add(engine.clock.dayOf(Date.parse(m[0])).date);
    for (const date of dates) {
      const day = engine.clock.dayOfDate(date)!;
      const segments = parseSchedule(csv, 'text/csv', day, config.activities, true);
      const byTenant = new Map<string, typeof segments>();
      for (const s of segments) {
        const tenant = s.tenant ?? 'default';
        if (!engine.agent(tenant, s.agentId)) engine.addAgent({ id: s.agentId, tenant });
        byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), s]);
      }
      for (const [tenant, list] of byTenant) plan.setSchedules(tenant, day.start, day.end, list);
    }
    logger.info({ path, days: dates.size }, 'schedule file loaded');
  }
}

/** The simulator's forecast and rota for yesterday, today and tomorrow of the floor clock. */
export function publishSimulatorPlan(sim: Simulation, engine: Engine, plan: Plan, intervalMinutes: number): void {
  const today = engine.clock.dayOf(engine.now);
  for (const offset of [-1, 0, 1]) {
    const day = engine.clock.dayOf(today.start + offset * 86_400_000 + 43_200_000);
    const byQueue = new Map<string, { tenant: string; queueId: string; rows: Map<number, { calls: number; ahtSeconds: number }> }>();
    for (const f of sim.forecast(day.date, intervalMinutes)) {
      const key = JSON.stringify([f.tenant, f.queueId]);
      let g = byQueue.get(key);
      if (!g) byQueue.set(key, (g = { tenant: f.tenant, queueId: f.queueId, rows: new Map() }));
      g.rows.set(f.start, { calls: f.calls, ahtSeconds: f.ahtSeconds });
    }
    for (const g of byQueue.values()) plan.setForecast(g.tenant, g.queueId, day.start, day.end, g.rows);
    const byTenant = new Map<string, ReturnType<Simulation['schedules']>>();
    for (const s of sim.schedules(day.date)) byTenant.set(s.tenant, [...(byTenant.get(s.tenant) ?? []), s]);
    for (const [tenant, list] of byTenant) plan.setSchedules(tenant, day.start, day.end, list);
  }
}
