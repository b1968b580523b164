/**
 * The alerts every process agrees on: a fold of the logged alert entries (fired, closed,
 * acknowledged). One process decides when an alert fires or closes (the alert evaluator under a
 * lease) and logs it; acknowledgements are logged by whichever process took the request. Every
 * replica applies the same entries in log order, so every wallboard shows the same list, and a
 * restart restores it from the snapshot plus the log after it. Pure: times come in the entries.
 */
import type { AlertView as Alert, TenantAlerts } from '../protocol/alerts.ts';

export type LedgerAckResult = { ok: true; alert: Alert } | { ok: false; code: 'not-found' | 'already-acknowledged'; error: string };

export interface AlertLedgerData {
  open: Alert[];
  closed: Alert[];
}

const key = (tenant: string, id: string) => `${tenant}\u0000${id}`;

/** Open and recently closed alerts of every tenant, as the log says. */
export class AlertLedger {
  private readonly openAlerts = new Map<string, Alert>();
  /** Oldest first; at most `keepClosed` per ledger. */
  private closed: Alert[] = [];

  constructor(readonly keepClosed = 200) {}

  /** Applies a logged firing; a repeat of an alert already known changes nothing. */
  fired(alert: Alert): void {
    const k = key(alert.tenant, alert.id);
    if (this.openAlerts.has(k) || this.closed.some((a) => a.tenant === alert.tenant && a.id === alert.id)) return;
    this.openAlerts.set(k, { ...alert, state: 'open', closedAt: null, acknowledgedBy: null, acknowledgedAt: null });
  }

  /** Applies a logged closing (epoch ms) with the values seen last; false when the alert is not open. */
  closedAt(tenant: string, id: string, closedAt: number, latestValue: number | null, peakValue: number): boolean {
    const k = key(tenant, id);
    const a = this.openAlerts.get(k);
    if (!a) return false;
    this.openAlerts.delete(k);
    Object.assign(a, { state: 'closed', closedAt, latestValue, peakValue });
    this.closed.push(a);
    if (this.closed.length > this.keepClosed) this.closed.splice(0, this.closed.length - this.keepClosed);
    return true;
  }

  /** Applies a logged acknowledgement by `who` at `at` (epoch ms): the first one holds. */
  acknowledge(tenant: string, id: string, who: string, at: number): LedgerAckResult {
    const a = this.find(tenant, id);
    if (!a) return { ok: false, code: 'not-found', error: `alert ${JSON.stringify(id.slice(0, 80))} not found` };
    if (a.acknowledgedBy !== null) return { ok: false, code: 'already-acknowledged', error: `alert ${JSON.stringify(id.slice(0, 80))} was already acknowledged by ${a.acknowledgedBy}` };
    a.acknowledgedBy = who;
    a.acknowledgedAt = at;
    return { ok: true, alert: a };
  }

  /** An open or recently closed alert of a tenant, or null. */
  find(tenant: string, id: string): Alert | null {
    return this.openAlerts.get(key(tenant, id)) ?? this.closed.find((a) => a.tenant === tenant && a.id === id) ?? null;
  }

  /** Open alerts of one tenant or all, oldest fired first. */
  open(tenant?: string): Alert[] {
    const out = [...this.openAlerts.values()].filter((a) => tenant === undefined || a.tenant === tenant);
    return out.sort((a, b) => a.firedAt - b.firedAt || (a.id < b.id ? -1 : 1));
  }

  /** A tenant's open alerts and its `recent` latest closed ones. */
  tenant(tenant: string, recent = 20): TenantAlerts {
    const closed: Alert[] = [];
    for (let i = this.closed.length - 1; i >= 0 && closed.length < recent; i--) if (this.closed[i].tenant === tenant) closed.push(this.closed[i]);
    return { tenant, open: this.open(tenant), recentlyClosed: closed };
  }

  toData(): AlertLedgerData {
    return { open: this.open(), closed: this.closed };
  }

  /** Restores `toData()` into an empty ledger. */
  load(d: AlertLedgerData): void {
    for (const a of d.open) this.openAlerts.set(key(a.tenant, a.id), a);
    this.closed = [...d.closed];
  }
}
