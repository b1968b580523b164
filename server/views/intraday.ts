import type { Engine, QueueState } from '../domain/engine.ts';
import type { ForecastedInterval } from '../domain/forecast/history-forecast.ts';
import { projectedMetrics, requiredAgentCount, traffic, type RequiredInput } from '../domain/erlang.ts';
import type { Plan, WhatIf } from '../domain/plan.ts';
import { reforecastFactors, type Observed, type ReforecastParams } from '../domain/reforecast.ts';
import { agentsForSlots, loggedInMs, scheduledMs, slotsOfAgents } from '../domain/staffing.ts';
import { queueCapacity } from '../domain/queue-config.ts';
import type { QueueImpact } from '../protocol/adherence.ts';
import type { IntradayRow, IntradayView, WhatIfView } from '../protocol/intraday.ts';
import { addOutlook, type ErrorPathLookup, type OutlookRowInput } from './intraday-outlook.ts';
import { isDeferred } from '../domain/backlog.ts';
import { deferredIntradayView } from './deferred-intraday.ts';
import { intradayHeader } from './intraday-header.ts';
import { queueStatsRow } from './queue-rows.ts';

/** A queue's history forecast for a local date (YYYY-MM-DD) when one is ready, else null; with the outlook's error paths when known. */
export type HistoryLookup = ((tenant: string, queueId: string, date: string) => readonly ForecastedInterval[] | null) & { errorPaths?: ErrorPathLookup };

function historyByStart(intervals: readonly ForecastedInterval[] | null): Map<number, { calls: number; ahtSeconds: number }> | null {
  return intervals ? new Map(intervals.map((i) => [i.start, { calls: i.calls, ahtSeconds: i.ahtSeconds }])) : null;
}

/**
 * The intraday table of one queue and local day: forecast, actuals, reforecast, required,
 * scheduled (with what-ifs) and logged-in staff, and the projection for intervals not closed.
 */
