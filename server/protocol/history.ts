/** Shapes of the history routes shared by server and client. Times are ISO-8601 with offset; durations seconds. */
import type { Ratio } from './metrics.ts';
import type { TvTarget } from './tv.ts';

/** One interval of tomorrow's plan. */
export interface PlanIntervalView {
  start: string;
  calls: number;
  ahtSeconds: number;
  trafficErlangs: number;
  /** Agents on the phones needed for the service-level target (null: beyond any count). */
  required: number | null;
  /** Agents scheduled on the phones (a multi-skilled agent counts 1/k). */
  scheduled: number;
  /** scheduled - required: negative is a shortfall. */
  gap: number | null;
  projectedServiceLevel: Ratio;
}

/** GET /api/v1/queues/:queueId/plan?date=: a day's staffing from its forecast, before it starts. */
export interface TomorrowPlanView {
  tenant: string;
  queueId: string;
  queueName: string;
  date: string;
  /** Where the forecast came from: imported by the analyst, or made from history. */
  forecastSource: 'imported' | 'history';
  model: 'C' | 'A';
  targets: { serviceLevel: number; thresholdSeconds: number; patienceSeconds: number | null };
  dayCalls: number;
  projectedServiceLevel: Ratio;
  shortIntervals: number;
  intervals: PlanIntervalView[];
}

/** One period's figures of the client report (GET /api/v1/reports/:tenant). */
export interface ReportFiguresView {
  offered: number;
  answered: number;
  abandoned: number;
  handled: number;
  serviceLevel: Ratio;
  asaSeconds: number | null;
  abandonRate: Ratio;
  ahtSeconds: number | null;
  /** Intervals with a service level (at least one call in its denominator). */
  intervalsMeasured: number;
  /** Of those, the intervals judged (MIN_SL_CALLS calls or more) whose service level meets the target. */
  intervalsMeetingTarget: number;
  /**
   * Of `intervalsMeasured`, those under MIN_SL_CALLS (10) calls: neither met nor missed, and not
   * among `worstIntervals`. Missed = measured − meeting − tooFew. Added after the first clients of the report.
   */
  intervalsTooFew: number;
  /**
   * The calls behind `serviceLevel` (its formula's denominator); 0 when there is no service level.
   * Under MIN_SL_CALLS (10, server/protocol/sl-sample.ts) the service level is not judged: its
   * `meets` is null, as on the wallboard and the TV. Added after the first clients of the report.
   */
  slCalls: number;
}

export interface ReportPeriodView {
  from: string;
  to: string;
  /**
   * History holds closed intervals only: while the period runs, the end of its last closed
   * interval (ISO with offset; the period's start when it has not begun), which is as far as
   * every figure counts. null for a period that is over.
   */
  countedThrough: string | null;
  /** Whether history holds anything of the period (a queue's, an agent's or a campaign's row): without, its figures are no data, not zeros. */
  hasData: boolean;
  queues: {
    queueId: string;
    name: string;
    /**
     * Deferred (email): no service level, the mean response time against `targets.responseTargetSeconds`, and left out of `total`.
     * Outbound: an outbound campaign's queue (a campaign of its id dialled in the period, no inbound call offered): `outbound`
     * instead of a service level, no verdicts, left out of `total`.
     */
    kind: 'realtime' | 'deferred' | 'outbound';
    /** `responseTargetSeconds` only for a deferred queue. */
    targets: { slTarget: number; slThresholdSeconds: number; asaTargetSeconds: number; abandonTarget: number; responseTargetSeconds?: number };
    /** Only for an outbound queue: its campaign's dial attempts placed in the period, those that reached someone, and those with outcome success. */
    outbound?: { attempts: number; contacts: number; successes: number };
    figures: ReportFiguresView;
    /** Each figure against its target; null when there is nothing to judge (no figure, or a service level over fewer than 10 calls: `figures.slCalls`). */
    meets: { serviceLevel: boolean | null; asa: boolean | null; abandonRate: boolean | null };
  }[];
  /** The realtime queues' figures (the deferred queues' when none is realtime). */
  total: ReportFiguresView;
  /**
   * The targets `total` is held to, pooled over the same queues as the TV pools a client's
   * (server/domain/tv-targets.ts): the queues' own when they share one (`shared`), else weighted
   * by each queue's calls in the figure's denominator (SL: its formula's denominator; ASA:
   * answered; abandon rate: offered − short abandons), labelled "call-weighted". ASA's is the
   * response target for a total of deferred queues only. null when the total has no such figure
   * (no realtime queue for the service level; no queue at all).
   */
  totalTargets: { slTarget: TvTarget | null; asaTargetSeconds: TvTarget | null; abandonTarget: TvTarget | null };
  /** `total` judged against `totalTargets`; null when there is no figure or no target, or a service level over fewer than 10 calls (`total.slCalls`). */
  totalMeets: { serviceLevel: boolean | null; asa: boolean | null; abandonRate: boolean | null };
  /** The lowest service levels of intervals judged (MIN_SL_CALLS calls or more), worst first. */
  worstIntervals: { queueId: string; start: string; offered: number; serviceLevel: number; abandonRate: Ratio }[];
  reasons: { disposition: string; calls: number }[];
  /** `successfulOutbound`: every campaign's contacts with outcome success, counted in the hour of their attempt. */
  billable: { seatHours: number; handledCalls: number; resolvedCases: number; successfulOutbound: number };
}

/** The client's contract report: a period and the one before it. */
export interface ClientReportView {
  tenant: string;
  tenantName: string;
  period: 'day' | 'week' | 'month';
  /** The local date (YYYY-MM-DD) the report covers: the one asked for, or the centre's today; `current` is the period containing it. */
  date: string;
  timezone: string;
  current: ReportPeriodView;
  previous: ReportPeriodView;
}

/** GET /api/v1/queues/:queueId/history/compare?date=: offered calls per wall-clock slot (slot k = local time k x intervalMinutes). */
export interface HistoryCompareView {
  tenant: string;
  queueId: string;
  date: string;
  intervalMinutes: number;
  /** The same weekday a week before; null when that day has no history. */
  lastWeek: number[] | null;
  /** The mean of the same weekday over the four weeks before; null unless all four are there. */
  fourWeekMean: number[] | null;
}
