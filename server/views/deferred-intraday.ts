import { isDeferred, responseTargetSeconds } from '../domain/backlog.ts';
import { dueLoad, edfPlan, type PlanWindow, type WorkGroup } from '../domain/deferred-plan.ts';
import { bucketKey, type Engine, type QueueState } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { WhatIf } from '../domain/plan.ts';
import type { DeferredPlanRow, DeferredPlanView } from '../protocol/backlog.ts';
import type { IntradayRow, IntradayView } from '../protocol/intraday.ts';
import { intradayHeader } from './intraday-header.ts';
import { backlogIntervals } from './backlog-view.ts';

/** What intradayView has already worked out for the queue and day. */
export interface DeferredInputs {
  forecastAt: (start: number) => { calls: number; ahtSeconds: number } | undefined;
  forecastSource: 'imported' | 'history' | null;
  hasHistoryForecast: boolean;
  /** Agent-ms per interval scheduled on the phone (split across skills) and logged in working. */
  scheduled: Float64Array;
  loggedIn: Float64Array;
  whatIfs: WhatIf[];
}

/**
 * Handle time (seconds) for items already waiting: today's actual mean of the queue's
 * handled items, else the day's forecast mean (weighted by forecast items), else null.
 */
function backlogHandleSeconds(engine: Engine, q: QueueState, day: LocalDay, forecastAt: DeferredInputs['forecastAt']): number | null {
  let handled = 0;
  let ms = 0;
  for (const s of engine.clock.dayOf(engine.now).starts) {
    const d = q.deferred?.get(bucketKey(s));
    if (d) (handled += d.handled), (ms += d.handleMs);
  }
  if (handled > 0) return ms / 1000 / handled;
  let items = 0;
  let work = 0;
  for (const s of day.starts) {
    const f = forecastAt(s);
    if (f) (items += f.calls), (work += f.calls * f.ahtSeconds);
  }
  return items > 0 ? work / items : null;
}

/**
 * The deadline plan of a deferred queue for one local day (docs/metrics.md, "Planning
 * deferred work"): the items waiting now and the forecast arrivals of the intervals not yet
 * closed, each due `responseTargetSeconds` after it arrives (a forecast interval's items all
 * carry its start's deadline, the earliest of them); required agents are the work due in each
 * interval over its length, and an earliest-deadline-first run on the scheduled staff projects
 * the backlog and the breaches.
 */
export function deferredPlan(engine: Engine, q: QueueState, dayStart: number, inputs: DeferredInputs): DeferredPlanView {
  const clock = engine.clock;
  const day = clock.dayOf(dayStart);
  const now = engine.now;
  const lengthMs = clock.lengthMs;
  const target = responseTargetSeconds(q.config) * 1000;
  const ends = day.starts.map((s) => clock.intervalEnd(s));
  // The first interval still open; intervals before it are history.
  let first = ends.findIndex((e) => e > now);
  if (first < 0) first = ends.length;
  const handle = backlogHandleSeconds(engine, q, day, inputs.forecastAt);
  const groups: WorkGroup[] = [];
  if (first < ends.length && handle !== null) {
    for (const w of q.waiting.values()) groups.push({ releaseAt: -Infinity, deadline: w.queuedTs + target, items: 1, handleSeconds: handle });
  }
  const forecastItems: (number | null)[] = day.starts.map((s) => inputs.forecastAt(s)?.calls ?? null);
  for (let i = first; i < ends.length; i++) {
    const f = inputs.forecastAt(day.starts[i]);
    if (!f || f.calls <= 0) continue;
    const from = Math.max(day.starts[i], now);
    // Only the part of the open interval still to come brings new items.
    groups.push({ releaseAt: from, deadline: day.starts[i] + target, items: (f.calls * (ends[i] - from)) / (ends[i] - day.starts[i]), handleSeconds: f.ahtSeconds });
  }
  const openEnds = ends.slice(first);
  const due = dueLoad(groups, openEnds, 0);
  const whatIfAt = (s: number) => inputs.whatIfs.filter((w) => w.from <= s && s < w.to).reduce((n, w) => n + w.agents, 0);
  const windows: PlanWindow[] = openEnds.map((end, k) => {
    const s = day.starts[first + k];
    return { from: Math.max(s, now), end, agents: inputs.scheduled[first + k] / lengthMs + whatIfAt(s) };
  });
  const edf = handle === null ? null : edfPlan(groups, windows);
  const actual = backlogIntervals(engine, q, day.start);
  const rows: DeferredPlanRow[] = day.starts.map((s, i) => {
    const k = i - first;
    const open = k >= 0;
    const a = actual[i];
    const scheduledAgents = inputs.scheduled[i] / lengthMs;
    const whatIfAgents = whatIfAt(s);
    const requiredAgents = open && handle !== null ? due.workSeconds[k] / (lengthMs / 1000) : null;
    return {
      start: clock.iso(s),
      end: clock.iso(ends[i]),
      closed: ends[i] <= now,
      current: s <= now && now < ends[i],
      forecastItems: forecastItems[i],
      arrived: a?.arrived ?? 0,
      handled: a?.handled ?? 0,
      // The open interval shows the backlog now; later ones the plan's projection.
      backlogAtEnd: a && (!open || k === 0) ? a.backlogAtEnd : (edf?.[k]?.backlogAtEnd ?? q.waiting.size),
      dueItems: open ? due.items[k] : 0,
      dueWorkSeconds: open ? due.workSeconds[k] : 0,
      requiredAgents,
      scheduledAgents,
      whatIfAgents,
      netAgents: requiredAgents === null ? null : scheduledAgents + whatIfAgents - requiredAgents,
      projectedHandled: open && edf ? edf[k].handled : null,
      projectedBreaches: open && edf ? edf[k].breaches : null,
    };
  });
  return {
    responseTargetSeconds: target / 1000,
    backlogHandleSeconds: handle,
    backlogNow: q.waiting.size,
    projectedBreachesToday: edf ? edf.reduce((n, r) => n + r.breaches, 0) : null,
    rows,
  };
}

