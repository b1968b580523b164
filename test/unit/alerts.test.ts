import { describe, expect, it } from 'vitest';
import { alertWebhookPayload, formatMetric } from '../../server/domain/alert-payload.ts';
import { alertRuleSchema, parseAlertRules, type AlertRule } from '../../server/domain/alert-rules.ts';
import { AlertBook, type MetricSample } from '../../server/domain/alerts.ts';
import { queueAlertSamples } from '../../server/views/alert-samples.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';
import { oneEmailAnswered } from '../helpers/one-email.ts';
import { workedExample } from '../helpers/worked-example.ts';

/** Epoch ms of a Taipei time on 2026-11-20. */
const t = (hms: string) => Date.parse(`2026-11-20T${hms}+08:00`);

const rule = (over: Partial<AlertRule> = {}): AlertRule =>
  alertRuleSchema.parse({ id: 'sl-billing', tenant: 'acme', queueId: 'billing', metric: 'serviceLevel', comparator: '<', threshold: 0.8, forSeconds: 180, clearSeconds: 60, ...over });

/** `n` calls of q1 from 09:12, two minutes apart, each answered by a1 after 30 s (outside the 20 s threshold). */
function lateCalls(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const at = (s: number) => `09:${String(12 + 2 * i).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    const id = `late${i}`;
    return [
      ev('call.queued', at(0), { callId: id, queueId: 'q1' }),
      ev('call.answered', at(30), { callId: id, queueId: 'q1', agentId: 'a1' }),
      ev('call.ended', at(50), { callId: id, agentId: 'a1' }),
      ev('call.wrapped', at(55), { callId: id, agentId: 'a1' }),
    ];
  }).flat();
}

const sl = (value: number | null, queueId = 'billing', tenant = 'acme'): MetricSample => ({ tenant, queueId, metric: 'serviceLevel', value });

describe('alert timing', () => {
  it('fires when the condition has held forSeconds: SL under 80% from 10:00:00, forSeconds 180, fires at 10:03:00', () => {
    const book = new AlertBook([rule()]);
    expect(book.observe(t('09:59:50'), [sl(0.85)])).toEqual([]);
    expect(book.observe(t('10:00:00'), [sl(0.75)])).toEqual([]);
    expect(book.nextDue()).toBe(t('10:03:00'));
    expect(book.observe(t('10:01:00'), [sl(0.72)])).toEqual([]);
    expect(book.observe(t('10:02:00'), [sl(0.7)])).toEqual([]);
    expect(book.observe(t('10:02:59'))).toEqual([]);
    const [fired] = book.observe(t('10:03:00'));
    expect(fired.kind).toBe('fired');
    expect(fired.alert).toMatchObject({
      id: `sl-billing:billing:${t('10:03:00')}`,
      tenant: 'acme',
      queueId: 'billing',
      startedAt: t('10:00:00'),
      firedAt: t('10:03:00'),
      startValue: 0.75,
      latestValue: 0.7,
      peakValue: 0.7,
      state: 'open',
      acknowledgedBy: null,
    });
    expect(book.open('acme').map((a) => a.id)).toEqual([fired.alert.id]);
  });

  it('fires at start + forSeconds even when the next sample comes later', () => {
    const book = new AlertBook([rule()]);
    book.observe(t('10:00:00'), [sl(0.75)]);
    // Nothing was sampled between 10:00:00 and 10:03:20: the value 0.75 held, so it fired at 10:03:00.
    const changes = book.observe(t('10:03:20'), [sl(0.9)]);
    expect(changes.map((c) => [c.kind, c.alert.firedAt])).toEqual([['fired', t('10:03:00')]]);
    // The recovery at 10:03:20 starts the clear period: 60 s later it closes.
    expect(book.nextDue()).toBe(t('10:04:20'));
  });

  it('does not fire on a dip shorter than forSeconds, and starts counting again on the next one', () => {
    const book = new AlertBook([rule()]);
    book.observe(t('10:00:00'), [sl(0.75)]);
    book.observe(t('10:02:00'), [sl(0.81)]); // held 2 min only
    expect(book.observe(t('10:03:00'))).toEqual([]);
    expect(book.nextDue()).toBeNull();
    book.observe(t('10:02:30'), [sl(0.79)]);
    expect(book.observe(t('10:05:29'))).toEqual([]);
    expect(book.observe(t('10:05:30')).map((c) => [c.kind, c.alert.startedAt])).toEqual([['fired', t('10:02:30')]]);
  });

  it('does not close on a recovery shorter than clearSeconds; closes after staying clear that long', () => {
    const book = new AlertBook([rule()]);
    book.observe(t('10:00:00'), [sl(0.75)]);
    book.observe(t('10:03:00'));
    // Under target until 10:04:00, then over it for 30 s (clearSeconds 60): still open.
    expect(book.observe(t('10:04:00'), [sl(0.82)])).toEqual([]);
    expect(book.observe(t('10:04:30'), [sl(0.78)])).toEqual([]);
    expect(book.observe(t('10:05:30'))).toEqual([]);
    expect(book.open()).toHaveLength(1);
    // Over target from 10:06:00 and staying there: closes at 10:07:00.
    expect(book.observe(t('10:06:00'), [sl(0.81)])).toEqual([]);
    expect(book.observe(t('10:06:59'))).toEqual([]);
    const [closed] = book.observe(t('10:07:00'), [sl(0.83)]);
    expect(closed.kind).toBe('closed');
    expect(closed.alert).toMatchObject({ state: 'closed', closedAt: t('10:07:00'), startValue: 0.75, peakValue: 0.75, latestValue: 0.81 });
    expect(book.open()).toEqual([]);
    expect(book.recentlyClosed('acme').map((a) => a.id)).toEqual([closed.alert.id]);
  });

  it('keeps the worst value as the peak: the highest for a "greater than" rule', () => {
    const book = new AlertBook([rule({ id: 'wait', metric: 'longestWaitSeconds', comparator: '>', threshold: 60, forSeconds: 0, clearSeconds: 0 })]);
    const lw = (value: number): MetricSample => ({ tenant: 'acme', queueId: 'billing', metric: 'longestWaitSeconds', value });
    expect(book.observe(t('10:00:00'), [lw(61)]).map((c) => c.kind)).toEqual(['fired']); // forSeconds 0: at once
    book.observe(t('10:00:10'), [lw(95)]);
    book.observe(t('10:00:20'), [lw(80)]);
    expect(book.open()[0]).toMatchObject({ startValue: 61, peakValue: 95, latestValue: 80, firedAt: t('10:00:00') });
    expect(book.observe(t('10:00:30'), [lw(60)]).map((c) => [c.kind, c.alert.closedAt])).toEqual([['closed', t('10:00:30')]]); // 60 is not > 60
  });

  it('treats the threshold as inclusive for <= and >=', () => {
    const book = new AlertBook([rule({ id: 'ab', metric: 'abandonRate', comparator: '>=', threshold: 0.07, forSeconds: 0 })]);
    const ab = (value: number): MetricSample => ({ tenant: 'acme', queueId: 'billing', metric: 'abandonRate', value });
    expect(book.observe(t('10:00:00'), [ab(0.069)])).toEqual([]);
    expect(book.observe(t('10:00:01'), [ab(0.07)]).map((c) => c.kind)).toEqual(['fired']);
  });

  it('never breaches on an unknown value, and an unknown value clears an open alert', () => {
    const book = new AlertBook([rule({ forSeconds: 0, clearSeconds: 60 })]);
    expect(book.observe(t('10:00:00'), [sl(null)])).toEqual([]);
    book.observe(t('10:01:00'), [sl(0.5)]);
    book.observe(t('10:02:00'), [sl(null)]);
    expect(book.observe(t('10:03:00')).map((c) => [c.kind, c.alert.closedAt])).toEqual([['closed', t('10:03:00')]]);
  });
});

describe('rule scope', () => {
  it('a rule without queueId alerts each queue of its tenant on its own, and never another tenant', () => {
    const book = new AlertBook([rule({ id: 'waiting', queueId: undefined, metric: 'waitingCalls', comparator: '>', threshold: 5, forSeconds: 30 })]);
    const w = (queueId: string, value: number, tenant = 'acme'): MetricSample => ({ tenant, queueId, metric: 'waitingCalls', value });
    book.observe(t('10:00:00'), [w('billing', 8), w('tech', 2), w('billing', 50, 'other')]);
    book.observe(t('10:00:10'), [w('tech', 6)]);
    expect(book.observe(t('10:00:30')).map((c) => c.alert.queueId)).toEqual(['billing']);
    expect(book.observe(t('10:00:40')).map((c) => c.alert.queueId)).toEqual(['tech']);
    expect(book.open('other')).toEqual([]);
    expect(book.open('acme').map((a) => a.queueId)).toEqual(['billing', 'tech']);
  });

  it('watches a tenant-wide metric such as adherence exceptions', () => {
    const book = new AlertBook([rule({ id: 'adh', queueId: undefined, metric: 'adherenceExceptions', comparator: '>=', threshold: 3, forSeconds: 120 })]);
    book.observe(t('10:00:00'), [{ tenant: 'acme', queueId: null, metric: 'adherenceExceptions', value: 4 }]);
    expect(book.observe(t('10:02:00')).map((c) => c.alert.id)).toEqual([`adh:*:${t('10:02:00')}`]);
  });

  it('closes the open alerts of a removed or changed rule and keeps the others', () => {
    const a = rule();
    const b = rule({ id: 'sl-tech', queueId: 'tech' });
    const book = new AlertBook([a, b]);
    book.observe(t('10:00:00'), [sl(0.5), sl(0.5, 'tech')]);
    book.observe(t('10:03:00'));
    const changes = book.setRules([a, { ...b, threshold: 0.7 }], t('10:05:00'));
    expect(changes.map((c) => [c.kind, c.alert.queueId, c.alert.closedAt])).toEqual([['closed', 'tech', t('10:05:00')]]);
    expect(book.open().map((x) => x.queueId)).toEqual(['billing']);
  });
});

describe('acknowledging', () => {
  function openAlert() {
    const book = new AlertBook([rule({ forSeconds: 0 })]);
    const [fired] = book.observe(t('10:00:00'), [sl(0.5)]);
    return { book, id: fired.alert.id };
  }

  it('records who acknowledged and when', () => {
    const { book, id } = openAlert();
    const r = book.acknowledge('acme', id, 'supervisor-lin', t('10:01:30'));
    expect(r.ok).toBe(true);
    expect(book.open()[0]).toMatchObject({ acknowledgedBy: 'supervisor-lin', acknowledgedAt: t('10:01:30'), state: 'open' });
  });

  it('keeps the first acknowledgement', () => {
    const { book, id } = openAlert();
    book.acknowledge('acme', id, 'lin', t('10:01:00'));
    expect(book.acknowledge('acme', id, 'chen', t('10:02:00'))).toEqual({ ok: false, code: 'already-acknowledged', error: `alert ${id} was already acknowledged by lin` });
    expect(book.open()[0].acknowledgedBy).toBe('lin');
  });

  it('finds no alert of another tenant', () => {
    const { book, id } = openAlert();
    expect(book.acknowledge('other', id, 'x', t('10:01:00'))).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('acknowledges a recently closed alert too, and keeps only keepClosed closed ones', () => {
    const book = new AlertBook([rule({ forSeconds: 0, clearSeconds: 0 })], { keepClosed: 2 });
    const ids: string[] = [];
    for (const [i, start] of ['10:00:00', '10:01:00', '10:02:00'].entries()) {
      const [fired] = book.observe(t(start), [sl(0.5)]);
      ids.push(fired.alert.id);
      book.observe(t(start) + 30_000, [sl(0.9)]);
      expect(book.recentlyClosed()).toHaveLength(Math.min(i + 1, 2));
    }
    expect(book.recentlyClosed().map((a) => a.id)).toEqual([ids[2], ids[1]]);
    expect(book.acknowledge('acme', ids[1], 'lin', t('10:05:00')).ok).toBe(true);
    expect(book.acknowledge('acme', ids[0], 'lin', t('10:05:00'))).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('rule configuration', () => {
  const good = { id: 'sl', tenant: 'acme', queueId: 'billing', metric: 'serviceLevel', comparator: '<', threshold: 0.8, forSeconds: 180, clearSeconds: 60 };

  it('accepts a valid rule file and fills the severity', () => {
    const r = parseAlertRules({ rules: [good] });
    expect(r).toEqual({ ok: true, rules: [{ ...good, severity: 'warning' }] });
  });

  it('names the rule and field at fault', () => {
    const r = parseAlertRules({ rules: [good, { ...good, id: 'x', threshold: 80 }, { ...good, id: 'y', comparator: '=<' }, { ...good, id: 'z', surprise: 1 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('rules.1.threshold: serviceLevel is a fraction: the threshold must be from 0 to 1 (0.8 for 80%), got 80');
    expect(r.error).toContain('rules.2.comparator: Invalid option: expected one of "<"|"<="|">"|">="');
    expect(r.error).toContain('rules.3: unknown field(s): surprise');
  });

  it('refuses a rule id used twice in a tenant, and a per-queue adherence rule', () => {
    const r = parseAlertRules({ rules: [good, { ...good, clearSeconds: 0 }, { ...good, id: 'adh', metric: 'adherenceExceptions', threshold: 3 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('rules.1.id: rule id "sl" is used twice in tenant acme');
    expect(r.error).toContain('rules.2.queueId: adherenceExceptions is counted per tenant, not per queue: leave queueId out');
    // The same id in another tenant is fine.
    expect(parseAlertRules({ rules: [good, { ...good, tenant: 'jade' }] }).ok).toBe(true);
  });

  it('refuses negative waits and times longer than a day', () => {
    const r = parseAlertRules({ rules: [{ ...good, metric: 'waitingCalls', comparator: '>', threshold: -1, forSeconds: 90_000 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('rules.0.threshold: waitingCalls is never negative: got -1');
    expect(r.error).toContain('rules.0.forSeconds:');
  });
});

describe('webhook payload', () => {
  it('gives chat tools a text line and the structured alert, times in the centre zone', () => {
    const book = new AlertBook([rule({ name: 'Billing SL', severity: 'critical' })]);
    book.observe(t('10:00:00'), [sl(0.75)]);
    book.observe(t('10:02:00'), [sl(0.725)]);
    const [fired] = book.observe(t('10:03:00'));
    const p = alertWebhookPayload('fired', fired.alert, 'Asia/Taipei');
    expect(p.text).toBe('[CRITICAL] acme / billing: Billing SL: service level 72.5% (rule: < 80.0%); since 10:00:00, started at 75.0%');
    expect(p.event).toBe('fired');
    expect(p.alert).toMatchObject({ ruleId: 'sl-billing', startedAt: '2026-11-20T10:00:00+08:00', firedAt: '2026-11-20T10:03:00+08:00', closedAt: null, peakValue: 0.725 });
    book.acknowledge('acme', fired.alert.id, 'lin', t('10:03:30'));
    expect(alertWebhookPayload('acknowledged', fired.alert, 'Asia/Taipei').text).toBe('[ACK] acme / billing: Billing SL: service level 72.5% (rule: < 80.0%); acknowledged by lin at 10:03:30');
  });

  it('formats waits as minutes and seconds, and counts plainly', () => {
    expect(formatMetric('longestWaitSeconds', 185)).toBe('3:05');
    expect(formatMetric('backlogAgeSeconds', 3 * 3600 + 4 * 60 + 5)).toBe('3:04:05');
    expect(formatMetric('waitingCalls', 12)).toBe('12');
    expect(formatMetric('abandonRate', null)).toBe('n/a');
  });
});

describe('alert samples from the engine', () => {
  it('reads each queue tile: SL of the interval, waiting, longest wait, abandon rate today', () => {
    // Worked example (docs/metrics.md) and six more calls answered after 30 s (outside the 20 s threshold):
    // SL = 2 in SL / (3 + 6 answered + 2 abandoned - 1 short) = 2 / 10 = 0.2, ten calls: judged.
    // c7 waits since 09:29:50 (9 s); abandon rate = (2 - 1) / (13 - 1) = 1/12.
    const engine = engineWith([...workedExample, ...lateCalls(6)]);
    engine.tick(taipei('09:29:59'));
    const samples = queueAlertSamples(engine);
    expect(samples).toEqual([
      { tenant: 'default', queueId: 'q1', metric: 'serviceLevel', value: 0.2 },
      { tenant: 'default', queueId: 'q1', metric: 'waitingCalls', value: 1 },
      { tenant: 'default', queueId: 'q1', metric: 'longestWaitSeconds', value: 9 },
      { tenant: 'default', queueId: 'q1', metric: 'abandonRate', value: 1 / 12 },
    ]);
    expect(queueAlertSamples(engine, new Set(['other']))).toEqual([]);
    const book = new AlertBook([rule({ tenant: 'default', queueId: 'q1', forSeconds: 0 })]);
    expect(book.observe(engine.now, samples).map((c) => [c.kind, c.alert.startValue])).toEqual([['fired', 0.2]]);
  });

  it('reads a service level over fewer than ten calls as unknown, which never fires', () => {
    // Worked example and five late calls: 2 / 9 = 22% over nine calls, under MIN_SL_CALLS (10).
    const engine = engineWith([...workedExample, ...lateCalls(5)]);
    engine.tick(taipei('09:29:59'));
    const samples = queueAlertSamples(engine);
    expect(samples[0]).toEqual({ tenant: 'default', queueId: 'q1', metric: 'serviceLevel', value: null });
    const book = new AlertBook([rule({ tenant: 'default', queueId: 'q1', forSeconds: 0 })]);
    expect(book.observe(engine.now, samples)).toEqual([]);
  });

  it('reads an email queue by its backlog: oldest age and response service level, no voice metrics', () => {
    // m1 queued 08:00 and still waiting; m2 queued 09:00, answered 09:10 (wait 600 s, within the
    // 24 h target), ended 09:15, wrapped 09:16. At 10:00: oldest age = 10:00 - 08:00 = 7,200 s;
    // response SL = 1 answered in target / (1 answered + 0 abandoned) = 1 over one email: too few
    // to judge (MIN_SL_CALLS), so unknown, as a voice queue's.
    const engine = engineWith(oneEmailAnswered());
    engine.tick(taipei('10:00:00'));
    expect(queueAlertSamples(engine)).toEqual([
      { tenant: 'default', queueId: 'mail', metric: 'serviceLevel', value: null },
      { tenant: 'default', queueId: 'mail', metric: 'backlogAgeSeconds', value: 7200 },
    ]);
    const book = new AlertBook([rule({ id: 'mail-age', tenant: 'default', queueId: 'mail', metric: 'backlogAgeSeconds', comparator: '>', threshold: 3600, forSeconds: 0 })]);
    expect(book.observe(engine.now, queueAlertSamples(engine)).map((c) => [c.kind, c.alert.startValue])).toEqual([['fired', 7200]]);
  });

  it("judges an email queue's response service level from ten emails, as a voice queue's from ten calls", () => {
    // m0..m8 queued 08:00..08:08, answered from 09:00 (about an hour: within 24 h); m9 queued 08:09
    // and abandoned 09:30 after 81 min (not short). Before m9 leaves: 9 / 9 = 100% over nine
    // emails, unknown. After: 9 in target / (9 answered + 1 abandoned) = 0.9 over ten, judged.
    const queued = Array.from({ length: 10 }, (_, i) => ev('call.queued', `08:0${i}:00`, { callId: `m${i}`, queueId: 'mail', channel: 'email' }));
    const answered = Array.from({ length: 9 }, (_, i) => ev('call.answered', `09:0${i}:00`, { callId: `m${i}`, queueId: 'mail', agentId: 'a1' }));
    const engine = engineWith([ev('agent.login', '07:55:00', { agentId: 'a1', state: 'available', queues: ['mail'] }), ...queued, ...answered]);
    engine.tick(taipei('09:20:00'));
    const sl = () => queueAlertSamples(engine).find((x) => x.metric === 'serviceLevel')!.value;
    expect(sl()).toBeNull();
    const book = new AlertBook([rule({ id: 'mail-sl', tenant: 'default', queueId: 'mail', threshold: 0.95, forSeconds: 0 })]);
    expect(book.observe(engine.now, queueAlertSamples(engine))).toEqual([]);
    for (const x of parse([ev('call.abandoned', '09:30:00', { callId: 'm9', queueId: 'mail' })])) engine.apply(x);
    engine.tick(taipei('09:31:00'));
    expect(sl()).toBe(0.9);
    expect(book.observe(engine.now, queueAlertSamples(engine)).map((c) => [c.kind, c.alert.startValue])).toEqual([['fired', 0.9]]);
  });
});