export function intradayView(engine: Engine, plan: Plan, q: QueueState, dayStart: number, params: ReforecastParams, history?: HistoryLookup): IntradayView {
  const clock = engine.clock;
  const day = clock.dayOf(dayStart);
  const fromHistory = historyByStart(history?.(q.config.tenant, q.config.id, day.date) ?? null);
  const imported = day.starts.some((s) => plan.forecast(q.config.tenant, q.config.id, s));
  // The imported forecast rules; without one for the day the history forecast stands in.
  const forecastAt = (s: number) => (imported ? plan.forecast(q.config.tenant, q.config.id, s) : fromHistory?.get(s));
  const lengthMs = clock.lengthMs;
  const intervalSeconds = lengthMs / 1000;
  const now = engine.now;
  const cfg = q.config;
  const agents = [...q.agents].filter((a) => a.queues.includes(q));
  const scheduled = scheduledMs(plan, agents, cfg.id, day, lengthMs);
  const loggedIn = loggedInMs(agents, cfg.id, day, lengthMs, now);
  const whatIfs = plan.whatIfsFor(cfg.tenant, cfg.id, day.date);
  // Deferred work is planned against deadlines, never as Erlang traffic.
  if (isDeferred(cfg)) {
    const views = whatIfs.map((w) => whatIfView(engine, w));
    const forecastSource = imported ? 'imported' : fromHistory ? 'history' : null;
    return { ...deferredIntradayView(engine, q, dayStart, { forecastAt, forecastSource, hasHistoryForecast: fromHistory !== null, scheduled, loggedIn, whatIfs }), whatIfs: views };
  }
  const model: 'C' | 'A' = cfg.patienceSeconds ? 'A' : 'C';
  // A chat agent serving three at once is three servers of the Erlang model (docs/metrics.md).
  const concurrency = Math.max(1, queueCapacity(cfg));

  const stats = day.starts.map((s) => queueStatsRow(engine, q, [s], s, s + lengthMs));
  const observed: Observed[] = [];
  day.starts.forEach((s, i) => {
    const f = forecastAt(s);
    if (!f || s + lengthMs > now) return;
    const r = stats[i];
    observed.push({ end: s + lengthMs, forecastCalls: f.calls, forecastAhtSeconds: f.ahtSeconds, actualCalls: r.offered, handled: r.handled, handleSeconds: r.talkSeconds + r.holdSeconds + r.acwSeconds });
  });
  const factors = reforecastFactors(observed, now, params);

  const staffingInput = (calls: number, ahtSeconds: number): RequiredInput => ({
    model,
    trafficErlangs: traffic(calls, intervalSeconds, ahtSeconds),
    ahtSeconds,
    targetSeconds: cfg.slThresholdSeconds,
    patienceSeconds: cfg.patienceSeconds,
    targets: { serviceLevel: cfg.slTarget },
  });
  // Many intervals ask the same question (the forecast and an unchanged reforecast, quiet nights).
  const memo = new Map<string, number | null>();
  const required = (calls: number, ahtSeconds: number | null): number | null => {
    if (ahtSeconds === null || ahtSeconds <= 0) return calls === 0 ? 0 : null;
    const key = `${calls}|${ahtSeconds}`;
    let n = memo.get(key);
    if (n === undefined) memo.set(key, (n = agentsForSlots(requiredAgentCount(staffingInput(calls, ahtSeconds)), concurrency)));
    return n;
  };

  // Whole-day service level: closed intervals count their actual SL counts, the rest their
  // projected share of projected calls (short abandons are not projected).
  let dayNumerator = 0;
  let dayDenominator = 0;
  // An open interval beyond the Erlang limits has no projection, so neither has the day.
  let dayBeyondLimits = false;
  const outlookInput: OutlookRowInput[] = [];
  const rows: IntradayRow[] = day.starts.map((s, i) => {
    const end = s + lengthMs;
    const closed = end <= now;
    const current = s <= now && now < end;
    const f = forecastAt(s) ?? null;
    const h = fromHistory?.get(s) ?? null;
    const a = stats[i];
    const actualAht = a.ahtSeconds;
    const whatIfAgents = whatIfs.filter((w) => w.from <= s && s < w.to).reduce((n, w) => n + w.agents, 0);
    const scheduledAgents = scheduled[i] / lengthMs;
    const reforecastCalls = !closed && f ? f.calls * factors.volume : null;
    const reforecastAht = !closed && f ? f.ahtSeconds * factors.aht : null;
    const requiredAgentsNow = closed ? required(a.offered, actualAht ?? f?.ahtSeconds ?? null) : reforecastCalls !== null ? required(reforecastCalls, reforecastAht) : null;
    let projectedServiceLevel: number | null = null;
    let projectedAsaSeconds: number | null = null;
    let projectedAbandonRate: number | null = null;
    // No calls expected is no service level to project: Erlang's 100% at zero traffic is nothing
    // the centre achieved, and such an interval weighs nothing in the day's figure anyway.
    if (!closed && reforecastCalls !== null && reforecastAht !== null && reforecastCalls > 0 && reforecastAht > 0) {
      // Erlang needs whole agents: the fractional FTE is rounded down (a conservative projection),
      // each offering `concurrency` slots.
      const n = slotsOfAgents(scheduledAgents + whatIfAgents, concurrency);
      const r = projectedMetrics(staffingInput(reforecastCalls, reforecastAht), n);
      if (r === null) dayBeyondLimits = true;
      else {
        projectedServiceLevel = r.serviceLevel;
        projectedAsaSeconds = r.asaSeconds;
        projectedAbandonRate = model === 'A' ? r.pAbandon : null;
        dayNumerator += (r.serviceLevel ?? 0) * reforecastCalls;
        dayDenominator += reforecastCalls;
      }
    } else if (closed) {
      const denominator = a.answered + a.abandoned - a.shortAbandoned;
      dayNumerator += a.serviceLevel === null ? 0 : a.serviceLevel * denominator;
      dayDenominator += a.serviceLevel === null ? 0 : denominator;
    }
    const denominator = a.serviceLevel === null ? 0 : a.answered + a.abandoned - a.shortAbandoned;
    // Nearest whole agent: the backtest found rounding down made the outlook's service level too low.
    const staff = Math.max(0, Math.round(scheduledAgents + whatIfAgents));
    outlookInput.push({ inSl: (a.serviceLevel ?? 0) * denominator, denominator, handled: a.handled, handleSeconds: a.talkSeconds + a.holdSeconds + a.acwSeconds, staff });
    return {
      start: a.start,
      end: a.end,
      closed,
      current,
      forecastCalls: f?.calls ?? null,
      forecastAhtSeconds: f?.ahtSeconds ?? null,
      actualCalls: a.offered,
      actualAhtSeconds: actualAht,
      actualServiceLevel: a.serviceLevel,
      reforecastCalls,
      reforecastAhtSeconds: reforecastAht,
      requiredAgents: requiredAgentsNow,
      requiredByForecast: f ? required(f.calls, f.ahtSeconds) : null,
      scheduledAgents,
      whatIfAgents,
      historyForecastCalls: h?.calls ?? null,
      historyForecastAhtSeconds: h?.ahtSeconds ?? null,
      // The open interval is averaged over the part that has passed.
      loggedInAgents: current ? (now > s ? loggedIn[i] / (now - s) : 0) : loggedIn[i] / lengthMs,
      netAgents: requiredAgentsNow === null ? null : scheduledAgents + whatIfAgents - requiredAgentsNow,
      projectedServiceLevel,
      projectedAsaSeconds,
      projectedAbandonRate,
      model,
    };
  });

  const paths = history?.errorPaths?.(cfg.tenant, cfg.id, day.date) ?? null;
  const outlook = addOutlook(engine, day, rows, outlookInput, paths, { slTarget: cfg.slTarget, slThresholdSeconds: cfg.slThresholdSeconds, patienceSeconds: cfg.patienceSeconds, concurrency }, params);
  const outlookBeyondLimits = outlook !== null && 'beyondLimits' in outlook;
  return {
    ...intradayHeader(engine, q, day),
    concurrency,
    targets: { serviceLevel: cfg.slTarget, thresholdSeconds: cfg.slThresholdSeconds, patienceSeconds: cfg.patienceSeconds ?? null },
    factors: {
      volume: factors.volume,
      aht: factors.aht,
      volumeRatio: factors.volumeRatio,
      ahtRatio: factors.ahtRatio,
      volumeCredibility: factors.volumeCredibility,
      ahtCredibility: factors.ahtCredibility,
      intervalsUsed: factors.intervalsUsed,
    },
    dayProjectedServiceLevel: dayDenominator > 0 && !dayBeyondLimits ? dayNumerator / dayDenominator : null,
    hasForecast: rows.some((r) => r.forecastCalls !== null),
    forecastSource: imported ? 'imported' : fromHistory ? 'history' : null,
    hasHistoryForecast: fromHistory !== null,
    hasSchedule: scheduled.some((v) => v > 0),
    outlook: outlookBeyondLimits ? null : outlook,
    ...(outlookBeyondLimits ? { outlookBeyondLimits } : {}),
    // A lookup that answers null is still reading; one without history never will.
    outlookPending: history?.errorPaths !== undefined && paths === null,
    rows,
    whatIfs: whatIfs.map((w) => whatIfView(engine, w)),
  };
}

