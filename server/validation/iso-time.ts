import { ISO_WITH_OFFSET } from '../ingest/fast-validate.ts';
import { quote } from './quote.ts';

/** Minutes of the widest UTC offset in use (UTC+14:00, Kiribati's Line Islands; the lowest is -12:00). */
export const MAX_OFFSET_MINUTES = 14 * 60;

/** The offset at the end of an ISO_WITH_OFFSET time: sign, hours, minutes ("+08:00", "-0930"). */
const OFFSET = /([+-])(\d{2}):?(\d{2})$/;

/**
 * What is wrong with `v` as an ISO-8601 time with an offset, to follow the field's name; null when
 * it is one. Date.parse takes offsets up to ±23:59 and is NaN past them, so an offset such as
 * +25:00 was read as a time that starts no interval; it is named as what is wrong instead. Luxon
 * takes any two-digit offset, so neither decides the range: -14:00..+14:00, minutes under 60.
 */
export function isoTimeProblem(v: string): string | null {
  if (!ISO_WITH_OFFSET.test(v)) return 'must be ISO-8601 with an offset, like 2026-11-20T09:00:00+08:00';
  const offset = OFFSET.exec(v);
  if (offset && (Number(offset[3]) >= 60 || Number(offset[2]) * 60 + Number(offset[3]) > MAX_OFFSET_MINUTES)) {
    return `${quote(v)} has the UTC offset ${offset[0]}: an offset is from -14:00 to +14:00`;
  }
  if (Number.isNaN(Date.parse(v))) return `${quote(v)} is not a date and time`;
  return null;
}
