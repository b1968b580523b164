/**
 * Threshold alerts without flapping. Each rule watches one metric of a tenant's queues; the
 * condition must hold `forSeconds` before an alert fires and stay clear `clearSeconds` before
 * it closes. Pure: metric samples come with their event-time instant, and between samples a
 * metric keeps its last value (a step function), so the fire and close instants are exact
 * (start + forSeconds, clear start + clearSeconds) however sparsely it is sampled. `nextDue()`
 * says when to evaluate next if no sample comes.
 */
import type { AlertView } from '../protocol/alerts.ts';
import { breaches, worse, type AlertMetric, type AlertRule } from './alert-rules.ts';

/** One metric's value for a queue (or the whole tenant: queueId null) at the instant given to `observe`. */
export interface MetricSample {
  tenant: string;
  queueId: string | null;
  metric: AlertMetric;
  /** null when the metric is undefined now (a service level with no calls): never a breach. */
  value: number | null;
}

/** An alert as the evaluator keeps it: the wire's shape (protocol/alerts.ts) with its full rule. */
export interface Alert extends Omit<AlertView, 'rule'> {
  rule: AlertRule;
}

export type AlertChange = { kind: 'fired' | 'closed'; alert: Alert };

type Phase = 'ok' | 'pending' | 'open' | 'clearing';

/** One rule applied to one queue (or tenant). */
interface Tracker {
  rule: AlertRule;
  queueId: string | null;
  phase: Phase;
  /** Condition start (pending) or clear start (clearing), epoch ms. */
  since: number;
  startedAt: number;
  startValue: number;
  peak: number;
  latest: number | null;
  alert: Alert | null;
}

export interface AlertBookOptions {
  /** Closed alerts kept for the list (newest kept). */
  keepClosed: number;
}

export type AckResult = { ok: true; alert: Alert } | { ok: false; code: 'not-found' | 'already-acknowledged'; error: string };

const key = (...parts: (string | null)[]) => parts.map((p) => p ?? '').join('\u0000');

/** The alerts of every tenant: rules, their trackers, open alerts and recently closed ones. */
export class AlertBook {
  private rulesByMetric = new Map<string, AlertRule[]>();
  private trackers = new Map<string, Tracker>();
  private closed: Alert[] = [];
  private readonly options: AlertBookOptions;

  constructor(rules: AlertRule[] = [], options: Partial<AlertBookOptions> = {}) {
    this.options = { keepClosed: 500, ...options };
    this.index(rules);
  }

  /**
   * Replaces the rules at `at` (epoch ms). A tracker whose rule is gone or changed is dropped,
   * closing its open alert at `at`; unchanged rules keep their state.
   */
  setRules(rules: AlertRule[], at: number): AlertChange[] {
    const next = new Map(rules.map((r) => [key(r.tenant, r.id), JSON.stringify(r)]));
    const changes: AlertChange[] = [];
    for (const [k, t] of this.trackers) {
      if (next.get(key(t.rule.tenant, t.rule.id)) === JSON.stringify(t.rule)) continue;
      if (t.alert) changes.push(this.close(t, at));
      this.trackers.delete(k);
    }
    this.index(rules);
    return changes;
  }

  /**
   * Takes over alerts another evaluator left open (from the log, after a restart or a lease
   * change): each becomes an open tracker again, so it closes when its condition clears and
   * never fires twice. Returns the alerts whose rule is gone or changed: the caller closes them.
   */
  adopt(open: readonly AlertView[]): AlertView[] {
    const orphaned: AlertView[] = [];
    for (const a of open) {
      const rule = (this.rulesByMetric.get(key(a.tenant, a.rule.metric)) ?? []).find((r) => r.id === a.rule.id);
      if (!rule || JSON.stringify(rule) !== JSON.stringify(a.rule)) {
        orphaned.push(a);
        continue;
      }
      const k = key(a.tenant, rule.id, a.queueId);
      if (this.trackers.get(k)?.alert) continue;
      const alert: Alert = { ...a, rule, state: 'open', closedAt: null };
      this.trackers.set(k, { rule, queueId: a.queueId, phase: 'open', since: a.firedAt, startedAt: a.startedAt, startValue: a.startValue, peak: a.peakValue, latest: a.latestValue, alert });
    }
    return orphaned;
  }

  /**
   * Moves time to `at` (epoch ms), firing and closing what matured before it on the values in
   * force, then applies `samples` taken at `at`. Returns the alerts fired and closed, in order.
   */
  observe(at: number, samples: readonly MetricSample[] = []): AlertChange[] {
    const changes: AlertChange[] = [];
    for (const t of this.trackers.values()) this.mature(t, at, changes);
    for (const s of samples) {
      for (const rule of this.rulesByMetric.get(key(s.tenant, s.metric)) ?? []) {
        if (rule.queueId !== undefined && rule.queueId !== s.queueId) continue;
        const k = key(rule.tenant, rule.id, s.queueId);
        let t = this.trackers.get(k);
        if (!t) {
          t = { rule, queueId: s.queueId, phase: 'ok', since: at, startedAt: at, startValue: 0, peak: 0, latest: null, alert: null };
          this.trackers.set(k, t);
        }
        this.apply(t, at, s.value, changes);
      }
    }
    return changes;
  }

