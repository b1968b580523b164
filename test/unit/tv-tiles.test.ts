import { describe, expect, it } from 'vitest';
import { tvTile, type TvQueueInput } from '../../server/domain/tv-tiles.ts';

const NOW = Date.parse('2026-11-20T10:10:00+08:00');
const counts = (offered: number, answered: number, answeredInSL: number, abandoned = 0, shortAbandoned = 0) => ({ offered, answered, abandoned, shortAbandoned, flowedOut: 0, answeredInSL, abandonedInSL: 0 });
function queue(over: Partial<TvQueueInput>): TvQueueInput {
  return { today: { ...counts(0, 0, 0), handled: 0 }, interval: counts(0, 0, 0), intervals: [], formula: 'excludeShortAbandons', slTarget: 0.8, slThresholdSeconds: 20, abandonTarget: 0.05, waiting: 0, oldestWaitingSince: null, requiredNow: null, ...over };
}

describe('TV tile of a client', () => {
  it('sums counts before dividing, so the busy queue weighs more', () => {
    // Sales: 100 offered, 90 answered (80 in SL), 10 abandoned (2 short). Care: 10 offered, 10 answered, 5 in SL.
    // SL = (80 + 5) / ((90 + 10 − 2) + 10) = 85 / 108; abandon = (10 − 2) / (110 − 2) = 8 / 108.
    // Target weighted by offered: (0.8 × 100 + 0.9 × 10) / 110 = 89 / 110.
    const sales = queue({ today: { ...counts(100, 90, 80, 10, 2), handled: 88 }, slTarget: 0.8, requiredNow: 12 });
    const care = queue({ today: { ...counts(10, 10, 5), handled: 10 }, slTarget: 0.9, requiredNow: 3 });
    const t = tvTile('acme', 'Acme', NOW, [sales, care], 14);
    expect(t.serviceLevelToday).toBeCloseTo(85 / 108, 12);
    expect(t.abandonRate).toBeCloseTo(8 / 108, 12);
    expect(t.slTarget).toBeCloseTo(89 / 110, 12);
    expect(t.handledToday).toBe(98);
    // 12 + 3 = 15 needed, 14 on the phones: short by one.
    expect(t.requiredNow).toBe(15);
    expect(t.off).toMatchObject({ serviceLevelToday: true, abandonRate: true, staffing: true });
  });

  it('is calm when every figure is on target, and has no service level before the first call', () => {
    const t = tvTile('acme', 'Acme', NOW, [queue({ requiredNow: 2 })], 2);
    expect(t.serviceLevelToday).toBeNull();
    expect(t.off).toEqual({ serviceLevelToday: false, serviceLevelInterval: false, abandonRate: false, staffing: false, longestWait: false });
  });

  it('flags the longest wait past the shortest SL threshold, and merges interval points by start', () => {
    const s = Date.parse('2026-11-20T10:00:00+08:00');
    const a = queue({ waiting: 2, oldestWaitingSince: NOW - 25_000, slThresholdSeconds: 30, intervals: [{ start: s, counts: counts(4, 4, 4) }] });
    const b = queue({ waiting: 1, oldestWaitingSince: NOW - 10_000, slThresholdSeconds: 20, intervals: [{ start: s, counts: counts(4, 4, 0) }] });
    const t = tvTile('acme', 'Acme', NOW, [a, b], 0);
    // 25 s > 20 s (the shorter threshold).
    expect(t.off.longestWait).toBe(true);
    expect(t.waiting).toBe(3);
    expect(t.oldestWaitingSince).toBe(NOW - 25_000);
    // 4 of 8 answered within threshold in the 10:00 interval.
    expect(t.sparkline).toEqual([{ start: s, offered: 8, serviceLevel: 0.5 }]);
  });
});
