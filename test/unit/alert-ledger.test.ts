import { describe, expect, it } from 'vitest';
import { alertRuleSchema, type AlertRule } from '../../server/domain/alert-rules.ts';
import { AlertLedger } from '../../server/domain/alert-ledger.ts';
import { AlertBook, type MetricSample } from '../../server/domain/alerts.ts';
import { Fold } from '../../server/floor/fold.ts';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';

const t = (hms: string) => Date.parse(`2026-11-20T${hms}+08:00`);
const rule = (over: Partial<AlertRule> = {}): AlertRule =>
  alertRuleSchema.parse({ id: 'sl-billing', tenant: 'acme', queueId: 'billing', metric: 'serviceLevel', comparator: '<', threshold: 0.8, forSeconds: 180, clearSeconds: 60, ...over });
const sl = (value: number | null): MetricSample => ({ tenant: 'acme', queueId: 'billing', metric: 'serviceLevel', value });

/** An alert fired by a book: SL 0.75 from 10:00:00, forSeconds 180 -> fires at 10:03:00. */
function firedAlert() {
  const book = new AlertBook([rule()]);
  book.observe(t('10:00:00'), [sl(0.75)]);
  return book.observe(t('10:03:00'))[0].alert;
}

describe('the alert ledger folded from the log', () => {
  it('applies fired, acknowledged and closed entries; every process folding them holds the same list', () => {
    const entries = [
      { k: 'alert.fired' as const, alert: firedAlert() },
      { k: 'alert.ack' as const, tenant: 'acme', id: `sl-billing:billing:${t('10:03:00')}`, by: 'supervisor-1', at: t('10:04:00') },
      { k: 'alert.ack' as const, tenant: 'acme', id: `sl-billing:billing:${t('10:03:00')}`, by: 'supervisor-2', at: t('10:05:00') },
      { k: 'alert.closed' as const, tenant: 'acme', id: `sl-billing:billing:${t('10:03:00')}`, closedAt: t('10:08:00'), latestValue: 0.82, peakValue: 0.7 },
    ];
    const folds = [0, 1].map(() => new Fold(new Engine(), new Plan()));
    const results = folds.map((f) => entries.map((e) => f.apply(e)));
    // The second acknowledgement is refused, naming who came first.
    expect(results[0][2]).toEqual({ ok: false, code: 'already-acknowledged', error: `alert "sl-billing:billing:${t('10:03:00')}" was already acknowledged by supervisor-1` });
    expect(folds[0].alerts.toData()).toEqual(folds[1].alerts.toData());
    const acme = folds[0].alerts.tenant('acme');
    expect(acme.open).toEqual([]);
    expect(acme.recentlyClosed[0]).toMatchObject({ state: 'closed', closedAt: t('10:08:00'), latestValue: 0.82, peakValue: 0.7, acknowledgedBy: 'supervisor-1', acknowledgedAt: t('10:04:00') });
    // Another tenant sees nothing of it.
    expect(folds[0].alerts.tenant('bank')).toEqual({ tenant: 'bank', open: [], recentlyClosed: [] });
    expect(folds[0].alerts.acknowledge('bank', acme.recentlyClosed[0].id, 'x', 0)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('restores from its data exactly, and a repeated firing changes nothing', () => {
    const a = new AlertLedger();
    const alert = firedAlert();
    a.fired(alert);
    a.acknowledge('acme', alert.id, 'sup', t('10:04:00'));
    a.fired(alert);
    const b = new AlertLedger();
    b.load(JSON.parse(JSON.stringify(a.toData())));
    expect(b.toData()).toEqual(a.toData());
    expect(b.open()).toHaveLength(1);
    expect(b.open()[0].acknowledgedBy).toBe('sup');
  });
});

describe('AlertBook.adopt: a new evaluator takes over the open alerts', () => {
  it('neither fires the adopted alert again nor forgets to close it after clearSeconds', () => {
    const alert = JSON.parse(JSON.stringify(firedAlert()));
    const book = new AlertBook([rule()]);
    expect(book.adopt([alert])).toEqual([]);
    // Still breaching: no new firing.
    expect(book.observe(t('10:10:00'), [sl(0.7)])).toEqual([]);
    // Clear from 10:11:00, clearSeconds 60: closes at 10:12:00 with the adopted id.
    expect(book.observe(t('10:11:00'), [sl(0.85)])).toEqual([]);
    const [closed] = book.observe(t('10:12:00'));
    expect(closed).toMatchObject({ kind: 'closed', alert: { id: alert.id, closedAt: t('10:12:00'), startedAt: t('10:00:00') } });
  });

  it('hands back an alert whose rule was removed or changed, for the caller to close', () => {
    const alert = JSON.parse(JSON.stringify(firedAlert()));
    expect(new AlertBook([]).adopt([alert]).map((a) => a.id)).toEqual([alert.id]);
    expect(new AlertBook([rule({ threshold: 0.7 })]).adopt([alert]).map((a) => a.id)).toEqual([alert.id]);
  });
});
