import type { IntervalClock } from '../intervals.ts';
import type { SpecialCalendar } from './calendar.ts';
import { addDays, slotsOf, type DayActuals } from './daily-history.ts';
import { FORECAST_DEFAULTS, forecastDay, type ForecastOptions, type HistoryForecast } from './history-forecast.ts';
import type { SlotForecast } from './baselines.ts';

/**
 * One past day as the forecast saw it the day before and as it happened, on the wall-clock
 * grid (slot k = local time k x interval length): the raw material of the rest-of-day outlook.
 */
export interface ErrorPath {
  date: string;
  forecast: SlotForecast;
  actual: DayActuals;
}

/** A forecast's intervals summed onto the wall-clock slots (a DST day's repeated hour adds up). */
export function onSlots(f: HistoryForecast, clock: IntervalClock): SlotForecast {
  const day = clock.dayOfDate(f.date)!;
  const slots = slotsOf(clock, day);
  const n = 1440 / clock.intervalMinutes;
  const calls = new Array(n).fill(0);
  const aht = new Array(n).fill(0);
  f.intervals.forEach((iv, i) => {
    calls[slots[i]] += iv.calls;
    aht[slots[i]] = iv.ahtSeconds;
  });
  return { calls, ahtSeconds: aht };
}

/**
 * The error paths of up to `maxDays` days before local date `before` (YYYY-MM-DD), newest
 * last: each day forecast one day ahead from the days before it only, next to its actuals.
 * Days without actuals or without a forecast (under four weeks of history) are left out.
 */
export function errorPaths(history: readonly DayActuals[], before: string, clock: IntervalClock, calendar: SpecialCalendar, maxDays = 28, options: ForecastOptions = FORECAST_DEFAULTS): ErrorPath[] {
  const byDate = new Map(history.map((d) => [d.date, d]));
  const out: ErrorPath[] = [];
  for (let i = maxDays; i >= 1; i--) {
    const date = addDays(before, -i);
    const actual = byDate.get(date);
    if (!actual) continue;
    const f = forecastDay(history, date, clock, calendar, date, options);
    if (f) out.push({ date, forecast: onSlots(f, clock), actual });
  }
  return out;
}
