import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { sameWeekdayFourWeekMean, sameWeekdayLastWeek, Wape } from '../../server/domain/forecast/baselines.ts';
import { backtest } from '../../server/domain/forecast/backtest.ts';
import { SpecialCalendar } from '../../server/domain/forecast/calendar.ts';
import { addDays, weekdayOf, type DayActuals } from '../../server/domain/forecast/daily-history.ts';
import { callsBand } from '../../server/domain/forecast/outlook-band.ts';

/** A day with calls only in slots 18 and 19 (09:00 and 09:30), every call handled at `aht` seconds. */
function day(date: string, c18: number, c19: number, aht: number): DayActuals {
  const calls = new Array(48).fill(0);
  calls[18] = c18;
  calls[19] = c19;
  return { date, weekday: weekdayOf(date), calls, handled: [...calls], handleSeconds: calls.map((c) => c * aht), total: c18 + c19 };
}

describe('backtest baselines, by hand', () => {
  const target = '2026-11-30';
  const byDate = new Map(
    [day('2026-11-23', 10, 20, 200), day('2026-11-16', 14, 22, 300), day('2026-11-09', 6, 18, 300), day('2026-11-02', 18, 24, 300)].map((d) => [d.date, d]),
  );

  it('same weekday last week copies 2026-11-23 slot by slot', () => {
    const f = sameWeekdayLastWeek(byDate, target)!;
    expect([f.calls[18], f.calls[19], f.ahtSeconds[18]]).toEqual([10, 20, 200]);
  });

  it('the four-week mean averages the calls and pools the handle time', () => {
    const f = sameWeekdayFourWeekMean(byDate, target)!;
    // (10 + 14 + 6 + 18) / 4 = 12; (20 + 22 + 18 + 24) / 4 = 21.
    expect([f.calls[18], f.calls[19]]).toEqual([12, 21]);
    // Slot 18: (10 x 200 + 38 x 300) / 48 = 13400 / 48 = 279.1667 s.
    expect(f.ahtSeconds[18]).toBeCloseTo(279.1667, 3);
  });

  it('the four-week mean needs all four days', () => {
    const three = new Map([...byDate].filter(([d]) => d !== '2026-11-02'));
    expect(sameWeekdayFourWeekMean(three, target)).toBeNull();
  });

  it('WAPE is the sum of absolute errors over the sum of actuals', () => {
    const w = new Wape();
    // Forecast 12 and 21 against actuals 10 and 20: (2 + 1) / 30 = 0.1.
    w.add(12, 10);
    w.add(21, 20);
    expect(w.value()).toBeCloseTo(0.1, 12);
    expect(new Wape().value()).toBeNull();
  });
});

describe('backtest on a noise-free trending week', () => {
  const clock = new IntervalClock('Asia/Taipei', 30);
  const WEEK = [0, 1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0.4];
  const first = '2026-10-05';
  const total = (t: number) => (1000 + 5 * t) * WEEK[weekdayOf(addDays(first, t))];
  const history = Array.from({ length: 56 }, (_, t) => day(addDays(first, t), total(t) / 2, total(t) / 2, 300));

  it('scores the history method near 0 and last week by the trend it misses', () => {
    const r = backtest(history, '2026-11-09', '2026-11-29', clock, new SpecialCalendar([]));
    expect(r.days).toBe(21);
    const [h1, , lastWeek, fourWeeks] = r.scores;
    expect(h1.dayWape!).toBeLessThan(0.005);
    // Last week is short by 5 x 7 = 35 calls x the weekday factor each day: sum 35 S / sum (1000 + 5t) S.
    let err = 0;
    let act = 0;
    for (let t = 35; t < 56; t++) {
      err += 35 * WEEK[weekdayOf(addDays(first, t))];
      act += total(t);
    }
    expect(lastWeek.dayWape!).toBeCloseTo(err / act, 9);
    // The four-week mean lags by 5 x (7 + 14 + 21 + 28) / 4 = 87.5 calls x S.
    expect(fourWeeks.dayWape!).toBeCloseTo((err * 87.5) / 35 / act, 9);
  });
});

describe('the outlook band', () => {
  it('takes the k-th smallest and largest earlier ratio, k = floor(0.1 (n + 1))', () => {
    // 19 ratios 0.81 .. 0.99: k = floor(0.1 x 20) = 2, so 0.82 and 0.98, times a forecast of 1000.
    const ratios = Array.from({ length: 19 }, (_, i) => 0.81 + i / 100);
    const band = callsBand(1000, ratios, 0.8)!;
    expect(band.low).toBeCloseTo(820, 9);
    expect(band.high).toBeCloseTo(980, 9);
    // With 8 ratios, k = floor(0.9) = 0: no band can promise 80%.
    expect(callsBand(1000, ratios.slice(0, 8), 0.8)).toBeNull();
  });
});
