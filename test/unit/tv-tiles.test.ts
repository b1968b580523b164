import { describe, expect, it } from 'vitest';
import { defaultThresholds, QUEUE_DEFAULTS } from '../../server/domain/queue-config.ts';
import { tvTile, type TvQueueInput } from '../../server/domain/tv-tiles.ts';

const NOW = Date.parse('2026-11-20T10:10:00+08:00');
const counts = (offered: number, answered: number, answeredInSL: number, abandoned = 0, shortAbandoned = 0, flowedOut = 0) => ({ offered, answered, abandoned, shortAbandoned, flowedOut, answeredInSL, abandonedInSL: 0 });
/** A queue with the wallboard's default thresholds for its targets (SL amber at target, red 10 points under it). */
function queue(over: Partial<TvQueueInput>): TvQueueInput {
  const slTarget = over.slTarget ?? 0.8;
  const abandonTarget = over.abandonTarget ?? 0.05;
  const thresholds = defaultThresholds({ ...QUEUE_DEFAULTS, slTarget, abandonTarget });
  return { today: { ...counts(0, 0, 0), handled: 0 }, interval: counts(0, 0, 0), intervals: [], formula: 'excludeShortAbandons', slTarget, abandonTarget, thresholds, waiting: 0, oldestWaitingSince: null, requiredNow: null, ...over };
}

