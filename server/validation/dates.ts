import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import { quote } from './quote.ts';

/**
 * The dates a request may name (YYYY-MM-DD, compared as text): the years events may carry
 * (MIN_TS..MAX_TS). Past them a period's dates broke (9999-12-31's week was a 500, 0000-01-01's
 * day before was 1899-12-31), and 1970-01-01 only ever answered an empty day as if it were one.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2099-12-31';

/**
 * The local day of `raw` when it is a date YYYY-MM-DD from FIRST_DATE to LAST_DATE, else what is
 * wrong with it, to follow the name of the field ("date: " + it): the one check of every date a request names.
 */
export function localDay(clock: Pick<IntervalClock, 'dayOfDate'>, raw: string): LocalDay | string {
  const day = clock.dayOfDate(raw);
  if (!day) return `${quote(raw)} is not a date of the form YYYY-MM-DD`;
  if (raw < FIRST_DATE || raw > LAST_DATE) return `${quote(raw)} is not between ${FIRST_DATE} and ${LAST_DATE}`;
  return day;
}
