import type { SpecialDay } from '../domain/forecast/calendar.ts';
import { MAX_SPECIAL_DAYS, specialDaysSchema } from '../history/special-days-table.ts';
import { quote } from '../validation/quote.ts';
import { issueList } from '../validation/zod-issues.ts';
import type { IntervalClock } from '../domain/intervals.ts';
import { localDay } from '../validation/dates.ts';
import { HttpError } from './errors.ts';
import { nestsTooDeep, TOO_DEEP } from '../ingest/json-depth.ts';
import { hiddenInTextProblem } from '../validation/invisible-text.ts';

/**
 * Bytes a PUT /calendar body may have: MAX_SPECIAL_DAYS days with 100-character names and
 * MAX_CALENDAR_QUEUE_IDS queue ids of 40 characters take about 1.2 MB. Under the 10 MiB of
 * the other routes, a body in one JSON.parse holds the loop for tens of ms, not the 0.3-0.73 s
 * a 2.7 MB calendar of 336,000 queue ids took.
 */
export const MAX_CALENDAR_BYTES = 2 * 1024 * 1024;

/**
 * express.json's `verify`: refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed.
 * JSON.parse of 2 MB of `[[[...]]]` held the event loop 1.15 s; a calendar nests 3 levels.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  if (nestsTooDeep(buf.toString('utf8'))) throw new HttpError(400, `body: ${TOO_DEEP}`);
}

/**
 * Queue ids all the days of one calendar may name together: a day for every queue needs none
 * (no `queueIds`), so this is a campaign a day on 50 queues for a year. Counted before the
 * days are checked one by one, which for 336,000 ids was most of the cost.
 */
export const MAX_CALENDAR_QUEUE_IDS = 20_000;

/** Queue ids a message names at most; the rest are counted. */
const NAMED = 5;

/**
 * The special days of a PUT /calendar body (JSON `{days: [...]}` or the list itself), or a 400
 * naming what is wrong: the shape, an impossible date, more queue ids than MAX_CALENDAR_QUEUE_IDS,
 * a queue the tenant does not have (`hasQueue`: another tenant's reads as unknown), a day twice,
 * a name with a control or invisible character (checked here, not in the schema the store reads
 * with too, so a calendar stored before is still read whole).
 * Dates are checked as every date a request names (`localDay` of `clock`).
 */
export function calendarDays(body: unknown, clock: Pick<IntervalClock, 'dayOfDate'>, hasQueue: (queueId: string) => boolean): SpecialDay[] {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null && 'days' in body ? body.days : undefined;
  if (list === undefined) throw new HttpError(400, 'body: send JSON {"days": [{"date": "YYYY-MM-DD", "kind": "holiday"|"campaign", "name": "..."}]}');
  if (Array.isArray(list)) {
    if (list.length > MAX_SPECIAL_DAYS) throw new HttpError(400, `days: ${list.length.toLocaleString('en-US')} days: at most ${MAX_SPECIAL_DAYS.toLocaleString('en-US')}`);
    let ids = 0;
    for (const d of list) if (typeof d === 'object' && d !== null && Array.isArray((d as { queueIds?: unknown }).queueIds)) ids += (d as { queueIds: unknown[] }).queueIds.length;
    if (ids > MAX_CALENDAR_QUEUE_IDS)
      throw new HttpError(400, `days: the days name ${ids.toLocaleString('en-US')} queue ids in all: at most ${MAX_CALENDAR_QUEUE_IDS.toLocaleString('en-US')} (a day without queueIds is for every queue)`);
  }
  const parsed = specialDaysSchema.safeParse(list);
  if (!parsed.success) throw new HttpError(400, `days: ${issueList(parsed.error, 'days').slice(0, 10).join('; ')}`);
  const seen = new Set<string>();
  parsed.data.forEach((d, i) => {
    const day = localDay(clock, d.date);
    if (typeof day === 'string') throw new HttpError(400, `days.${i}.date: ${day}`);
    const invisible = hiddenInTextProblem(d.name);
    if (invisible) throw new HttpError(400, `days.${i}.name: ${invisible}`);
    const unknown = [...new Set(d.queueIds ?? [])].filter((q) => !hasQueue(q));
    if (unknown.length) {
      const named = unknown.slice(0, NAMED).map((q) => quote(q)).join(', ') + (unknown.length > NAMED ? ` and ${unknown.length - NAMED} more` : '');
      throw new HttpError(400, `days.${i}.queueIds: no queue ${named} in this tenant`);
    }
    const k = `${d.date}|${(d.queueIds ?? []).join(',')}`;
    if (seen.has(k)) throw new HttpError(400, `days: ${d.date} is given twice for the same queues`);
    seen.add(k);
  });
  return parsed.data;
}
