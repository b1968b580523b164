import { addDays, dailyActuals } from '../domain/forecast/daily-history.ts';
import { SpecialCalendar } from '../domain/forecast/calendar.ts';
import { errorPaths, type ErrorPath } from '../domain/forecast/error-paths.ts';
import { forecastFromHistory, type HistoryForecast } from '../domain/forecast/history-forecast.ts';
import type { SpecialDay } from '../domain/forecast/calendar.ts';
import type { IntervalClock } from '../domain/intervals.ts';
import type { HistoryStore } from './types.ts';

/** Days of history read for a forecast: enough for the model (it needs 28) and the profiles. */
const LOOKBACK_DAYS = 16 * 7;

/**
 * The forecast of one queue for local `date` from the store: reads the last 16 weeks before
 * `asOf` (default `date`; pass today's date so today's unfinished day is left out) and runs
 * `forecastFromHistory`. Null with under four weeks of history.
 */
export async function forecastQueue(store: HistoryStore, tenant: string, queueId: string, date: string, clock: IntervalClock, specialDays: readonly SpecialDay[], asOf: string = date): Promise<HistoryForecast | null> {
  const cut = asOf < date ? asOf : date;
  const from = clock.dayOfDate(addDays(cut, -LOOKBACK_DAYS));
  const to = clock.dayOfDate(cut);
  if (!from || !to) return null;
  const rows = await store.queueIntervals(tenant, queueId, from.start, to.start);
  return forecastFromHistory(rows, date, clock, specialDays, queueId, cut);
}

/** Past days the rest-of-day outlook takes as scenarios (four of each weekday). */
export const OUTLOOK_DAYS = 28;

/**
 * The outlook's error paths of one queue before local `date`: the last OUTLOOK_DAYS days, each
 * forecast one day ahead from the days before it, next to its actuals (reads 16 + 4 weeks).
 */
export async function queueErrorPaths(store: HistoryStore, tenant: string, queueId: string, date: string, clock: IntervalClock, specialDays: readonly SpecialDay[]): Promise<ErrorPath[]> {
  const from = clock.dayOfDate(addDays(date, -LOOKBACK_DAYS - OUTLOOK_DAYS));
  const to = clock.dayOfDate(date);
  if (!from || !to) return [];
  const rows = await store.queueIntervals(tenant, queueId, from.start, to.start);
  return errorPaths(dailyActuals(rows, clock), date, clock, new SpecialCalendar(specialDays, queueId), OUTLOOK_DAYS);
}
