/**
 * Display helpers: every number on screen goes through one of these. They format for the
 * current locale (see ./i18n), so a component showing them re-renders when the locale changes.
 */
import { locale } from './i18n/locale.svelte.ts';
import { formatAsaTarget, formatClock, formatDate, formatDateTime, formatDuration, formatMinutes, formatNumber, formatPercent, formatSeconds, formatSigned, formatSpan, formatTarget, formatWeekdayDate, formatZoneName } from './i18n/formatters.ts';

/** 0.8123 -> "81%" ("81.2%" with digits 1); null -> "–". */
export function pct(v: number | null | undefined, digits = 0): string {
  return formatPercent(locale.current, v, digits);
}

/** A probability 0..1 as a percentage that never rounds a maybe into a certainty: ">99%", "<1%". */
export function chance(p: number): string {
  if (p > 0.99 && p < 1) return `>${pct(0.99)}`;
  if (p > 0 && p < 0.01) return `<${pct(0.01)}`;
  return pct(p);
}

/** Seconds -> "m:ss" (or "h:mm:ss" from an hour); null -> "–". */
export function duration(seconds: number | null | undefined): string {
  return formatDuration(seconds);
}

/** Seconds -> "23s" ("23 秒") under a minute, m:ss from a minute; null -> "–". */
export function secs(seconds: number | null | undefined): string {
  return formatSeconds(locale.current, seconds);
}

/** A set length of time (a target, a grace period) in words: "20s", "1 min", "1:30"; see formatSpan. */
export function span(seconds: number): string {
  return formatSpan(locale.current, seconds);
}

/** A deferred queue's response target (seconds): "24 hr" ("24 小時"), or as span() when not whole hours. */
export function target(seconds: number): string {
  return formatTarget(locale.current, seconds);
}

/** A report total's pooled ASA target (seconds); see formatAsaTarget. */
export function asaTarget(seconds: number, shared: boolean, deferred: boolean): string {
  return formatAsaTarget(locale.current, seconds, shared, deferred);
}

/** Whole minutes -> "5 min" ("5 分鐘"). */
export function mins(minutes: number): string {
  return formatMinutes(locale.current, minutes);
}

/** A number with exactly `digits` decimals and the locale's grouping; null -> "–". */
export function num(v: number | null | undefined, digits = 0): string {
  return formatNumber(locale.current, v, digits);
}

/** Like num, signed on both sides of zero ("+2.0", "−1.5" with the minus sign U+2212). */
export function signed(v: number | null | undefined, digits = 0): string {
  return formatSigned(locale.current, v, digits);
}

/** Local clock time "14:30" of an epoch ms (ms) in the centre's time zone. */
export function clockTime(ms: number, timeZone: string, withSeconds = false): string {
  return formatClock(locale.current, ms, timeZone, withSeconds);
}

/** A centre date "YYYY-MM-DD" in the locale's words. */
export function dateLabel(isoDate: string): string {
  return formatDate(locale.current, isoDate);
}

/** A centre date "YYYY-MM-DD" with its weekday, in the locale's words. */
export function weekdayDateLabel(isoDate: string): string {
  return formatWeekdayDate(locale.current, isoDate);
}

/** The centre time zone's name in the locale at a moment (ms). */
export function zoneName(timeZone: string, ms: number): string {
  return formatZoneName(locale.current, timeZone, ms);
}

/** Date and 24-hour time of an epoch ms (ms) in the centre's time zone, in the locale's words. */
export function dateTime(ms: number, timeZone: string): string {
  return formatDateTime(locale.current, ms, timeZone);
}
