import { describe, expect, it } from 'vitest';
import { dayVolumeFactor, QUEUES } from '../../simulator/day-model.ts';
import { simulateHistory } from '../../simulator/history.ts';

const acme = QUEUES.find((q) => q.id === 'acme-billing')!;
const fair = QUEUES.find((q) => q.id === 'fair-reservations')!;

describe('simulated seasons', () => {
  it('multiplies weekday, trend and holiday, by hand', () => {
    // Monday 2026-01-05, 4 days after the trend anchor: 1.25 x (1 + 0.004 x 4 / 7) = 1.2528571.
    expect(dayVolumeFactor(acme, '2026-01-05', new Set())).toBeCloseTo(1.2528571, 6);
    // Friday 2026-10-09 is 281 days on: 0.95 x (1 + 0.004 x 281 / 7) x 0.4 (office holiday) = 0.441017.
    expect(dayVolumeFactor(acme, '2026-10-09', new Set(['2026-10-09']))).toBeCloseTo(0.441017, 6);
    // The airline gets busier on a holiday: 1.1 x 1.160571 x 1.25 = 1.595786.
    expect(dayVolumeFactor(fair, '2026-10-09', new Set(['2026-10-09']))).toBeCloseTo(1.595786, 6);
  });
});

describe('simulateHistory', () => {
  // Two weeks: Mon 2026-11-16 (a bill-run campaign day for acme-billing) to Sun 2026-11-29.
  const rows = simulateHistory({ weeks: 2, seed: 7, timezone: 'Asia/Taipei', end: '2026-11-30', holidays: new Set() });
  const dayTotal = (queueId: string, date: string) => {
    const from = Date.parse(`${date}T00:00:00+08:00`);
    return rows.filter((r) => r.queueId === queueId && r.intervalStart >= from && r.intervalStart < from + 86_400_000).reduce((n, r) => n + r.offered, 0);
  };

  it('gives every queue a row for every half-hour of every day', () => {
    expect(rows).toHaveLength(14 * 48 * QUEUES.length);
  });

  it('is deterministic for a seed', () => {
    const again = simulateHistory({ weeks: 2, seed: 7, timezone: 'Asia/Taipei', end: '2026-11-30', holidays: new Set() });
    expect(again).toEqual(rows);
  });

  it('has busy Mondays and quiet weekends for an office client', () => {
    // Factors 1.25 (Monday) against 0.55 (Saturday): over twice the calls.
    expect(dayTotal('jade-cards', '2026-11-23')).toBeGreaterThan(2 * dayTotal('jade-cards', '2026-11-21'));
    // The bill run lifts acme-billing's Monday 2026-11-16 over the next, ordinary, Monday.
    expect(dayTotal('acme-billing', '2026-11-16')).toBeGreaterThan(1.25 * dayTotal('acme-billing', '2026-11-23'));
  });

  it('keeps the books of each interval: every call left the queue once, handled calls were answered', () => {
    const endMs = Date.parse('2026-11-30T00:00:00+08:00');
    const email = new Set(QUEUES.filter((q) => q.channel === 'email').map((q) => q.id));
    for (const r of rows) {
      // Deferred work (email) may still wait when the history ends: a weekend evening's mail can wait for Monday's desk.
      if (email.has(r.queueId) && r.intervalStart >= endMs - 3 * 86_400_000) expect(r.answered + r.abandoned + r.flowedOut).toBeLessThanOrEqual(r.offered);
      else expect(r.answered + r.abandoned + r.flowedOut).toBe(r.offered);
      expect(r.handled).toBeLessThanOrEqual(r.answered);
      expect(r.answeredInSL).toBeLessThanOrEqual(r.answered);
      expect(r.shortAbandoned).toBeLessThanOrEqual(r.abandoned);
      expect(Object.values(r.dispositions).reduce((a, b) => a + b, 0)).toBe(r.handled);
    }
    const handled = rows.reduce((n, r) => n + r.handled, 0);
    const seconds = rows.reduce((n, r) => n + r.talkSeconds + r.holdSeconds + r.acwSeconds, 0);
    // Mean handle times of the queues run from 240 + 35 s to 420 + 60 s.
    expect(seconds / handled).toBeGreaterThan(250);
    expect(seconds / handled).toBeLessThan(450);
  });
});
