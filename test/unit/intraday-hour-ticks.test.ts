import { describe, expect, it } from 'vitest';
import { hourTicks } from '../../client/src/charts/intraday-chart.ts';

/** A Taipei day's interval starts, every `minutes` minutes from 00:00. */
const day = (minutes: number) =>
  Array.from({ length: (24 * 60) / minutes }, (_, i) => {
    const m = i * minutes;
    return `2026-11-20T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`;
  });
/** Interval i starts 20 px apart, from 56 px. */
const at = (i: number) => 56 + 20 * i;
const labels = (ticks: { label: string }[]) => ticks.map((t) => t.label);

describe('hourTicks: the intraday chart\'s time axis', () => {
  it('labels every hour when an hour has 48 px or more (1200 px / 24 h = 50 px)', () => {
    const ticks = hourTicks(day(30), 1200, at);
    expect(ticks).toHaveLength(24);
    expect(ticks[0]).toEqual({ x: 56, label: '00:00' });
    expect(ticks[8]).toEqual({ x: 56 + 20 * 16, label: '08:00' }); // 08:00 is the 17th half-hour
  });

  it('labels every 2nd hour at 900 px (37.5 px an hour; 2 h = 75 px), on even hours', () => {
    expect(labels(hourTicks(day(30), 900, at))).toEqual(['00:00', '02:00', '04:00', '06:00', '08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00', '22:00']);
  });

  it('labels every 3rd hour at 500 px (20.8 px an hour: 2 h = 41.7 px is too little, 3 h = 62.5 px)', () => {
    expect(labels(hourTicks(day(30), 500, at))).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00']);
  });

  it('never labels a quarter or half hour, with 15-minute intervals at any width', () => {
    for (const width of [300, 900, 1200, 3000]) {
      const all = labels(hourTicks(day(15), width, at));
      expect(all.length, String(width)).toBeGreaterThan(0);
      expect(all.filter((l) => !l.endsWith(':00')), String(width)).toEqual([]);
    }
    // 96 quarter-hours over 1200 px: still 50 px an hour, so all 24 hours, 08:00 being the 33rd interval.
    const ticks = hourTicks(day(15), 1200, at);
    expect(ticks).toHaveLength(24);
    expect(ticks[8]).toEqual({ x: 56 + 20 * 32, label: '08:00' });
  });

  it('gives no ticks for no intervals', () => {
    expect(hourTicks([], 900, at)).toEqual([]);
  });
});
