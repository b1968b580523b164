/** The what-if of a past day on the wire: POST /api/v1/queues/:queueId/past-day. */
import type { Ratio } from './metrics.ts';

/** A staffing change asked for: agents added (negative: taken off) from local time `from` to `to` (HH:MM; `to` absent: end of day). */
export interface PastDayChange {
  from: string;
  to?: string;
  agents: number;
}

export interface PastDayRequest {
  /** Local date, YYYY-MM-DD, before today. */
  date: string;
  changes: PastDayChange[];
}

/** One interval: service level as it was, as re-run with its own staffing, and with the changes. */
export interface PastDayInterval {
  start: string;
  offered: number;
  /** Agents on the floor for the queue on average (a multi-skilled agent counts 1/k), before and with the changes. */
  agents: number;
  whatIfAgents: number;
  actual: Ratio;
  rerun: Ratio;
  whatIf: Ratio;
}

export interface PastDayFigures {
  serviceLevel: Ratio;
  abandonRate: Ratio;
}

export interface PastDayView {
  tenant: string;
  queueId: string;
  queueName: string;
  date: string;
  /** Service-level threshold, seconds, and target. */
  thresholdSeconds: number;
  slTarget: number;
  /** Mean patience used for callers whose patience the day did not show (seconds). */
  patienceSeconds: number;
  calls: number;
  changes: PastDayChange[];
  day: { actual: PastDayFigures; rerun: PastDayFigures; whatIf: PastDayFigures };
  intervals: PastDayInterval[];
}
