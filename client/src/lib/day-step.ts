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
