/**
 * Calendar steps on local dates as the server names them (YYYY-MM-DD). Pure date arithmetic
 * in UTC, so a daylight-saving change in the browser's or the centre's zone never skips a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date `days` days after `date` (negative: before); null when `date` is not YYYY-MM-DD. */
export function shiftDate(date: string, days: number): string | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** What one step of the picker moves: a day, a week, or a calendar month. */
export type StepUnit = 'day' | 'week' | 'month';

/**
 * The local date `steps` units after `date` (negative: before). A month keeps the day of the
 * month where it can and otherwise takes the month's last (2026-01-31 + 1 month = 2026-02-28),
 * so a monthly report steps to the next month, never over it. Null when `date` is not YYYY-MM-DD.
 */
export function shiftBy(date: string, steps: number, unit: StepUnit): string | null {
  if (unit !== 'month') return shiftDate(date, unit === 'week' ? steps * 7 : steps);
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const month = Number(m[2]) - 1 + steps;
  const lastDay = new Date(Date.UTC(Number(m[1]), month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(Number(m[1]), month, Math.min(Number(m[3]), lastDay))).toISOString().slice(0, 10);
}
