/** Intraday WFM shapes shared by server and client. Agents are full-time equivalents (agent-seconds / interval seconds). */
import type { DeferredPlanView } from './backlog.ts';
import type { Ratio } from './metrics.ts';
import type { PrincipalKind } from './people.ts';

export interface IntradayRow {
  start: string;
  end: string;
  /** The interval has ended by the engine clock: its actuals are final. */
  closed: boolean;
  /** The interval the engine clock is in. */
  current: boolean;
  forecastCalls: number | null;
  forecastAhtSeconds: number | null;
  actualCalls: number;
  actualAhtSeconds: number | null;
  actualServiceLevel: Ratio;
  /** Forecast scaled by the reforecast factors; null for closed intervals. */
  reforecastCalls: number | null;
  reforecastAhtSeconds: number | null;
  /** Agents needed: from actuals when closed, from the reforecast otherwise. */
  requiredAgents: number | null;
  /** Agents needed by the original forecast. */
  requiredByForecast: number | null;
  /** Scheduled phone time, split equally over each agent's queues. */
  scheduledAgents: number;
  /** Sum of what-ifs covering the interval. */
  whatIfAgents: number;
  /** The forecast made from the queue's own history (shown beside an imported one; null when none). */
  historyForecastCalls?: number | null;
  historyForecastAhtSeconds?: number | null;
  /** Agents logged in and in a working state (available, talking, hold, acw), split the same way. */
  loggedInAgents: number;
  /** scheduled + what-if − required. */
  netAgents: number | null;
  /** Erlang's projection with scheduled + what-if agents (open intervals with calls); null beyond the Erlang limits (ERLANG_LIMITS), as `requiredAgents`. */
  projectedServiceLevel: Ratio;
  projectedAsaSeconds: number | null;
  projectedAbandonRate: Ratio;
  /** Erlang model used for this row: C, or A when the queue has a patience; `deadline` for deferred work (no Erlang). */
  model: 'C' | 'A' | 'deadline';
  /** Rest-of-day outlook: 10th-90th percentile of the agents this interval will need (open intervals; high null: beyond any count). */
  requiredLow?: number | null;
  requiredHigh?: number | null;
}

/** The rest-of-day outlook from the forecast's own past errors (docs/forecasting.md). */
export interface OutlookView {
  /** Past days used as scenarios. */
  scenarios: number;
  /** Nominal coverage of the bands, 0.8 for the 10th to 90th percentile. */
  level: number;
  /** Chance the day's service level ends at or above target, 0..1. */
  probabilityMeetsTarget: number;
  /** Band of the day's service level (fractions 0..1). */
  dayServiceLevelLow: number;
  dayServiceLevelHigh: number;
  /** The day's most likely service level (the median of the same distribution), 0..1. */
  dayServiceLevelMedian: number;
}

export interface WhatIfView {
  id: string;
  tenant: string;
  queueId: string;
  date: string;
  from: string;
  to: string;
  agents: number;
  label: string;
  createdBy: string;
  /** What `createdBy` is (a person and a token may have names alike); null for a what-if made before kinds were recorded. */
  createdByKind: PrincipalKind | null;
}

export interface IntradayView {
  queueId: string;
  queueName: string;
  tenant: string;
  date: string;
  timezone: string;
  intervalMinutes: number;
  now: number;
  /**
   * Contacts one agent serves at once on this queue (its channel's capacity; 1 for voice). The
   * Erlang model counts slots; agents = slots / concurrency, rounded up (docs/metrics.md).
   */
  concurrency: number;
  targets: { serviceLevel: number; thresholdSeconds: number; patienceSeconds: number | null };
  factors: {
    volume: number;
    aht: number;
    volumeRatio: number | null;
    ahtRatio: number | null;
    volumeCredibility: number;
    ahtCredibility: number;
    intervalsUsed: number;
  };
  /** Whole-day service level: actuals for closed intervals, projection for the rest; null when an open interval's projection is beyond the Erlang limits. */
  dayProjectedServiceLevel: Ratio;
  hasForecast: boolean;
  /** Where forecastCalls come from: imported by the analyst, made from history (no import for the day), or none. */
  forecastSource?: 'imported' | 'history' | null;
  /** Whether a history forecast exists for the day (its figures are in the rows' historyForecast fields). */
  hasHistoryForecast?: boolean;
  hasSchedule: boolean;
  /** Rest-of-day outlook of today; null on other days, without a forecast, or with under nine past days of errors. */
  outlook?: OutlookView | null;
  /** True when there is no outlook because an open interval of today, or of a past day's scenario, is beyond the Erlang calculator's limits (ERLANG_LIMITS). */
  outlookBeyondLimits?: boolean;
  /** True while the past days' forecast errors are still being read from history (the outlook follows on a later push). */
  outlookPending?: boolean;
  rows: IntradayRow[];
  whatIfs: WhatIfView[];
  /** Deferred queues only: the deadline plan (docs/metrics.md, "Planning deferred work"). */
  deferred?: DeferredPlanView;
}