  /** The earliest instant (epoch ms) at which an alert will fire or close if no sample changes it; null if none. */
  nextDue(): number | null {
    let due: number | null = null;
    for (const t of this.trackers.values()) {
      const d = t.phase === 'pending' ? t.since + t.rule.forSeconds * 1000 : t.phase === 'clearing' ? t.since + t.rule.clearSeconds * 1000 : null;
      if (d !== null && (due === null || d < due)) due = d;
    }
    return due;
  }

  /** Records that `who` acknowledged a tenant's alert at `at` (epoch ms); open or recently closed alerts. */
  acknowledge(tenant: string, alertId: string, who: string, at: number): AckResult {
    const alert = this.find(tenant, alertId);
    if (!alert) return { ok: false, code: 'not-found', error: `alert ${alertId.slice(0, 80)} not found` };
    if (alert.acknowledgedBy !== null) {
      return { ok: false, code: 'already-acknowledged', error: `alert ${alertId.slice(0, 80)} was already acknowledged by ${alert.acknowledgedBy}` };
    }
    alert.acknowledgedBy = who;
    alert.acknowledgedAt = at;
    return { ok: true, alert };
  }

  /** Open alerts, of one tenant or all, oldest first. */
  open(tenant?: string): Alert[] {
    const out: Alert[] = [];
    for (const t of this.trackers.values()) if (t.alert && (tenant === undefined || t.rule.tenant === tenant)) out.push(t.alert);
    return out.sort((a, b) => a.firedAt - b.firedAt || (a.id < b.id ? -1 : 1));
  }

  /** Recently closed alerts, of one tenant or all, newest first. */
  recentlyClosed(tenant?: string): Alert[] {
    return this.closed.filter((a) => tenant === undefined || a.tenant === tenant).reverse();
  }

  private index(rules: AlertRule[]): void {
    this.rulesByMetric = new Map();
    for (const r of rules) {
      const k = key(r.tenant, r.metric);
      const list = this.rulesByMetric.get(k);
      if (list) list.push(r);
      else this.rulesByMetric.set(k, [r]);
    }
  }

  private find(tenant: string, id: string): Alert | null {
    for (const t of this.trackers.values()) if (t.alert && t.alert.tenant === tenant && t.alert.id === id) return t.alert;
    return this.closed.find((a) => a.tenant === tenant && a.id === id) ?? null;
  }

  /** Fires or closes what has held long enough by `at` on the value in force since the last sample. */
  private mature(t: Tracker, at: number, changes: AlertChange[]): void {
    if (t.phase === 'pending' && t.since + t.rule.forSeconds * 1000 <= at) this.fire(t, t.since + t.rule.forSeconds * 1000, changes);
    else if (t.phase === 'clearing' && t.since + t.rule.clearSeconds * 1000 <= at) changes.push(this.close(t, t.since + t.rule.clearSeconds * 1000));
  }

  private apply(t: Tracker, at: number, value: number | null, changes: AlertChange[]): void {
    const r = t.rule;
    const holds = value !== null && breaches(r.comparator, value, r.threshold);
    t.latest = value;
    if (holds && (t.phase === 'ok' || worse(r.comparator, value, t.peak))) t.peak = value;
    switch (t.phase) {
      case 'ok':
        if (!holds) return;
        t.phase = 'pending';
        t.since = at;
        t.startedAt = at;
        t.startValue = value;
        break;
      case 'pending':
        if (!holds) t.phase = 'ok';
        break;
      case 'open':
        if (!holds) {
          t.phase = 'clearing';
          t.since = at;
        }
        break;
      case 'clearing':
        if (holds) t.phase = 'open';
        break;
    }
    if (t.alert) {
      t.alert.latestValue = value;
      t.alert.peakValue = t.peak;
    }
    // A zero-second wait matures at once.
    this.mature(t, at, changes);
  }

  private fire(t: Tracker, firedAt: number, changes: AlertChange[]): void {
    const r = t.rule;
    t.phase = 'open';
    t.alert = {
      id: `${r.id}:${t.queueId ?? '*'}:${firedAt}`,
      tenant: r.tenant,
      queueId: t.queueId,
      rule: r,
      startedAt: t.startedAt,
      firedAt,
      startValue: t.startValue,
      latestValue: t.latest,
      peakValue: t.peak,
      state: 'open',
      closedAt: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
    };
    changes.push({ kind: 'fired', alert: t.alert });
  }

  private close(t: Tracker, closedAt: number): AlertChange {
    const alert = t.alert!;
    alert.state = 'closed';
    alert.closedAt = closedAt;
    t.alert = null;
    t.phase = 'ok';
    this.closed.push(alert);
    if (this.closed.length > this.options.keepClosed) this.closed.splice(0, this.closed.length - this.options.keepClosed);
    return { kind: 'closed', alert };
  }
}
