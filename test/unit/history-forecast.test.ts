import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { forecastFromHistory } from '../../server/domain/forecast/history-forecast.ts';
import { addDays, weekdayOf, type IntervalActual } from '../../server/domain/forecast/daily-history.ts';
import type { SpecialDay } from '../../server/domain/forecast/calendar.ts';

/** Weekday factors, ISO 1 (Monday) .. 7 (Sunday). */
const WEEK = [0, 1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0.4];
/** Open 08:00-20:00: slots 16..39, a tent peaking at noon; shares sum to 1. */
const TENT = Array.from({ length: 48 }, (_, k) => (k >= 16 && k < 40 ? 13 - Math.abs(k - 27.5) : 0));
const TENT_SUM = TENT.reduce((a, b) => a + b, 0);
const SHAPE = TENT.map((v) => v / TENT_SUM);
const FLAT = new Array(48).fill(1 / 48);

/** Calls on day index t of a history: 1000 + 5 t a day, times the weekday factor. */
const dayCalls = (t: number, date: string) => (1000 + 5 * t) * WEEK[weekdayOf(date)];

/**
 * A synthetic history by construction: `days` days from `first`, calls = dayCalls x shape,
 * every call handled with AHT 300 + slot seconds.
 */
function history(clock: IntervalClock, first: string, days: number, shape: number[], volume = dayCalls): IntervalActual[] {
  const rows: IntervalActual[] = [];
  for (let t = 0; t < days; t++) {
    const date = addDays(first, t);
    const day = clock.dayOfDate(date)!;
    day.starts.forEach((start, k) => {
      const calls = volume(t, date) * shape[k];
      rows.push({ intervalStart: start, offered: calls, handled: calls, talkSeconds: calls * (300 + k), holdSeconds: 0, acwSeconds: 0 });
    });
  }
  return rows;
}

