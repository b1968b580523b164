import type { Locale } from './message.ts';

/**
 * Locale-aware formatting with Intl, pure: the locale (and the centre's time zone where a
 * moment is shown) is passed in. `client/src/lib/format.ts` binds them to the current locale.
 * A missing value is shown as an en dash in every locale.
 */

export const NONE = '–';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, o: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(o)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, o)));
  return f as Intl.NumberFormat;
}
function dateFormat(locale: Locale, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(o)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, o)));
  return f as Intl.DateTimeFormat;
}

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

/** U+2212, the typographic minus: a hyphen reads as a dash on a TV across the room. */
export const MINUS = '\u2212';

/** Formats with `f`, any minus sign the locale writes (a hyphen-minus in en and zh-TW) as U+2212. */
function withMinus(f: Intl.NumberFormat, v: number): string {
  return f
    .formatToParts(v)
    .map((p) => (p.type === 'minusSign' ? MINUS : p.value))
    .join('');
}

/** A ratio (0.8123) as a percentage with `digits` decimals ("81%", "81.2%", "−5%" with U+2212; one that rounds to zero has no sign). */
export function formatPercent(locale: Locale, ratio: number | null | undefined, digits = 0): string {
  if (missing(ratio)) return NONE;
  return withMinus(numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }), ratio);
}

/** A number with exactly `digits` decimals and the locale's grouping ("1,234.5", "−3" with U+2212; "0.0", not "−0.0", for −0.01). */
export function formatNumber(locale: Locale, v: number | null | undefined, digits = 0): string {
  if (missing(v)) return NONE;
  return withMinus(numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }), v);
}

/** Like formatNumber, with a sign on both sides of zero ("+2.0", "−1.5" with U+2212, "0.0"). */
export function formatSigned(locale: Locale, v: number | null | undefined, digits = 0): string {
  if (missing(v)) return NONE;
  return withMinus(numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }), v);
}

/** Seconds as a clock duration: "m:ss" under an hour, "h:mm:ss" from an hour (the same in every locale). */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds)) return NONE;
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds under a minute with the locale's unit ("23s", "23 秒"); from a minute as formatDuration. */
export function formatSeconds(locale: Locale, seconds: number | null | undefined): string {
  if (missing(seconds)) return NONE;
  if (seconds >= 60) return formatDuration(seconds);
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 0 }).format(Math.round(seconds));
}

/** Whole minutes with the locale's unit ("5 min", "5 分鐘"). */
export function formatMinutes(locale: Locale, minutes: number): string {
  return numberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 }).format(Math.round(minutes));
}

/** A set length of time (seconds) as people say it: under a minute in seconds, whole minutes in minutes ("1 min", "2 分鐘"), else m:ss. */
export function formatSpan(locale: Locale, seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? formatMinutes(locale, seconds / 60) : formatSeconds(locale, seconds);
}

/** A response target (seconds) of deferred work: whole hours in hours ("24 hr", "24 小時"), else as formatSpan. */
export function formatTarget(locale: Locale, seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 0 }).format(seconds / 3600);
  return formatSpan(locale, seconds);
}

/**
 * A client report total's ASA target (seconds), pooled over its queues (`shared` when they share
 * one): a shared one as those queues write theirs (a deferred total's as `formatTarget`, "24 hr",
 * beside its rows' "answer within 24 hr"; else as `formatSpan`); a call-weighted one to a tenth
 * ("27.5s": rounded to "28s" it read as the very figure of a total of 27.6 s it misses), in hours
 * for a deferred total of an hour or more, m:ss from a minute.
 */
export function formatAsaTarget(locale: Locale, seconds: number, shared: boolean, deferred: boolean): string {
  if (shared) return deferred ? formatTarget(locale, seconds) : formatSpan(locale, seconds);
  if (deferred && seconds >= 3600) return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }).format(seconds / 3600);
  if (seconds >= 60) return formatSeconds(locale, seconds);
  return numberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(seconds);
}

/** Clock time of an epoch ms (ms) in a time zone, 24-hour ("14:30", "14:30:05"). */
export function formatClock(locale: Locale, ms: number, timeZone: string, withSeconds = false): string {
  return dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23' }).format(ms);
}

/**
 * A moment (epoch ms) as date and 24-hour clock time in a time zone ("Nov 20, 2026, 14:05:09",
 * "2026年11月20日 14:05:09"): the date as formatDate writes it, the time as formatClock, never "2:05:09 PM".
 */
export function formatDateTime(locale: Locale, ms: number, timeZone: string): string {
  return dateFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** A calendar date "YYYY-MM-DD" (a local date of the centre, no zone) in the locale's words ("Nov 20, 2026", "2026年11月20日"). */
export function formatDate(locale: Locale, isoDate: string): string {
  return calendarDate(locale, isoDate, { dateStyle: 'medium' });
}

/** A calendar date "YYYY-MM-DD" with its weekday, in the locale's words ("Fri, Nov 20, 2026", "2026年11月20日週五"). */
export function formatWeekdayDate(locale: Locale, isoDate: string): string {
  return calendarDate(locale, isoDate, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

/** A date with no zone, written at UTC midnight in UTC so no zone moves it a day; anything not "YYYY-MM-DD" as it is. */
function calendarDate(locale: Locale, isoDate: string, o: Intl.DateTimeFormatOptions): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return dateFormat(locale, { timeZone: 'UTC', ...o }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The long name of a time zone at a moment (ms) in the locale ("Taipei Standard Time", "台北標準時間"); the IANA id if Intl has none. */
export function formatZoneName(locale: Locale, timeZone: string, ms: number): string {
  try {
    return dateFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
