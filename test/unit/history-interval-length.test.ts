import { describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { addDays, dailyActuals, type IntervalActual } from '../../server/domain/forecast/daily-history.ts';
import { forecastFromHistory } from '../../server/domain/forecast/history-forecast.ts';

/**
 * History rows recorded at another interval length than the centre's (it changed
 * INTERVAL_MINUTES, or imported another system's actuals), read on the centre's grid.
 */

const MIN = 60_000;

/** A row of `minutes` at `start`: `calls` offered, `handled` of them handled in `handleSeconds` (talk 80%, hold 10%, after-call work 10%). */
function row(start: number, minutes: number, calls: number, handled = calls, handleSeconds = 300 * handled, extra: Partial<IntervalActual> = {}): IntervalActual {
  return { intervalStart: start, intervalMinutes: minutes, offered: calls, handled, talkSeconds: 0.8 * handleSeconds, holdSeconds: 0.1 * handleSeconds, acwSeconds: 0.1 * handleSeconds, ...extra };
}

const at = (iso: string) => Date.parse(iso);

describe('history rows of another interval length, laid on the clock grid', () => {
  const q15 = new IntervalClock('Asia/Taipei', 15);
  const q30 = new IntervalClock('Asia/Taipei', 30);

  it('spreads a half-hour row evenly over its two quarter-hours, counts, handle time and service counts alike', () => {
    // 7 calls, 6 handled in 1800 s (AHT 300), 5 in threshold, 1 abandoned (not short), 3 agents staffed.
    const r = row(at('2026-11-02T09:00:00+08:00'), 30, 7, 6, 1800, { answered: 6, abandoned: 1, shortAbandoned: 0, answeredInSL: 5, staffedAgents: 3 });
    const [day] = dailyActuals([r], q15);
    // 09:00 is quarter-hour 36: 3.5 calls in each of 36 and 37, the day's 7 kept.
    expect(day.calls.slice(35, 39)).toEqual([0, 3.5, 3.5, 0]);
    expect(day.total).toBe(7);
    // 3 handled and 900 s in each: AHT 300 s in both, as in the row.
    expect([day.handled[36], day.handled[37], day.handleSeconds[36], day.handleSeconds[37]]).toEqual([3, 3, 900, 900]);
    // Counts split (2.5 in threshold of 3.5 = (6 answered + 1 abandoned) / 2); staff is a level: 3 agents in each quarter.
    expect([day.service!.inSl[36], day.service!.inSl[37], day.service!.denominator[36], day.service!.denominator[37]]).toEqual([2.5, 2.5, 3.5, 3.5]);
    expect([day.service!.staff[36], day.service!.staff[37]]).toEqual([3, 3]);
  });

  it('adds two quarter-hour rows into their half-hour: AHT from summed seconds and handled calls, staff their mean', () => {
    const rows = [
      row(at('2026-11-02T09:00:00+08:00'), 15, 10, 10, 1200, { answered: 10, abandoned: 0, shortAbandoned: 0, answeredInSL: 9, staffedAgents: 2 }),
      row(at('2026-11-02T09:15:00+08:00'), 15, 30, 30, 10_800, { answered: 30, abandoned: 0, shortAbandoned: 0, answeredInSL: 21, staffedAgents: 4 }),
    ];
    const [day] = dailyActuals(rows, q30);
    // Half-hour 18 (09:00): 40 calls, 40 handled in 1200 + 10800 = 12000 s: AHT 300 s, not the
    // mean of the quarters' 120 s and 360 s (240 s).
    expect([day.calls[18], day.handled[18], day.handleSeconds[18], day.calls[19]]).toEqual([40, 40, 12_000, 0]);
    expect(day.handleSeconds[18] / day.handled[18]).toBe(300);
    // 2 agents for one quarter and 4 for the other: 3 over the half-hour.
    expect([day.service!.inSl[18], day.service!.denominator[18], day.service!.staff[18]]).toEqual([30, 40, 3]);
  });

  it('drops a quarter-hour row inside a longer row: the half-hour row replaced its first quarter and holds its calls', () => {
    // The day a centre went from 15 to 30 minutes: 09:00 was written again as a half-hour (10
    // calls), and the 09:15 quarter-hour row (4) is a leftover.
    const rows = [row(at('2026-11-02T09:00:00+08:00'), 30, 10), row(at('2026-11-02T09:15:00+08:00'), 15, 4)];
    expect(dailyActuals(rows, q30)[0].calls[18]).toBe(10);
    expect(dailyActuals(rows, q15)[0].calls.slice(36, 38)).toEqual([5, 5]);
  });

  describe('on daylight-saving days in Europe/London', () => {
    const l15 = new IntervalClock('Europe/London', 15);
    const l30 = new IntervalClock('Europe/London', 30);

    it('autumn 2026-10-25 (100 quarter-hours): both 01:00 half-hours split into the repeated quarter-hours 01:00 and 01:15', () => {
      const rows = [row(at('2026-10-25T01:00:00+01:00'), 30, 8), row(at('2026-10-25T01:00:00+00:00'), 30, 4), row(at('2026-10-25T09:30:00+00:00'), 30, 6)];
      const [day] = dailyActuals(rows, l15);
      // Slot 4 (01:00) gets 8/2 + 4/2 = 6, slot 5 (01:15) as much; 09:30 is slot 38.
      expect(day.calls.slice(3, 8)).toEqual([0, 6, 6, 0, 0]);
      expect(day.calls.slice(38, 40)).toEqual([3, 3]);
      expect(day.total).toBe(18);
    });

    it('spring 2026-03-29 (92 quarter-hours, 46 half-hours): quarter-hours after the skipped hour add up into their half-hours', () => {
      const rows = [row(at('2026-03-29T00:45:00+00:00'), 15, 3), row(at('2026-03-29T02:00:00+01:00'), 15, 5), row(at('2026-03-29T02:15:00+01:00'), 15, 7)];
      const [day] = dailyActuals(rows, l30);
      // 00:45 is in half-hour 1; 02:00 and 02:15 (the first local times after 01:00 GMT) in half-hour 4; 01:00-02:00 (2, 3) never existed.
      expect(day.calls.slice(0, 6)).toEqual([0, 3, 0, 0, 12, 0]);
    });
  });
});

describe('forecasts from history of another interval length', () => {
  const q15 = new IntervalClock('Asia/Taipei', 15);
  const q30 = new IntervalClock('Asia/Taipei', 30);
  // 28 days before Monday 2026-11-02, no special days: every day the same 100 calls, so the day
  // total is 100 and the shape is each slot's share, worked out below.
  const FIRST = '2026-10-05';

  /** The 09:00-10:00 hour of a day in half-hours: 40 calls at 300 s, then 60 at 300 s. */
  const halfHours = (date: string): IntervalActual[] => [row(at(`${date}T09:00:00+08:00`), 30, 40), row(at(`${date}T09:30:00+08:00`), 30, 60)];
  /** The same hour in quarter-hours: 10 at 120 s, 30 at 360 s, 30 and 30 at 300 s (the half-hours' 40 at 300 s and 60 at 300 s). */
  const quarterHours = (date: string): IntervalActual[] => [
    row(at(`${date}T09:00:00+08:00`), 15, 10, 10, 1200),
    row(at(`${date}T09:15:00+08:00`), 15, 30, 30, 10_800),
    row(at(`${date}T09:30:00+08:00`), 15, 30),
    row(at(`${date}T09:45:00+08:00`), 15, 30),
  ];
  const history = (dayRows: (date: string, i: number) => IntervalActual[]) => Array.from({ length: 28 }, (_, i) => dayRows(addDays(FIRST, i), i)).flat();
  const byTime = (clock: IntervalClock, f: NonNullable<ReturnType<typeof forecastFromHistory>>) => new Map(f.intervals.map((iv) => [clock.iso(iv.start).slice(11, 16), iv]));
  const callsAt = (iv: Map<string, { calls: number }>, times: string[]) => times.map((t) => +iv.get(t)!.calls.toFixed(9));

  it('forecasts quarter-hours from half-hour history: each half-hour split evenly, the day kept', () => {
    const f = forecastFromHistory(history(halfHours), '2026-11-02', q15, [])!;
    const iv = byTime(q15, f);
    expect(f.intervals).toHaveLength(96);
    expect(f.dayCalls).toBeCloseTo(100, 9);
    // 40 / 2 and 60 / 2; before, 09:15 and 09:45 were forecast 0 and 09:00, 09:30 got 40 and 60.
    expect(callsAt(iv, ['09:00', '09:15', '09:30', '09:45', '10:00'])).toEqual([20, 20, 30, 30, 0]);
    // Every call took 300 s, so every slot's AHT is 300 s, the shrinkage's priors included.
    expect(iv.get('09:15')!.ahtSeconds).toBeCloseTo(300, 9);
  });

  it('forecasts half-hours from quarter-hour history: pairs summed, AHT from summed handle time', () => {
    const f = forecastFromHistory(history(quarterHours), '2026-11-02', q30, [])!;
    const iv = byTime(q30, f);
    expect(f.intervals).toHaveLength(48);
    expect(callsAt(iv, ['09:00', '09:30'])).toEqual([40, 60]);
    // 09:00: (1200 + 10800) s / 40 handled = 300 s (the quarters' AHTs averaged would give 240 s).
    expect(iv.get('09:00')!.ahtSeconds).toBeCloseTo(300, 9);
  });

  describe('a pool of both: half-hours 2026-10-05..18, quarter-hours 2026-10-19..11-01', () => {
    const mixed = history((date, i) => (i < 14 ? halfHours(date) : quarterHours(date)));

    it('forecasts quarter-hours with the half-hour days split evenly inside the blended shape', () => {
      const f = forecastFromHistory(mixed, '2026-11-02', q15, [])!;
      const iv = byTime(q15, f);
      expect(f.dayCalls).toBeCloseTo(100, 9);
      // Shape = 1/2 Mondays' shape (10-26, 10-19, 10-12, 10-05 weighted 4:3:2:1) + 1/2 the 28 days'.
      // 09:00: Mondays (4·10 + 3·10 + 2·20 + 1·20) / (10·100) = 0.13; 28 days (14·20 + 14·10) / 2800 = 0.15.
      // 09:15: Mondays (4·30 + 3·30 + 2·20 + 1·20) / 1000 = 0.27; 28 days (14·20 + 14·30) / 2800 = 0.25.
      // 09:30 and 09:45: 30 on every day, 0.30.
      expect(callsAt(iv, ['09:00', '09:15', '09:30', '09:45'])).toEqual([14, 26, 30, 30]);
      // AHT of 09:00, handled calls and handle seconds summed, never AHTs averaged. Mondays weighted
      // 4:3:2:1 rescaled to sum to 4 (1.6, 1.2, 0.8, 0.4): handled 1.6·10 + 1.2·10 + 0.8·20 + 0.4·20 = 52,
      // seconds 1.6·1200 + 1.2·1200 + 0.8·6000 + 0.4·6000 = 10560. 28 days: 14·20 + 14·10 = 420 handled
      // in 14·6000 + 14·1200 = 100800 s; the day's AHT is 300 s on every day (30000 s / 100).
      // Slot prior (100800 + 20·300) / (420 + 20) = 2670/11 s; AHT (10560 + 20·2670/11) / (52 + 20) = 2355/11 s.
      expect(iv.get('09:00')!.ahtSeconds).toBeCloseTo(2355 / 11, 9);
    });

    it('forecasts half-hours with the quarter-hour days added up, AHT 300 s throughout', () => {
      const f = forecastFromHistory(mixed, '2026-11-02', q30, [])!;
      const iv = byTime(q30, f);
      expect(callsAt(iv, ['09:00', '09:30'])).toEqual([40, 60]);
      expect(iv.get('09:00')!.ahtSeconds).toBeCloseTo(300, 9);
    });
  });

  describe('daylight-saving days in Europe/London', () => {
    const l15 = new IntervalClock('Europe/London', 15);
    const l30 = new IntervalClock('Europe/London', 30);
    /** Every local day from `first`, `calls` in each interval of `minutes` of the day, real time. */
    const flat = (clock: IntervalClock, first: string, days: number, minutes: number, calls: number) =>
      Array.from({ length: days }, (_, i) => {
        const day = clock.dayOfDate(addDays(first, i))!;
        const out: IntervalActual[] = [];
        for (let t = day.start; t < day.end; t += minutes * MIN) out.push(row(t, minutes, calls));
        return out;
      }).flat();

    it('forecasts the autumn day 2026-10-25 in 100 quarter-hours of 2 calls from half-hours of 4', () => {
      // 28 ordinary days 09-27..10-24 of 48 half-hours x 4 = 192 calls: each quarter-hour slot 192/96 = 2,
      // and the day's repeated hour 01:00-02:00 is forecast twice: 100 x 2 = 200.
      const f = forecastFromHistory(flat(l15, '2026-09-27', 28, 30, 4), '2026-10-25', l15, [])!;
      expect(f.intervals).toHaveLength(100);
      for (const iv of f.intervals) expect(iv.calls).toBeCloseTo(2, 9);
      expect(f.dayCalls).toBeCloseTo(200, 9);
    });

    it('forecasts the spring day 2026-03-29 in 46 half-hours of 2 calls from quarter-hours of 1', () => {
      // 28 days 03-01..03-28 of 96 quarter-hours x 1: each half-hour 96/48 = 2; 46 of them on the day.
      const f = forecastFromHistory(flat(l30, '2026-03-01', 28, 15, 1), '2026-03-29', l30, [])!;
      expect(f.intervals).toHaveLength(46);
      for (const iv of f.intervals) expect(iv.calls).toBeCloseTo(2, 9);
      expect(f.dayCalls).toBeCloseTo(92, 9);
    });

    it('learns from a history that holds the autumn day in half-hours, forecasting quarter-hours the week after', () => {
      // 09-27..11-07 in half-hours of 4; 10-25 has 50 of them (200 calls), the others 48 (192).
      // Sunday 11-08: shares from the Sundays 11-01, 10-25, 10-18, 10-11 (4:3:2:1, 1944 calls
      // weighted) blended half and half with the 28 days 10-11..11-07 (27·192 + 200 = 5384 calls).
      // 00:30 (slot 2): 2 a day everywhere: (4+3+2+1)·2 = 20 and 28·2 = 56.
      // 01:00 (slot 4): 10-25 had both 01:00 half-hours, 4 in the quarter: 4·2 + 3·4 + 2·2 + 2 = 26 and 27·2 + 4 = 58.
      const f = forecastFromHistory(flat(l15, '2026-09-27', 42, 30, 4), '2026-11-08', l15, [])!;
      expect(f.intervals).toHaveLength(96);
      const calls = f.intervals.map((iv) => iv.calls);
      // Quarter-hours of one half-hour are always equal: nothing in half-hour history tells them apart.
      for (let k = 0; k < 96; k += 2) expect(calls[k]).toBeCloseTo(calls[k + 1], 9);
      expect(calls[4] / calls[2]).toBeCloseTo((26 / 1944 + 58 / 5384) / (20 / 1944 + 56 / 5384), 9);
      expect(calls[2]).toBeCloseTo(calls[40], 9);
    });
  });
});
