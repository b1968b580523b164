import type { IntradayRow, IntradayView } from '../../../server/protocol/intraday.ts';

/** Every column the intraday table can show, in order (i18n keys `intraday.col.*`, the band `outlook.col.requiredBand`). */
export const INTRADAY_COLUMNS = ['interval', 'forecastCalls', 'actualCalls', 'reforecastCalls', 'forecastAht', 'actualAht', 'reforecastAht', 'required', 'requiredBand', 'scheduled', 'whatIf', 'loggedIn', 'net', 'slActual', 'slProjected', 'asaProjected', 'abandonProjected'] as const;

export type IntradayColumn = (typeof INTRADAY_COLUMNS)[number];

/** Whether a row carries the outlook's band of required agents. */
export function hasBand(r: IntradayRow): boolean {
  return r.requiredLow !== undefined && r.requiredLow !== null;
}

/** The columns to show: the outlook's band only when some row has one (a column empty all day is noise). */
export function intradayColumns(rows: readonly IntradayRow[]): IntradayColumn[] {
  return rows.some(hasBand) ? [...INTRADAY_COLUMNS] : INTRADAY_COLUMNS.filter((c) => c !== 'requiredBand');
}

/**
 * Why the view has no rest-of-day outlook, as an i18n key for the line where it would be; null
 * when it has one, or has no forecast (the page already says so, and that is the reason).
 */
export function outlookAbsence(view: Pick<IntradayView, 'outlook' | 'outlookPending' | 'outlookBeyondLimits' | 'hasForecast' | 'rows'>): 'outlook.pending' | 'outlook.none' | 'outlook.todayOnly' | 'outlook.beyondLimits' | null {
  if (view.outlook || !view.hasForecast) return null;
  if (view.outlookBeyondLimits) return 'outlook.beyondLimits';
  if (!view.rows.some((r) => r.current)) return 'outlook.todayOnly';
  return view.outlookPending ? 'outlook.pending' : 'outlook.none';
}
