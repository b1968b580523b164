/** Call reasons on the wire: GET /api/v1/call-reasons. */

/** One reason of the day. Shares are fractions 0..1 of the calls with a disposition. */
export interface CallReasonRow {
  reason: string;
  count: number;
  share: number;
  /** The share on the same weekday last week; null when that day is not known. */
  lastWeekShare: number | null;
  /** share - lastWeekShare (fraction points); null when last week is not known. */
  shareChange: number | null;
}

export interface CallReasons {
  /** Calls handled today with a disposition. */
  total: number;
  reasons: CallReasonRow[];
  /** Whether last week's same weekday was known: 'unknown' shows as "no comparison yet". */
  comparison: 'known' | 'unknown';
}

export interface QueueCallReasons extends CallReasons {
  tenant: string;
  queueId: string;
  name: string;
}
export interface TenantCallReasons extends CallReasons {
  tenant: string;
  name: string;
}
export interface CallReasonsView {
  /** Local date today and the same weekday a week before (YYYY-MM-DD). */
  date: string;
  comparedWith: string;
  tenants: TenantCallReasons[];
  queues: QueueCallReasons[];
}

