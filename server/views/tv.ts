/**
 * The TV's only access to the engine (an adapter: after the engine refactor only this file
 * should need to change). Turns a tenant's queues and agents into `TvQueueInput`s.
 */
import { stateName } from '../domain/agent-timeline.ts';
import { isDeferred } from '../domain/backlog.ts';
import type { Engine, QueueState } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import { tvTile, type TvQueueInput } from '../domain/tv-tiles.ts';
import { trendSpan } from '../domain/tv-trend.ts';
import type { TvTile } from '../protocol/tv.ts';
import { intradayView } from './intraday.ts';
import { campaignQueues } from './campaign-board.ts';
import { queueDayRow, queueIntervalRow, queueStatsRow } from './queue-rows.ts';

const WORKING = new Set(['available', 'talking', 'hold', 'acw']);

/** Agents needed this interval for one queue: the current row of its intraday view (null without a forecast). */
export function requiredNow(engine: Engine, plan: Plan, q: QueueState, params: ReforecastParams): number | null {
  const day = engine.clock.dayOf(engine.now);
  const view = intradayView(engine, plan, q, day.start, params);
  return view.rows.find((r) => r.current)?.requiredAgents ?? null;
}

/**
 * The TV inputs of every realtime queue of a tenant; `required` answers the staffing figure
 * (cached by the caller). Deferred queues (email) are left out: an email answered in hours
 * would count as a miss of a 20-second service level and its age as a caller's wait. So are
 * outbound campaigns' queues: nobody waits in them.
 */
export function tenantQueueInputs(engine: Engine, tenant: string, required: (q: QueueState) => number | null): TvQueueInput[] {
  const t = engine.tenants.get(tenant);
  if (!t) return [];
  const now = engine.now;
  const len = engine.clock.lengthMs;
  const { starts } = trendSpan(engine.clock, now);
  const campaigns = campaignQueues(engine, tenant);
  return [...t.queues.values()].filter((q) => !isDeferred(q.config) && !campaigns.has(q)).map((q) => {
    let oldest: number | null = null;
    for (const { queuedTs } of q.waiting.values()) if (oldest === null || queuedTs < oldest) oldest = queuedTs;
    const cfg = q.config;
    return {
      today: queueDayRow(engine, q, now),
      interval: queueIntervalRow(engine, q, now),
      intervals: starts.map((s) => ({ start: s, counts: queueStatsRow(engine, q, [s], s, s + len) })),
      formula: cfg.slFormula,
      slTarget: cfg.slTarget,
      abandonTarget: cfg.abandonTarget,
      thresholds: cfg.thresholds,
      waiting: q.waiting.size,
      oldestWaitingSince: oldest,
      requiredNow: required(q),
    };
  });
}

/**
 * Agents of a tenant logged in and working now, less those skilled only for outbound campaigns:
 * the TV sets this beside the agents its inbound queues need.
 */
export function tenantOnPhones(engine: Engine, tenant: string): number {
  const t = engine.tenants.get(tenant);
  if (!t) return 0;
  const campaigns = campaignQueues(engine, tenant);
  let n = 0;
  for (const a of t.agents.values()) {
    if (!WORKING.has(stateName(a.timeline.current().state))) continue;
    if (campaigns.size && a.queues.length && a.queues.every((q) => campaigns.has(q))) continue;
    n++;
  }
  return n;
}

/** A tenant's name, or its id when it has none. */
export function tenantName(engine: Engine, tenant: string): string {
  return engine.tenants.get(tenant)?.name ?? tenant;
}

/** The tile of one tenant. */
export function tenantTile(engine: Engine, tenant: string, required: (q: QueueState) => number | null): { tile: TvTile; inputs: TvQueueInput[]; onPhones: number } {
  const inputs = tenantQueueInputs(engine, tenant, required);
  const onPhones = tenantOnPhones(engine, tenant);
  return { tile: tvTile(tenant, tenantName(engine, tenant), inputs, onPhones), inputs, onPhones };
}

/** Whether the engine knows the tenant. */
export function hasTenant(engine: Engine, tenant: string): boolean {
  return engine.tenants.has(tenant);
}
