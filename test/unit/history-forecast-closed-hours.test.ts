import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { forecastFromHistory, type HistoryForecast } from '../../server/domain/forecast/history-forecast.ts';
import { addDays, type IntervalActual } from '../../server/domain/forecast/daily-history.ts';

/**
 * Hours a queue is closed get no calls in the forecast. Every history here is built on the
 * wall clock (a row's calls follow its local time, as a centre's callers do), and every
 * figure below is worked out by hand from docs/forecasting.md.
 */

/** Calls of a local half-hour: what `open` gives for its date and local time (hours, 8.5 = 08:30). */
type Open = (date: string, hour: number) => number;

function history(clock: IntervalClock, first: string, days: number, calls: Open): IntervalActual[] {
  const rows: IntervalActual[] = [];
  for (let t = 0; t < days; t++) {
    const date = addDays(first, t);
    for (const start of clock.dayOfDate(date)!.starts) {
      const local = DateTime.fromMillis(start, { zone: clock.timezone });
      const n = calls(date, local.hour + local.minute / 60);
      rows.push({ intervalStart: start, offered: n, handled: n, talkSeconds: 300 * n, holdSeconds: 0, acwSeconds: 0 });
    }
  }
  return rows;
}

/** 20 calls every half-hour from 08:00 to 20:00, none at night: 480 a day. */
const officeHours: Open = (_date, hour) => (hour >= 8 && hour < 20 ? 20 : 0);

/** Monday-Friday as `officeHours`, Saturday 09:00-13:00 (8 x 20 = 160 calls), Sunday closed. */
const shortSaturdays: Open = (date, hour) => {
  const wd = DateTime.fromISO(date).weekday;
  if (wd === 7) return 0;
  if (wd === 6) return hour >= 9 && hour < 13 ? 20 : 0;
  return officeHours(date, hour);
};

/** The forecast's calls by local time HH:mm (the autumn day's repeated hour keeps its second). */
function byLocalTime(clock: IntervalClock, f: HistoryForecast): Map<string, number> {
  return new Map(f.intervals.map((i) => [clock.iso(i.start).slice(11, 16), i.calls]));
}

/** `perSlot` calls in every half-hour from `from` to `to` o'clock, and exactly none outside. */
function expectOpen(calls: Map<string, number>, from: number, to: number, perSlot: number): void {
  for (const [time, n] of calls) {
    const hour = Number(time.slice(0, 2));
    if (hour >= from && hour < to) expect(n, time).toBeCloseTo(perSlot, 6);
    else expect(n, time).toBe(0);
  }
}

