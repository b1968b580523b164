import { quote } from './quote.ts';

/** ISO-8601 date and time with an offset (or Z); seconds and fractions optional. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Minutes of the widest UTC offset in use (UTC+14:00, Kiribati's Line Islands; the lowest is -12:00). */
export const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * What is wrong with `v` as an ISO-8601 time with an offset, to follow the field's name; null when
 * it is one. Date.parse takes offsets up to ±23:59 and is NaN past them, so an offset such as
 * +25:00 was read as a time that starts no interval; it is named as what is wrong instead. Luxon
 * takes any two-digit offset, so neither decides the range: -14:00..+14:00, minutes under 60.
 */
export function isoTimeProblem(v: string): string | null {
  if (!ISO_WITH_OFFSET.test(v)) return 'must be ISO-8601 with an offset, like 2026-11-20T09:00:00+08:00';
  const offset = offsetProblem(v);
  if (offset) return offset;
  if (Number.isNaN(Date.parse(v))) return `${quote(v)} is not a date and time`;
  return null;
}

/**
 * What is wrong with the UTC offset ending `v`, a string ISO_WITH_OFFSET matches; null when it is
 * Z or within -14:00..+14:00 with minutes under 60. It reads the offset's few characters and no
 * more, so the event fast path can ask it of every timestamp that carries an offset.
 */
export function offsetProblem(v: string): string | null {
  const n = v.length;
  if (v.charCodeAt(n - 1) === 90 /* Z */) return null;
  // "+08:00" or "+0800": the sign is 6 or 5 characters from the end.
  const sign = v.charCodeAt(n - 3) === 58 /* : */ ? n - 6 : n - 5;
  const hours = (v.charCodeAt(sign + 1) - 48) * 10 + v.charCodeAt(sign + 2) - 48;
  const minutes = (v.charCodeAt(n - 2) - 48) * 10 + v.charCodeAt(n - 1) - 48;
  if (minutes < 60 && hours * 60 + minutes <= MAX_OFFSET_MINUTES) return null;
  return `${quote(v)} has the UTC offset ${v.slice(sign)}: an offset is from -14:00 to +14:00`;
}