/**
 * The intraday table of a deferred queue: the shared IntradayView shape with the deadline
 * plan in `deferred`; none of its rows is Erlang traffic (model `deadline`, no projected
 * service level, ASA or abandon rate).
 */
export function deferredIntradayView(engine: Engine, q: QueueState, dayStart: number, inputs: DeferredInputs): IntradayView {
  const cfg = q.config;
  if (!isDeferred(cfg)) throw new Error(`queue ${cfg.id} is not deferred`);
  const day = engine.clock.dayOf(dayStart);
  const plan = deferredPlan(engine, q, dayStart, inputs);
  const lengthMs = engine.clock.lengthMs;
  const now = engine.now;
  const rows: IntradayRow[] = plan.rows.map((r, i) => {
    const s = day.starts[i];
    const d = q.deferred?.get(bucketKey(s));
    const f = inputs.forecastAt(s);
    const denominator = d ? d.answered + d.abandoned - d.shortAbandoned : 0;
    return {
      start: r.start,
      end: r.end,
      closed: r.closed,
      current: r.current,
      forecastCalls: f?.calls ?? null,
      forecastAhtSeconds: f?.ahtSeconds ?? null,
      actualCalls: r.arrived,
      actualAhtSeconds: d && d.handled > 0 ? d.handleMs / 1000 / d.handled : null,
      actualServiceLevel: d && denominator > 0 ? d.answeredInTarget / denominator : null,
      reforecastCalls: null,
      reforecastAhtSeconds: null,
      requiredAgents: r.requiredAgents,
      requiredByForecast: null,
      scheduledAgents: r.scheduledAgents,
      whatIfAgents: r.whatIfAgents,
      loggedInAgents: r.current ? (now > s ? inputs.loggedIn[i] / (now - s) : 0) : inputs.loggedIn[i] / lengthMs,
      netAgents: r.netAgents,
      projectedServiceLevel: null,
      projectedAsaSeconds: null,
      projectedAbandonRate: null,
      model: 'deadline',
    };
  });
  return {
    ...intradayHeader(engine, q, day),
    // The deadline plan counts work in agent-seconds (items x handle time), one item at a time.
    concurrency: 1,
    targets: { serviceLevel: cfg.slTarget, thresholdSeconds: plan.responseTargetSeconds, patienceSeconds: null },
    factors: { volume: 1, aht: 1, volumeRatio: null, ahtRatio: null, volumeCredibility: 0, ahtCredibility: 0, intervalsUsed: 0 },
    dayProjectedServiceLevel: null,
    hasForecast: rows.some((r) => r.forecastCalls !== null),
    forecastSource: inputs.forecastSource,
    hasHistoryForecast: inputs.hasHistoryForecast,
    hasSchedule: inputs.scheduled.some((v) => v > 0),
    rows,
    whatIfs: [],
    deferred: plan,
  };
}