describe('forecast from history: closed hours', () => {
  const taipei = new IntervalClock('Asia/Taipei', 30);

  it('forecasts exactly nothing at night when four weeks of history had no night calls', () => {
    // 28 days from Monday 2026-10-05, every one 480 calls: Holt-Winters' level is 480 with a flat
    // season and no trend, the last four Mondays' mean is 480, so Monday 2026-11-02 gets 480;
    // every shape (Mondays' and the 28-day one) gives each open half-hour 20 / 480 and the night 0.
    const f = forecastFromHistory(history(taipei, '2026-10-05', 28, officeHours), '2026-11-02', taipei, [])!;
    const calls = byLocalTime(taipei, f);
    expect(f.dayCalls).toBeCloseTo(480, 6);
    expectOpen(calls, 8, 20, 20);
  });

  describe('on daylight-saving days (Europe/London), open 08:00-20:00 local', () => {
    const london = new IntervalClock('Europe/London', 30);

    it('keeps the autumn day (2026-10-25, 50 half-hours) open 08:00-20:00 and closed at night', () => {
      // 28 ordinary days before Sunday 2026-10-25, each 480 calls: the day gets 480. Its repeated
      // hour 01:00-02:00 is night twice; 08:00 local is its 19th half-hour (index 18), not the 17th.
      const f = forecastFromHistory(history(london, '2026-09-27', 28, officeHours), '2026-10-25', london, [])!;
      expect(f.intervals).toHaveLength(50);
      expect(f.dayCalls).toBeCloseTo(480, 6);
      expect(f.intervals.slice(0, 18).every((i) => i.calls === 0)).toBe(true);
      expect(london.iso(f.intervals[18].start)).toBe('2026-10-25T08:00:00+00:00');
      expect(f.intervals[18].calls).toBeCloseTo(20, 6);
      expect(london.iso(f.intervals[41].start)).toBe('2026-10-25T19:30:00+00:00');
      expect(f.intervals[41].calls).toBeCloseTo(20, 6);
      expect(f.intervals.slice(42).every((i) => i.calls === 0)).toBe(true);
    });

    it('reads a spring day (2026-03-29, 46 half-hours) in its history by local time: the next Sunday is still closed at night', () => {
      // History 2026-03-02 .. 2026-04-04 holds the spring day, whose 08:00 is its 15th half-hour
      // (index 14). Laid by local time it has the same 480 calls at 08:00-20:00 as every day, so
      // Sunday 2026-04-05 gets 20 in each open half-hour and 0 at night.
      const f = forecastFromHistory(history(london, '2026-03-02', 34, officeHours), '2026-04-05', london, [])!;
      const calls = byLocalTime(london, f);
      expect(f.dayCalls).toBeCloseTo(480, 6);
      expect(calls.get('07:30')).toBe(0);
      expect(calls.get('08:00')).toBeCloseTo(20, 6);
      expect(calls.get('19:30')).toBeCloseTo(20, 6);
      expect(calls.get('20:00')).toBe(0);
      expect(calls.get('03:00')).toBe(0);
    });
  });

  describe('an interval with calls on some days only', () => {
    it("gives a Saturday none in the hours it is closed, though weekdays are open then", () => {
      // Monday-Friday 08:00-20:00 (20 a half-hour, 480), Saturday 09:00-13:00 (8 x 20 = 160), Sunday
      // closed. 28 days from Saturday 2026-10-03 to Friday 2026-10-30: the weekly pattern repeats
      // exactly, so Saturday 2026-10-31 gets 160.
      const f = forecastFromHistory(history(taipei, '2026-10-03', 28, shortSaturdays), '2026-10-31', taipei, [])!;
      const calls = byLocalTime(taipei, f);
      expect(f.dayCalls).toBeCloseTo(160, 6);
      // The 28-day shape has 20 weekdays x 20 = 400 calls at 08:00 and 13:00-19:30, 480 at
      // 09:00-12:30, of 20 x 480 + 4 x 160 = 10,240: 5/128 of the day at 08:00. Saturdays had none
      // there where that shape expects 5/128 x 4 x 160 = 25 of them: Saturday is closed then.
      // Blended half and half, the open hours get 0.5 x 1/8 + 0.5 x 3/64 = 11/128 each, 88/128 in
      // all, scaled to 1: 1/8 each, 20 calls (before: 160 x 11/128 = 13.75, and 160 x 5/256 =
      // 3.125 in each of the 16 closed half-hours, 50 calls staffed for a closed queue).
      expectOpen(calls, 9, 13, 20);
    });

    it('keeps a weekday whose own days had calls in every slot the 28-day shape has as it was', () => {
      // The same history, Monday 2026-11-02 (horizon 3): 480. Mondays had calls in every half-hour
      // that any day had, so nothing is closed: 08:00 gets 480 x (0.5 x 1/24 + 0.5 x 5/128) =
      // 10 + 9.375 = 19.375, 09:00 gets 480 x (0.5 x 1/24 + 0.5 x 3/64) = 10 + 11.25 = 21.25.
      const f = forecastFromHistory(history(taipei, '2026-10-03', 28, shortSaturdays), '2026-11-02', taipei, [])!;
      const calls = byLocalTime(taipei, f);
      expect(f.dayCalls).toBeCloseTo(480, 6);
      expect(calls.get('08:00')).toBeCloseTo(19.375, 6);
      expect(calls.get('09:00')).toBeCloseTo(21.25, 6);
      expect(calls.get('19:30')).toBeCloseTo(19.375, 6);
      expect(calls.get('20:00')).toBe(0);
    });

    it('weighs a late half-hour that had calls on the last two Mondays only, newest most', () => {
      // Every day 480 at 08:00-20:00, but on Mondays 2026-10-19 and 10-26, 12 of 19:30's calls come
      // at 20:00 instead (8 and 12). Monday 2026-11-02: 480. Mondays' weights 4:3:2:1 newest first,
      // scaled to 1.6, 1.2, 0.8, 0.4: 20:00 holds (1.6 + 1.2) x 12 = 33.6 of 4 x 480 = 1920; the
      // 28 days hold 24 of 13,440. 480 x (0.5 x 33.6 / 1920 + 0.5 x 24 / 13,440) = 4.2 + 0.428571.
      const late = new Set(['2026-10-19', '2026-10-26']);
      const calls: Open = (date, hour) => {
        if (late.has(date) && hour === 19.5) return 8;
        if (late.has(date) && hour === 20) return 12;
        return officeHours(date, hour);
      };
      const f = forecastFromHistory(history(taipei, '2026-10-05', 28, calls), '2026-11-02', taipei, [])!;
      const at = byLocalTime(taipei, f);
      expect(f.dayCalls).toBeCloseTo(480, 6);
      expect(at.get('20:00')).toBeCloseTo(4.2 + 3 / 7, 6);
      expect(at.get('20:30')).toBe(0);
    });
  });
});
