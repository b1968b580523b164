import type { IntervalClock } from '../intervals.ts';
import { SpecialCalendar, type SpecialDay } from './calendar.ts';
import { dailyActuals, daysBetween, slotsOf, slotsPerDay, weekdayOf, type DayActuals, type IntervalActual } from './daily-history.ts';
import { DEFAULT_GRID, fitDailyModel, ordinaryTotal, type DailyModel, type SmoothingGrid } from './daily-totals.ts';
import { dayProfile, PROFILE_DEFAULTS, type ProfileOptions } from './profiles.ts';

/** The method's settings: the smoothing grid of the daily model, the combination weight and the profile's. */
export interface ForecastOptions extends ProfileOptions {
  grid: SmoothingGrid;
  /** Weight of the trend-adjusted mean of the last four ordinary same weekdays in the day total (0..1). */
  recentWeekdayWeight: number;
}

export const FORECAST_DEFAULTS: ForecastOptions = { ...PROFILE_DEFAULTS, grid: DEFAULT_GRID, recentWeekdayWeight: 0.5 };

/** One interval of a forecast. */
export interface ForecastedInterval {
  /** Epoch ms of the interval start. */
  start: number;
  calls: number;
  ahtSeconds: number;
}

/** A day's forecast from history, with what it was made of (for the analyst and the docs). */
export interface HistoryForecast {
  date: string;
  weekday: number;
  special: SpecialDay | null;
  /** Calls of the whole day (the sum of its intervals; a 25-hour day has an hour more). */
  dayCalls: number;
  /** What an ordinary 24-hour day of this weekday would get. */
  ordinaryDayCalls: number;
  /** The factor applied for a special day (1 on an ordinary day). */
  specialFactor: number;
  /** Days ahead of the last day of history used (1 = the next day). */
  horizonDays: number;
  model: Pick<DailyModel, 'alpha' | 'beta' | 'gamma' | 'level' | 'trend' | 'season' | 'rmse'>;
  intervals: ForecastedInterval[];
}

/**
 * Calls and AHT per interval for local `date` (YYYY-MM-DD) from the days of `history` before
 * it (and before `asOf` when given, so a day still under way is left out). Daily total:
 * Holt-Winters with weekday season (`fitDailyModel`) combined with the recent same-weekday
 * mean (`combinedTotal`); shape and AHT: recent weekday profile
 * (`dayProfile`); special days: the analyst's factor, else the mean ratio of past days of the
 * kind to their ordinary forecast, else (a holiday never seen) a Sunday's volume and shape.
 * Null when the history spans under four weeks.
 */
export function forecastDay(history: readonly DayActuals[], date: string, clock: IntervalClock, calendar: SpecialCalendar, asOf: string = date, options: ForecastOptions = FORECAST_DEFAULTS): HistoryForecast | null {
  const cut = asOf < date ? asOf : date;
  const past = history.filter((d) => d.date < cut);
  const model = fitDailyModel(past, calendar, options.grid);
  const day = clock.dayOfDate(date);
  if (!model || !day) return null;
  const weekday = weekdayOf(date);
  const special = calendar.on(date);
  const slots = slotsPerDay(clock.intervalMinutes);
  let factor = 1;
  let profile = dayProfile(past, weekday, special?.kind ?? null, calendar, slots, options);
  if (special) {
    const seen = model.specialRatios[special.kind];
    if (special.factor !== undefined) factor = special.factor;
    else if (seen.length) factor = seen.reduce((a, b) => a + b, 0) / seen.length;
    else if (special.kind === 'holiday') {
      factor = model.season[7] / model.season[weekday];
      profile = dayProfile(past, 7, null, calendar, slots, options);
    }
  }
  if (!profile) return null;
  const ordinary = combinedTotal(model, past, date, weekday, calendar, options.recentWeekdayWeight);
  const total = ordinary * factor;
  const daySlots = slotsOf(clock, day);
  const intervals = day.starts.map((start, i) => ({ start, calls: total * profile.shares[daySlots[i]], ahtSeconds: profile.ahtSeconds[daySlots[i]] }));
  const { alpha, beta, gamma, level, trend, season, rmse } = model;
  return {
    date,
    weekday,
    special,
    dayCalls: intervals.reduce((n, iv) => n + iv.calls, 0),
    ordinaryDayCalls: ordinary,
    specialFactor: factor,
    horizonDays: Math.round((day.start - (clock.dayOfDate(model.lastDate)?.start ?? day.start)) / 86_400_000),
    model: { alpha, beta, gamma, level, trend, season, rmse },
    intervals,
  };
}

/**
 * An ordinary day's total: Holt-Winters combined with the mean of the last four ordinary days
 * of the same weekday, moved along the model's trend to the target date. A combination of two
 * sound forecasts has less variance than either (the backtest: mean day WAPE 5.6% against
 * 5.7% for Holt-Winters alone over 48 runs); with fewer than four such days, Holt-Winters alone.
 */
function combinedTotal(model: DailyModel, past: readonly DayActuals[], date: string, weekday: number, calendar: SpecialCalendar, weight: number): number {
  const hw = ordinaryTotal(model, date);
  const recent = past.filter((d) => d.weekday === weekday && calendar.on(d.date) === null).slice(-4);
  if (recent.length < 4 || weight <= 0) return hw;
  const lag = recent.reduce((n, d) => n + daysBetween(d.date, date), 0) / 4;
  const mean = recent.reduce((n, d) => n + d.total, 0) / 4 + model.trend * lag * model.season[weekday];
  return (1 - weight) * hw + weight * Math.max(0, mean);
}

/**
 * The forecast for `date` straight from a queue's interval history (rollups of the store),
 * with the special days that apply to `queueId`. See `forecastDay`.
 */
export function forecastFromHistory(rows: readonly IntervalActual[], date: string, clock: IntervalClock, specialDays: readonly SpecialDay[], queueId?: string, asOf?: string): HistoryForecast | null {
  return forecastDay(dailyActuals(rows, clock), date, clock, new SpecialCalendar(specialDays, queueId), asOf);
}

export type { DayActuals };