describe('forecast from history', () => {
  const clock = new IntervalClock('Asia/Taipei', 30);
  const first = '2026-10-05'; // a Monday; 8 weeks run to 2026-11-29

  it('recovers a pure weekly pattern times a linear trend, within 1% a day and an interval', () => {
    const rows = history(clock, first, 56, SHAPE);
    // Tomorrow is day 56, a Monday: (1000 + 5 x 56) x 1.3 = 1664 calls.
    const f = forecastFromHistory(rows, '2026-11-30', clock, [])!;
    expect(f.horizonDays).toBe(1);
    expect(f.dayCalls).toBeGreaterThan(1664 * 0.99);
    expect(f.dayCalls).toBeLessThan(1664 * 1.01);
    // The tent's weights are 1.5, 2.5, ..., 12.5 twice: 2 x 12 x 7 = 168. Slot 27 holds 12.5 / 168
    // of the day: 1664 x 12.5 / 168 = 123.8 calls; AHT 300 + 27 = 327 s.
    expect(Math.abs(f.intervals[27].calls - 123.8) / 123.8).toBeLessThan(0.01);
    // The shrinkage towards the day AHT moves it by 20 pseudo-calls against ~3000 real ones: under 0.01 s.
    expect(f.intervals[27].ahtSeconds).toBeCloseTo(327, 2);
    // Nothing forecast while closed.
    expect(f.intervals[10].calls).toBe(0);
  });

  it('forecasts the day after tomorrow from the same history (48 hours ahead)', () => {
    const rows = history(clock, first, 56, SHAPE);
    // Day 57, a Tuesday: (1000 + 5 x 57) x 1.1 = 1413.5.
    const f = forecastFromHistory(rows, '2026-12-01', clock, [])!;
    expect(f.horizonDays).toBe(2);
    expect(Math.abs(f.dayCalls - 1413.5) / 1413.5).toBeLessThan(0.01);
  });

  it('uses only the days before the target: a later spike does not leak into it', () => {
    const rows = history(clock, first, 56, SHAPE);
    const spiked = rows.map((r) => (r.intervalStart >= Date.parse('2026-11-23T00:00:00+08:00') ? { ...r, offered: r.offered * 10 } : r));
    // Forecasting 2026-11-23 (day 49, a Monday) from days 0..48: (1000 + 245) x 1.3 = 1618.5.
    const f = forecastFromHistory(spiked, '2026-11-23', clock, [])!;
    expect(Math.abs(f.dayCalls - 1618.5) / 1618.5).toBeLessThan(0.01);
  });

  it('needs four weeks of history', () => {
    expect(forecastFromHistory(history(clock, first, 27, SHAPE), '2026-11-01', clock, [])).toBeNull();
    expect(forecastFromHistory(history(clock, first, 28, SHAPE), '2026-11-02', clock, [])).not.toBeNull();
  });

  it("forecasts a holiday from past holidays' ratio to an ordinary day", () => {
    const holidays: SpecialDay[] = ['2026-10-21', '2026-11-11', '2026-12-02'].map((date) => ({ date, kind: 'holiday', name: 'test' }));
    // On past holidays the centre takes 40% of an ordinary day.
    const rows = history(clock, first, 58, SHAPE, (t, date) => dayCalls(t, date) * (holidays.some((h) => h.date === date) ? 0.4 : 1));
    // 2026-12-02 is day 58, a Wednesday: ordinary (1000 + 290) x 1.0 = 1290; 40% of it is 516.
    const f = forecastFromHistory(rows, '2026-12-02', clock, holidays)!;
    expect(f.special?.kind).toBe('holiday');
    expect(f.specialFactor).toBeCloseTo(0.4, 2);
    expect(Math.abs(f.dayCalls - 516) / 516).toBeLessThan(0.01);
  });

  it("takes the analyst's factor for a campaign day over anything learnt", () => {
    const rows = history(clock, first, 56, SHAPE);
    const f = forecastFromHistory(rows, '2026-11-30', clock, [{ date: '2026-11-30', kind: 'campaign', name: 'promo', factor: 1.5, queueIds: ['q'] }], 'q')!;
    // 1664 x 1.5 = 2496; for another queue the campaign does not apply.
    expect(Math.abs(f.dayCalls - 2496) / 2496).toBeLessThan(0.01);
    const other = forecastFromHistory(rows, '2026-11-30', clock, [{ date: '2026-11-30', kind: 'campaign', name: 'promo', factor: 1.5, queueIds: ['q'] }], 'other')!;
    expect(other.specialFactor).toBe(1);
  });

  describe('on daylight-saving days (America/New_York, round the clock, flat shape)', () => {
    const ny = new IntervalClock('America/New_York', 30);

    it('gives 50 intervals on 2026-11-01, the repeated hour forecast twice', () => {
      // 8 weeks from Sunday 2026-09-06; 2026-11-01 is day 56, a Sunday: (1000 + 280) x 0.4 = 512 a 24-hour day.
      const f = forecastFromHistory(history(ny, '2026-09-06', 56, FLAT), '2026-11-01', ny, [])!;
      expect(f.intervals).toHaveLength(50);
      expect(Math.abs(f.ordinaryDayCalls - 512) / 512).toBeLessThan(0.01);
      // Each real half-hour gets 1/48 of the 24-hour day, so 25 hours hold 50/48 of it.
      expect(f.dayCalls).toBeCloseTo((f.ordinaryDayCalls * 50) / 48, 6);
      expect(f.intervals[2].calls).toBeCloseTo(f.intervals[4].calls, 9);
      expect(ny.iso(f.intervals[4].start)).toBe('2026-11-01T01:00:00-05:00');
    });

    it('gives 46 intervals on 2026-03-08, the skipped hour forecast as nothing', () => {
      const f = forecastFromHistory(history(ny, '2026-01-11', 56, FLAT), '2026-03-08', ny, [])!;
      expect(f.intervals).toHaveLength(46);
      expect(f.dayCalls).toBeCloseTo((f.ordinaryDayCalls * 46) / 48, 6);
    });
  });
});
