/**
 * What an alert webhook posts: a Slack-compatible `{ text }` (also read by Mattermost, Rocket.Chat
 * and Teams incoming-webhook bridges) plus the structured alert for anything that wants fields.
 */
import { DateTime } from 'luxon';
import type { AlertMetric } from './alert-rules.ts';
import type { Alert } from './alerts.ts';

export type AlertEventKind = 'fired' | 'closed' | 'acknowledged';

export interface AlertWebhookPayload {
  text: string;
  event: AlertEventKind;
  alert: {
    id: string;
    tenant: string;
    queueId: string | null;
    ruleId: string;
    ruleName: string | null;
    severity: 'warning' | 'critical';
    metric: AlertMetric;
    comparator: string;
    threshold: number;
    state: 'open' | 'closed';
    /** ISO-8601 in the centre's time zone. */
    startedAt: string;
    firedAt: string;
    closedAt: string | null;
    startValue: number;
    latestValue: number | null;
    peakValue: number;
    acknowledgedBy: string | null;
    acknowledgedAt: string | null;
  };
}

const LABELS: Record<AlertMetric, string> = {
  serviceLevel: 'service level',
  waitingCalls: 'calls waiting',
  longestWaitSeconds: 'longest wait',
  abandonRate: 'abandon rate',
  backlogAgeSeconds: 'oldest backlog item',
  adherenceExceptions: 'agents out of adherence',
};

/** A metric value as a person reads it: 72.5%, 3:05, 12. */
export function formatMetric(metric: AlertMetric, value: number | null): string {
  if (value === null) return 'n/a';
  if (metric === 'serviceLevel' || metric === 'abandonRate') return `${(value * 100).toFixed(1)}%`;
  if (metric === 'longestWaitSeconds' || metric === 'backlogAgeSeconds') {
    const s = Math.round(value);
    const h = Math.floor(s / 3600);
    const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
    const ss = String(s % 60).padStart(2, '0');
    return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
  }
  return String(Math.round(value * 100) / 100);
}

/** The webhook body for an alert that fired, closed or was acknowledged; times in `timezone` (IANA). */
export function alertWebhookPayload(kind: AlertEventKind, alert: Alert, timezone: string): AlertWebhookPayload {
  const r = alert.rule;
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true })!;
  const clock = (ms: number) => DateTime.fromMillis(ms, { zone: timezone }).toFormat('HH:mm:ss');
  const where = `${alert.tenant}${alert.queueId ? ` / ${alert.queueId}` : ''}`;
  const what = `${LABELS[r.metric]} ${formatMetric(r.metric, alert.latestValue)} (rule: ${r.comparator} ${formatMetric(r.metric, r.threshold)})`;
  const head = kind === 'fired' ? `[${r.severity.toUpperCase()}] ${where}: ${r.name ?? r.id}` : kind === 'closed' ? `[CLOSED] ${where}: ${r.name ?? r.id}` : `[ACK] ${where}: ${r.name ?? r.id}`;
  const tail =
    kind === 'fired'
      ? `since ${clock(alert.startedAt)}, started at ${formatMetric(r.metric, alert.startValue)}`
      : kind === 'closed'
        ? `closed ${clock(alert.closedAt ?? alert.firedAt)}, worst ${formatMetric(r.metric, alert.peakValue)}`
        : `acknowledged by ${alert.acknowledgedBy ?? '?'} at ${clock(alert.acknowledgedAt ?? alert.firedAt)}`;
  return {
    text: `${head}: ${what}; ${tail}`,
    event: kind,
    alert: {
      id: alert.id,
      tenant: alert.tenant,
      queueId: alert.queueId,
      ruleId: r.id,
      ruleName: r.name ?? null,
      severity: r.severity,
      metric: r.metric,
      comparator: r.comparator,
      threshold: r.threshold,
      state: alert.state,
      startedAt: iso(alert.startedAt),
      firedAt: iso(alert.firedAt),
      closedAt: alert.closedAt === null ? null : iso(alert.closedAt),
      startValue: alert.startValue,
      latestValue: alert.latestValue,
      peakValue: alert.peakValue,
      acknowledgedBy: alert.acknowledgedBy,
      acknowledgedAt: alert.acknowledgedAt === null ? null : iso(alert.acknowledgedAt),
    },
  };
}
