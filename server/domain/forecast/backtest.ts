import type { IntervalClock } from '../intervals.ts';
import { sameWeekdayFourWeekMean, sameWeekdayLastWeek, Wape, type SlotForecast } from './baselines.ts';
import type { SpecialCalendar } from './calendar.ts';
import { addDays, type DayActuals } from './daily-history.ts';
import { onSlots } from './error-paths.ts';
import { FORECAST_DEFAULTS, forecastDay, type ForecastOptions } from './history-forecast.ts';
import { callsBand } from './outlook-band.ts';

export const METHODS = ['history, 1 day ahead', 'history, 2 days ahead', 'same weekday last week', 'same weekday, 4-week mean'] as const;
export type Method = (typeof METHODS)[number];

export interface MethodScore {
  method: Method;
  /** WAPE of calls per interval, of calls per day, and of AHT per interval weighted by handled calls (0.1 = 10%). */
  intervalWape: number | null;
  dayWape: number | null;
  ahtWape: number | null;
}

/** How often the day's actual calls fell inside the band made from earlier days' errors. */
export interface BandCheck {
  /** Nominal coverage, 0.8 for the 10th to 90th percentile. */
  level: number;
  horizonDays: number;
  held: number;
  days: number;
}

export interface BacktestResult {
  /** Days scored: every method had a forecast and the day had actuals. */
  days: number;
  skipped: string[];
  scores: MethodScore[];
  bands: BandCheck[];
  /** Actual / forecast of day totals by horizon (1, 2 days), in date order: the outlook's raw material. */
  dayRatios: Record<number, number[]>;
}

/** Days of earlier errors a band needs before it is checked. */
const MIN_RESIDUALS = 10;

/**
 * Rolls through local dates from..to (inclusive), forecasting each from the days before it
 * only (and, 2 days ahead, from the days before the day before), and scores it with the two
 * baselines on the wall-clock grid. An 80% band for the day's calls (`callsBand` from the
 * earlier days' actual/forecast ratios) is checked on each day that has enough of them.
 */
export function backtest(history: readonly DayActuals[], from: string, to: string, clock: IntervalClock, calendar: SpecialCalendar, options: ForecastOptions = FORECAST_DEFAULTS): BacktestResult {
  const byDate = new Map(history.map((d) => [d.date, d]));
  const wapes = METHODS.map(() => ({ interval: new Wape(), day: new Wape(), aht: new Wape() }));
  const dayRatios: Record<number, number[]> = { 1: [], 2: [] };
  const bands: BandCheck[] = [1, 2].map((h) => ({ level: 0.8, horizonDays: h, held: 0, days: 0 }));
  const skipped: string[] = [];
  let days = 0;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const actual = byDate.get(date);
    const h1 = forecastDay(history, date, clock, calendar, date, options);
    const h2 = forecastDay(history, date, clock, calendar, addDays(date, -1), options);
    const forecasts = [h1 && onSlots(h1, clock), h2 && onSlots(h2, clock), sameWeekdayLastWeek(byDate, date), sameWeekdayFourWeekMean(byDate, date)];
    if (!actual || forecasts.some((f) => !f)) {
      skipped.push(date);
      continue;
    }
    days++;
    forecasts.forEach((f, m) => score(f!, actual, wapes[m]));
    [h1!, h2!].forEach((f, i) => {
      const h = i + 1;
      const earlier = dayRatios[h];
      const band = earlier.length >= MIN_RESIDUALS ? callsBand(f.dayCalls, earlier, 0.8) : null;
      if (band) {
        bands[i].days++;
        if (actual.total >= band.low && actual.total <= band.high) bands[i].held++;
      }
      if (f.dayCalls > 0) earlier.push(actual.total / f.dayCalls);
    });
  }
  const scores = METHODS.map((method, m) => ({ method, intervalWape: wapes[m].interval.value(), dayWape: wapes[m].day.value(), ahtWape: wapes[m].aht.value() }));
  return { days, skipped, scores, bands, dayRatios };
}

function score(f: SlotForecast, a: DayActuals, w: { interval: Wape; day: Wape; aht: Wape }): void {
  let fDay = 0;
  for (let k = 0; k < a.calls.length; k++) {
    w.interval.add(f.calls[k], a.calls[k]);
    fDay += f.calls[k];
    // AHT errors weigh by the calls handled: a slot of 40 calls matters more than one of 2.
    if (a.handled[k] > 0) w.aht.add(f.ahtSeconds[k], a.handleSeconds[k] / a.handled[k], a.handled[k]);
  }
  w.day.add(fDay, a.total);
}
