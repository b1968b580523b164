/** Alerts on the wire (log entries, socket pushes, the API); the domain's Alert is one of these. */

export interface AlertRuleView {
  id: string;
  tenant: string;
  queueId?: string;
  name?: string;
  /** serviceLevel, waitingCalls, longestWaitSeconds, abandonRate, backlogAgeSeconds, adherenceExceptions. */
  metric: string;
  comparator: string;
  threshold: number;
  forSeconds: number;
  clearSeconds: number;
  severity: 'warning' | 'critical';
}

export interface AlertView {
  /** Unique within its tenant: rule id, queue and firing instant. */
  id: string;
  tenant: string;
  /** null: a tenant-wide metric. */
  queueId: string | null;
  rule: AlertRuleView;
  /** When the condition began to hold, epoch ms (engine clock). */
  startedAt: number;
  /** startedAt + forSeconds, epoch ms. */
  firedAt: number;
  startValue: number;
  /** The value when it fired, or when it closed. */
  latestValue: number | null;
  peakValue: number;
  state: 'open' | 'closed';
  closedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

/** A tenant's alerts: open ones oldest first, recently closed newest first (socket `alerts`, GET /api/v1/alerts). */
export interface TenantAlerts {
  tenant: string;
  open: AlertView[];
  recentlyClosed: AlertView[];
}