describe('TV tile of a client', () => {
  it('sums counts before dividing, so the busy queue weighs more', () => {
    // Sales: 100 offered, 90 answered (80 in SL), 10 abandoned (2 short). Care: 10 offered, 10 answered, 5 in SL.
    // SL = (80 + 5) / ((90 + 10 − 2) + 10) = 85 / 108; abandon = (10 − 2) / (110 − 2) = 8 / 108.
    const sales = queue({ today: { ...counts(100, 90, 80, 10, 2), handled: 88 }, slTarget: 0.8, requiredNow: 12 });
    const care = queue({ today: { ...counts(10, 10, 5), handled: 10 }, slTarget: 0.9, requiredNow: 3 });
    const t = tvTile('acme', 'Acme', [sales, care], 14);
    expect(t.serviceLevelToday).toBeCloseTo(85 / 108, 12);
    expect(t.abandonRate).toBeCloseTo(8 / 108, 12);
    expect(t.handledToday).toBe(98);
    // 12 + 3 = 15 needed, 14 on the phones: short by one, red as before.
    expect(t.requiredNow).toBe(15);
    expect(t.verdict.staffing).toEqual({ status: 'red', met: false });
  });

  it('holds a client whose queues have different targets to the target weighted by the calls in its service level', () => {
    // Cards (target 90%): 100 offered, 20 flowed out, 70 answered (63 in SL), 10 abandoned, all short:
    //   SL denominator 70 + 10 − 10 = 70, and 63 / 70 = 90%, exactly its target.
    // Loans (target 80%): 50 offered, 50 answered, 40 in SL: 40 / 50 = 80%, exactly its target.
    // Pooled SL = (63 + 40) / (70 + 50) = 103 / 120. Target weighted by the same denominators:
    //   (0.9 × 70 + 0.8 × 50) / 120 = 103 / 120: met, as each queue met its own.
    //   (Weighted by calls offered it would be (0.9 × 100 + 0.8 × 50) / 150 = 130 / 150, and read as a miss.)
    const cards = queue({ slTarget: 0.9, today: { ...counts(100, 70, 63, 10, 10, 20), handled: 70 }, interval: counts(12, 10, 9, 2, 2) });
    const loans = queue({ slTarget: 0.8, today: { ...counts(50, 50, 40), handled: 50 }, interval: counts(30, 30, 21) });
    const t = tvTile('jade', 'Jade', [cards, loans], 0);
    expect(t.serviceLevelToday).toBe(103 / 120);
    // 103 / 120 = 0.858333…, kept to 9 decimals like the figure it is compared with.
    expect(t.slTarget).toEqual({ value: 0.858333333, shared: false });
    expect(t.verdict.serviceLevelToday).toEqual({ status: 'ok', met: true });
    // This interval: Cards 9 of 10 (denominator 10 + 2 − 2), Loans 21 of 30. SL = 30 / 40 = 75%;
    // its own target (0.9 × 10 + 0.8 × 30) / 40 = 33 / 40 = 82.5%, red line (0.8 × 10 + 0.7 × 30) / 40 = 72.5%: amber.
    expect(t.serviceLevelInterval).toBe(0.75);
    expect(t.slTargetInterval).toEqual({ value: 0.825, shared: false });
    expect(t.verdict.serviceLevelInterval).toEqual({ status: 'amber', met: false });
  });

  it('shows a shared target as it is, and turns red ten points under it as the wallboard does', () => {
    // Both 80%: 60 of 90 answered in SL = 66.7%, under the red line at 70%.
    const a = queue({ today: { ...counts(50, 50, 30), handled: 50 } });
    const b = queue({ today: { ...counts(40, 40, 30), handled: 40 } });
    const t = tvTile('acme', 'Acme', [a, b], 0);
    expect(t.slTarget).toEqual({ value: 0.8, shared: true });
    expect(t.verdict.serviceLevelToday).toEqual({ status: 'red', met: false });
  });

  it('weighs abandon targets by the calls an abandon rate is out of, and is amber past three quarters of the target though within it', () => {
    // Billing (limit 7%): 110 offered, 16 abandoned of which 10 short: 6 of 100. Tech (limit 5%): 2 of 50.
    // Rate = 8 / 150 = 5.33%; limit (0.07 × 100 + 0.05 × 50) / 150 = 9.5 / 150 = 6.33%;
    // amber line (0.0525 × 100 + 0.0375 × 50) / 150 = 7.125 / 150 = 4.75%: within the limit, but amber.
    const billing = queue({ abandonTarget: 0.07, today: { ...counts(110, 94, 90, 16, 10), handled: 94 } });
    const tech = queue({ abandonTarget: 0.05, today: { ...counts(50, 48, 40, 2), handled: 48 } });
    const t = tvTile('acme', 'Acme', [billing, tech], 0);
    expect(t.abandonRate).toBeCloseTo(8 / 150, 12);
    expect(t.abandonTarget).toEqual({ value: 0.063333333, shared: false });
    expect(t.verdict.abandonRate).toEqual({ status: 'amber', met: true });
  });

  it('is green where every figure is on target, and judges nothing before the first call', () => {
    const calm = tvTile('acme', 'Acme', [queue({ requiredNow: 2, today: { ...counts(10, 10, 9), handled: 10 } })], 2);
    expect(calm.verdict).toEqual({ serviceLevelToday: { status: 'ok', met: true }, serviceLevelInterval: { status: 'none', met: null }, abandonRate: { status: 'ok', met: true }, staffing: { status: 'ok', met: true } });
    const quiet = tvTile('acme', 'Acme', [queue({})], 2);
    expect(quiet.serviceLevelToday).toBeNull();
    expect(quiet.verdict).toEqual({ serviceLevelToday: { status: 'none', met: null }, serviceLevelInterval: { status: 'none', met: null }, abandonRate: { status: 'none', met: null }, staffing: { status: 'none', met: null } });
  });

  it("judges no interval's service level over fewer than ten calls, as the wallboard colours none", () => {
    // This interval 0 of 3 in SL (0%), under the red line at 70% but too few calls to judge; today 6 of 10 (60%) is judged: red.
    const early = tvTile('acme', 'Acme', [queue({ today: { ...counts(10, 10, 6), handled: 10 }, interval: counts(3, 3, 0) })], 0);
    expect(early.serviceLevelInterval).toBe(0);
    expect(early.verdict.serviceLevelInterval).toEqual({ status: 'none', met: null });
    expect(early.verdict.serviceLevelToday).toEqual({ status: 'red', met: false });
    // The tenth call of the interval (answered late too) makes it red.
    const later = tvTile('acme', 'Acme', [queue({ interval: counts(10, 10, 0) })], 0);
    expect(later.verdict.serviceLevelInterval).toEqual({ status: 'red', met: false });
    // The sparkline's dot for a three-call interval is left uncoloured too.
    const dotted = tvTile('acme', 'Acme', [queue({ interval: counts(3, 3, 0), intervals: [{ start: NOW - 600_000, counts: counts(3, 3, 0) }] })], 0);
    expect(dotted.sparkline.map((p) => [p.serviceLevel, p.status])).toEqual([[0, 'none']]);
  });

  it("judges no service level today over fewer than ten of the client's calls, and judges a 10-call day", () => {
    // Cards 1 of 4 in SL, loans 2 of 5: pooled 3 / 9 = 33.3%, far under the red line at 70%, but nine calls.
    const nine = tvTile('acme', 'Acme', [queue({ today: { ...counts(4, 4, 1), handled: 4 } }), queue({ today: { ...counts(5, 5, 2), handled: 5 } })], 0);
    expect(nine.serviceLevelToday).toBeCloseTo(3 / 9, 12);
    expect(nine.verdict.serviceLevelToday).toEqual({ status: 'none', met: null });
    // A sixth loans call, answered late: 3 / 10 = 30%, ten calls: red, missed.
    const ten = tvTile('acme', 'Acme', [queue({ today: { ...counts(4, 4, 1), handled: 4 } }), queue({ today: { ...counts(6, 6, 2), handled: 6 } })], 0);
    expect(ten.serviceLevelToday).toBe(0.3);
    expect(ten.verdict.serviceLevelToday).toEqual({ status: 'red', met: false });
  });

  it('carries the calls behind each service level, in its formula\'s denominator, summed over the queues', () => {
    // Today: cards 4 answered + 1 abandoned past 5 s + 1 short abandon (excluded) = 5; loans 4 answered = 4: 9 calls, unjudged.
    // This interval: cards 1 answered; loans 0 answered + 1 short abandon (excluded): 1 call, "0%" over "1 call" on the TV.
    const cards = queue({ today: { ...counts(7, 4, 1, 2, 1, 1), handled: 4 }, interval: counts(1, 1, 0) });
    const loans = queue({ today: { ...counts(4, 4, 2), handled: 4 }, interval: counts(1, 0, 0, 1, 1) });
    const t = tvTile('acme', 'Acme', [cards, loans], 0);
    expect(t.slCalls).toEqual({ today: 9, interval: 1 });
    expect(t.serviceLevelToday).toBeCloseTo(3 / 9, 12);
    expect(t.serviceLevelInterval).toBe(0);
    expect(t.verdict.serviceLevelToday).toEqual({ status: 'none', met: null });
    // Under answeredOnly the abandons drop out of both: today 4 + 4 = 8 calls, this interval 1.
    const answered = tvTile('acme', 'Acme', [{ ...cards, formula: 'answeredOnly' }, { ...loans, formula: 'answeredOnly' }], 0);
    expect(answered.slCalls).toEqual({ today: 8, interval: 1 });
    // Before the first call, none.
    expect(tvTile('acme', 'Acme', [queue({})], 0).slCalls).toEqual({ today: 0, interval: 0 });
  });

  it('judges the longest wait by the strictest queue, and gives each sparkline point its own target', () => {
    const s = Date.parse('2026-11-20T10:00:00+08:00');
    const early = s - 1_800_000;
    // Thresholds follow the SL thresholds: 30 s (amber) and 90 s (red) for one, 20 s and 60 s for the other.
    const a = queue({ waiting: 2, oldestWaitingSince: NOW - 25_000, slTarget: 0.9, thresholds: { ...defaultThresholds({ ...QUEUE_DEFAULTS, slTarget: 0.9, slThresholdSeconds: 30 }) }, intervals: [{ start: early, counts: counts(0, 0, 0) }, { start: s, counts: counts(4, 4, 4) }] });
    const b = queue({ waiting: 1, oldestWaitingSince: NOW - 10_000, slTarget: 0.7, intervals: [{ start: early, counts: counts(0, 0, 0) }, { start: s, counts: counts(12, 12, 6) }] });
    const t = tvTile('acme', 'Acme', [a, b], 0);
    expect(t.longestWaitThresholds).toEqual({ amber: 20, red: 60 });
    expect(t.waiting).toBe(3);
    expect(t.oldestWaitingSince).toBe(NOW - 25_000);
    // 09:30 had no calls: the plain mean of 90% and 70%. 10:00: 10 of 16 in SL = 62.5% against
    // (0.9 × 4 + 0.7 × 12) / 16 = 12 / 16 = 75%, red line (0.8 × 4 + 0.6 × 12) / 16 = 65%: red.
    expect(t.sparkline).toEqual([
      { start: early, offered: 0, serviceLevel: null, target: 0.8, status: 'none' },
      { start: s, offered: 16, serviceLevel: 0.625, target: 0.75, status: 'red' },
    ]);
  });
});
