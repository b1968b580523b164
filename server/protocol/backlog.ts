/**
 * Shapes of deferred work (email, back-office messaging): the backlog a wallboard tile and
 * chart show, and the deadline plan of the intraday view. Times are seconds or ISO-8601 with
 * the centre's offset; definitions in docs/metrics.md ("Deferred work").
 */
import type { Ratio, Status } from './metrics.ts';

/** How a queue's contacts are worked: answered while the customer waits, or worked later before a deadline. */
export const QUEUE_KINDS = ['realtime', 'deferred'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** One interval of a deferred queue's day; departures count in the interval they happen in. */
export interface BacklogIntervalRow {
  start: string;
  end: string;
  /** Items queued in the interval. */
  arrived: number;
  /** Items whose handling ended (wrapped, or ended without after-call work) in the interval. */
  handled: number;
  /** Items answered in the interval, and of those, answered within the response target. */
  answered: number;
  answeredInTarget: number;
  abandoned: number;
  /** Items waiting at the interval's end (at `now` for the open interval). */
  backlogAtEnd: number;
}

/** The backlog of a deferred queue at `now`. */
export interface BacklogView {
  responseTargetSeconds: number;
  /** Items waiting now. */
  backlog: number;
  /** Age of the oldest waiting item (seconds), null when none waits. */
  oldestAgeSeconds: number | null;
  /** Waiting items already past their response target (age > target). */
  overdue: number;
  /** Waiting items not yet past target that will be within the next hour: target − 3600 < age <= target. */
  breachingWithinHour: number;
  /** Items handled in the open interval and today so far. */
  handledInterval: number;
  handledToday: number;
  answeredToday: number;
  answeredInTargetToday: number;
  abandonedToday: number;
  shortAbandonedToday: number;
  /** answeredInTarget / (answered + abandoned − shortAbandoned) over today's departures; null when 0/0. */
  responseServiceLevelToday: Ratio;
  /**
   * The items behind `responseServiceLevelToday` (its denominator). Under MIN_SL_CALLS (10,
   * sl-sample.ts) it is not judged, as a voice service level: alerts read it as unknown and the
   * tile writes the count beside it. Added after the first clients of the backlog.
   */
  responseSlCalls: number;
  /** Today's intervals up to the open one. */
  intervals: BacklogIntervalRow[];
  status: { oldestAge: Status; breaching: Status };
}

/** One interval of a deferred queue's deadline plan (agents are full-time equivalents). */
export interface DeferredPlanRow {
  start: string;
  end: string;
  closed: boolean;
  current: boolean;
  forecastItems: number | null;
  /** Actuals of the interval (closed and open ones). */
  arrived: number;
  handled: number;
  /** Actual backlog at the interval's end for closed intervals, at now for the open one, projected after. */
  backlogAtEnd: number;
  /** Items (waiting now or forecast) whose last whole interval before the deadline is this one. */
  dueItems: number;
  /** Their work content, agent-seconds. */
  dueWorkSeconds: number;
  /** dueWorkSeconds / interval length; null for closed intervals or without a handle time. */
  requiredAgents: number | null;
  scheduledAgents: number;
  whatIfAgents: number;
  /** scheduled + what-if − required. */
  netAgents: number | null;
  /** Items the earliest-deadline-first plan on scheduled + what-if staff finishes in the interval. */
  projectedHandled: number | null;
  /** Items due in the interval that plan finishes after their deadline (or not today). */
  projectedBreaches: number | null;
}

export interface DeferredPlanView {
  responseTargetSeconds: number;
  /** Handle time used for waiting items (seconds): today's actual mean, else the forecast's. */
  backlogHandleSeconds: number | null;
  backlogNow: number;
  /** Sum of projectedBreaches over the day. */
  projectedBreachesToday: number | null;
  rows: DeferredPlanRow[];
}
