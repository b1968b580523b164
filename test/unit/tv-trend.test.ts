import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { trendAxis, trendSpan } from '../../server/domain/tv-trend.ts';

const taipei = new IntervalClock('Asia/Taipei', 30);
const at = (iso: string) => Date.parse(iso);

describe('the TV sparkline span', () => {
  it('is the eight hours up to the end of the current interval, labelled every second local hour inside it', () => {
    // 14:40 is in the 14:30 interval, which ends at 15:00: the span is 07:00 to 15:00.
    const now = at('2026-11-20T14:40:00+08:00');
    expect(trendAxis(taipei, now)).toEqual({
      start: at('2026-11-20T07:00:00+08:00'),
      end: at('2026-11-20T15:00:00+08:00'),
      ticks: ['08:00', '10:00', '12:00', '14:00'].map((h) => at(`2026-11-20T${h}:00+08:00`)),
    });
    // Sixteen half-hours, 07:00 to 14:30, the last one still running.
    const { starts } = trendSpan(taipei, now);
    expect(starts).toHaveLength(16);
    expect(starts[0]).toBe(at('2026-11-20T07:00:00+08:00'));
    expect(starts[15]).toBe(at('2026-11-20T14:30:00+08:00'));
  });

  it('reaches into the day before after midnight, with the day before its intervals', () => {
    // 02:10 → 18:30 the evening before to 02:30; ticks at 20:00, 22:00, 00:00 and 02:00.
    const now = at('2026-11-21T02:10:00+08:00');
    const axis = trendAxis(taipei, now);
    expect(axis.start).toBe(at('2026-11-20T18:30:00+08:00'));
    expect(axis.ticks).toEqual([at('2026-11-20T20:00:00+08:00'), at('2026-11-20T22:00:00+08:00'), at('2026-11-21T00:00:00+08:00'), at('2026-11-21T02:00:00+08:00')]);
    const { starts } = trendSpan(taipei, now);
    // 18:30 … 23:30 is 11 half-hours, 00:00 … 02:00 is 5.
    expect(starts).toHaveLength(16);
    expect(starts[10]).toBe(at('2026-11-20T23:30:00+08:00'));
    expect(starts[11]).toBe(at('2026-11-21T00:00:00+08:00'));
  });

  it('keeps eight real hours across the end of daylight saving, ticking at local even hours', () => {
    // New York, 2026-11-01: clocks go back from 02:00 EDT to 01:00 EST. At 05:10 EST the span is
    // 05:30 EST (10:30Z) less eight hours = 22:30 EDT the evening before (02:30Z): seven hours on the wall clock.
    const ny = new IntervalClock('America/New_York', 30);
    const axis = trendAxis(ny, at('2026-11-01T05:10:00-05:00'));
    expect(axis.start).toBe(at('2026-10-31T22:30:00-04:00'));
    expect(axis.end).toBe(at('2026-11-01T05:30:00-05:00'));
    // 00:00 EDT, 02:00 EST (three real hours later, 01:00 came twice) and 04:00 EST.
    expect(axis.ticks).toEqual([at('2026-11-01T00:00:00-04:00'), at('2026-11-01T02:00:00-05:00'), at('2026-11-01T04:00:00-05:00')]);
    expect(trendSpan(ny, at('2026-11-01T05:10:00-05:00')).starts).toHaveLength(16);
  });
});
