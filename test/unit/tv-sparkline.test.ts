import { describe, expect, it } from 'vitest';
import { sparklineLayout } from '../../client/src/charts/sparkline.ts';
import type { TvPoint } from '../../server/protocol/tv.ts';

const HOUR = 3_600_000;
const HALF = HOUR / 2;
/** An 8-hour axis from 0, drawn 1000 x 100 px: padding 6 px a side (6% of the height), so x = 6 + 988 × t / 8 h and y = 94 − 88 × SL. */
const axis = { start: 0, end: 8 * HOUR, ticks: [] };
const at = (hours: number, serviceLevel: number | null): TvPoint => ({ start: hours * HOUR, offered: serviceLevel === null ? 0 : 10, serviceLevel, target: 0.8, status: 'ok' });

describe("the TV's sparkline", () => {
  it('draws a dot for an interval with a service level between two without, which a line through one point would not show', () => {
    // 04:00 alone; 05:00-05:30 a line; 06:30 alone but the last, marked as "now" instead.
    const layout = sparklineLayout([at(4, 0.9), at(4.5, null), at(5, 0.5), at(5.5, 0.6), at(6, null), at(6.5, 0.7), at(7, null)], axis, HALF, 1000, 100);
    // 04:00's middle is 04:15: x = 6 + 988 × 4.25 / 8 = 530.875; y = 94 − 88 × 0.9 = 14.8.
    expect(layout.dots.length).toBe(1);
    expect(layout.dots[0].x).toBeCloseTo(530.875, 6);
    expect(layout.dots[0].y).toBeCloseTo(14.8, 6);
    // 06:45: x = 6 + 988 × 6.75 / 8 = 839.625; y = 94 − 88 × 0.7 = 32.4.
    expect(layout.last?.x).toBeCloseTo(839.625, 6);
    expect(layout.last?.y).toBeCloseTo(32.4, 6);
  });

  it('leaves a client with one interval so far to its "now" dot, and a day with no service level yet empty', () => {
    const one = sparklineLayout([at(7.5, 0.8)], axis, HALF, 1000, 100);
    expect(one.dots).toEqual([]);
    expect(one.last?.x).toBeCloseTo(6 + (988 * 7.75) / 8, 6);
    const none = sparklineLayout([at(7.5, null)], axis, HALF, 1000, 100);
    expect(none.dots).toEqual([]);
    expect(none.last).toBeNull();
  });

  it("marks 0, 50 and 100% on the scale and labels the target line at the latest interval's target", () => {
    // y = 94 − 88 × SL: 0% at 94, 50% at 50, 100% at 6; the 80% target at 94 − 70.4 = 23.6.
    const layout = sparklineLayout([at(6, 0.7), at(6.5, null)], axis, HALF, 1000, 100);
    expect(layout.levels.map((l) => l.value)).toEqual([0, 0.5, 1]);
    expect(layout.levels.map((l) => l.y)).toEqual([94, 50, 6]);
    expect(layout.targetMark?.value).toBe(0.8);
    expect(layout.targetMark?.y).toBeCloseTo(23.6, 9);
    // A target that changed during the day: the label follows the latest interval (90%: y = 94 − 79.2 = 14.8).
    const moved = sparklineLayout([at(6, 0.7), { ...at(6.5, 0.95), target: 0.9 }], axis, HALF, 1000, 100);
    expect(moved.targetMark?.value).toBe(0.9);
    expect(moved.targetMark?.y).toBeCloseTo(14.8, 9);
    expect(sparklineLayout([], axis, HALF, 1000, 100).targetMark).toBeNull();
  });
});