export function whatIfView(engine: Engine, w: WhatIf): WhatIfView {
  return { ...w, from: engine.clock.iso(w.from), to: engine.clock.iso(w.to), createdByKind: w.createdByKind ?? null };
}

/** The intraday table as CSV, one row per interval, every number the view shows. */
export function intradayCsv(view: IntradayView): string {
  const cols: (keyof IntradayRow)[] = [
    'start', 'end', 'closed', 'forecastCalls', 'forecastAhtSeconds', 'actualCalls', 'actualAhtSeconds', 'actualServiceLevel',
    'reforecastCalls', 'reforecastAhtSeconds', 'requiredAgents', 'requiredByForecast', 'scheduledAgents', 'whatIfAgents',
    'loggedInAgents', 'netAgents', 'projectedServiceLevel', 'projectedAsaSeconds', 'projectedAbandonRate',
  ];
  const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 10_000) / 10_000) : String(v));
  return [cols.map(snake).join(','), ...view.rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/**
 * A lookup of each queue's staffing in the interval now (net agents and projected service
 * level), computing each queue's intraday table at most once per lookup function.
 */
export function impactLookup(engine: Engine, plan: Plan, params: ReforecastParams): (q: QueueState) => QueueImpact {
  const cache = new Map<QueueState, QueueImpact>();
  const dayStart = engine.clock.dayOf(engine.now).start;
  return (q) => {
    let impact = cache.get(q);
    if (!impact) {
      const row = intradayView(engine, plan, q, dayStart, params).rows.find((r) => r.current);
      impact = { queueId: q.config.id, queueName: q.config.name, netAgents: row?.netAgents ?? null, projectedServiceLevel: row?.projectedServiceLevel ?? null };
      cache.set(q, impact);
    }
    return impact;
  };
}
