import type { Engine, QueueState } from '../domain/engine.ts';
import type { ForecastedInterval, HistoryForecast } from '../domain/forecast/history-forecast.ts';
import { tomorrowPlan } from '../domain/forecast/tomorrow-plan.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { Plan } from '../domain/plan.ts';
import { queueCapacity } from '../domain/queue-config.ts';
import { scheduledMs } from '../domain/staffing.ts';
import type { TomorrowPlanView } from '../protocol/history.ts';

/**
 * A day's plan for one queue: the imported forecast when the analyst gave one, else the
 * history forecast; required agents (Erlang A with the queue's patience, else C; a chat queue's
 * agents serve its capacity of chats at once, as on the intraday view), scheduled
 * phone agents from the rota, and the gap. Null when neither forecast exists.
 */
export function tomorrowPlanView(engine: Engine, plan: Plan, q: QueueState, day: LocalDay, fromHistory: HistoryForecast | null): TomorrowPlanView | null {
  const cfg = q.config;
  const lengthMs = engine.clock.lengthMs;
  const imported: ForecastedInterval[] = day.starts.flatMap((s) => {
    const f = plan.forecast(cfg.tenant, cfg.id, s);
    return f ? [{ start: s, calls: f.calls, ahtSeconds: f.ahtSeconds }] : [];
  });
  const forecast = imported.length ? imported : (fromHistory?.intervals ?? null);
  if (!forecast) return null;
  const agents = [...q.agents].filter((a) => a.queues.includes(q));
  const totals = scheduledMs(plan, agents, cfg.id, day, lengthMs);
  const slot = new Map(day.starts.map((s, i) => [s, i]));
  const scheduled = forecast.map((f) => {
    const i = slot.get(f.start);
    return i === undefined ? 0 : totals[i] / lengthMs;
  });
  const p = tomorrowPlan(forecast, scheduled, { slTarget: cfg.slTarget, slThresholdSeconds: cfg.slThresholdSeconds, patienceSeconds: cfg.patienceSeconds, concurrency: queueCapacity(cfg) }, lengthMs / 1000);
  return {
    tenant: cfg.tenant,
    queueId: cfg.id,
    queueName: cfg.name,
    date: day.date,
    forecastSource: imported.length ? 'imported' : 'history',
    model: p.model,
    targets: { serviceLevel: cfg.slTarget, thresholdSeconds: cfg.slThresholdSeconds, patienceSeconds: cfg.patienceSeconds ?? null },
    dayCalls: forecast.reduce((n, f) => n + f.calls, 0),
    projectedServiceLevel: p.projectedServiceLevel,
    shortIntervals: p.shortIntervals,
    intervals: p.intervals.map((i) => ({
      start: engine.clock.iso(i.start),
      calls: i.calls,
      ahtSeconds: i.ahtSeconds,
      trafficErlangs: i.trafficErlangs,
      required: i.required,
      scheduled: i.scheduled,
      gap: i.required === null ? null : i.scheduled - i.required,
      projectedServiceLevel: i.projectedServiceLevel,
    })),
  };
}
