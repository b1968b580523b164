import { Parser } from 'csv-parse';
import { z } from 'zod';
import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import type { ForecastInterval, ScheduleSegment } from '../domain/plan.ts';
import { runToEnd } from '../domain/steps.ts';
import { TOO_DEEP } from './json-depth.ts';
import { checkedBy, issueList } from '../validation/zod-issues.ts';
import { isoTimeProblem } from '../validation/iso-time.ts';
import { clip, quote } from '../validation/quote.ts';
import { numberField } from '../validation/numbers.ts';

/** A whole import is refused when any row is bad: a plan is never half-replaced. */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.slice(0, 20).join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : ''));
  }
}

/**
 * A body with more rows than its import takes (413): the rows are not all read, so the cost of
 * refusing it is that of the rows up to the limit.
 */
export class TooManyRows extends ImportError {
  constructor(cap: RowCap) {
    super([`the body has more than ${cap.rows.toLocaleString('en-US')} rows: ${cap.says}`]);
  }
}

/** At most `rows` rows in a body, and why (said after "the body has more than N rows: "). */
export interface RowCap {
  rows: number;
  says: string;
}

/**
 * Segments one schedule import may carry: a whole big floor's day (20,000 agents of 6 segments is
 * 120,000), and about what the 10 MiB body limit holds (a row is at least about 50 bytes). Its log
 * entry is packed (packed-schedule.ts) and written, read back and applied in steps; written in
 * one go as before, 120,000 segments held the loop 400-900 ms applying them alone. A larger
 * import sends its day in parts by agents: an import replaces the segments of the agents it
 * names, and no others.
 */
export const MAX_SCHEDULE_ROWS = 200_000;

/**
 * Characters one row of a JSON body may have: a real one has under 1,000 (four fields of at most
 * 200 characters). Rows are parsed a slice at a time, and a slice ends between rows, so one row
 * of 10 MB of nested arrays would be parsed in one go (a second or so).
 */
export const MAX_ROW_CHARS = 4096;

/** Characters of a body read in one step (about 3 ms of parsing). */
export const SLICE = 32 * 1024;
/** Rows validated in one step (about 2-5 ms). */
export const ROWS_PER_STEP = 256;

/** An ISO-8601 time with an offset from -14:00 to +14:00 (import columns, what-if bounds). */
export const isoTime = z.string().superRefine(checkedBy(isoTimeProblem));
/** Upper limits that keep staffing maths bounded: no real interval is near them. */
export const MAX_FORECAST_CALLS = 100_000;
export const MAX_AHT_SECONDS = 86_400;
/**
 * Segments one agent may have on one local day in one schedule import. A real day has a few
 * dozen at most (shift, breaks, lunch, training, meetings); without a cap one agent's 778,000
 * segments made every adherence read of that agent 0.17 s and every import re-sort them all.
 */
export const MAX_SEGMENTS_PER_AGENT_DAY = 200;
/**
 * Shortest schedule segment, ms. Rotas are planned in minutes; a shorter segment is a mistake
 * or a way to pack more segments into a day.
 */
export const MIN_SEGMENT_MS = 60_000;
const count = numberField().pipe(z.number().min(0, 'must be 0 or more').max(MAX_FORECAST_CALLS, `must be at most ${MAX_FORECAST_CALLS} calls an interval`));
const seconds = numberField().pipe(z.number().positive('must be more than 0').max(MAX_AHT_SECONDS, `must be at most ${MAX_AHT_SECONDS} seconds`));
const idField = z.string().min(1).max(200, 'must be at most 200 characters');

const forecastRow = z.object({ intervalStart: isoTime, queueId: idField.optional(), tenant: idField.optional(), calls: count, ahtSeconds: seconds });
const scheduleRow = z.object({ agentId: idField, start: isoTime, end: isoTime, activity: idField, tenant: idField.optional() });

/**
 * Rows of a body: CSV (with a header row) when the content type says so, else a JSON array. In
 * steps of a slice of the body each (for `runSliced`), refused with TooManyRows past `cap`.
 */
export function* rowSteps(body: string, contentType: string | undefined, csvColumns: Record<string, string>, cap?: RowCap): Generator<void, { rows: unknown[]; firstRow: number }> {
  const start = body.trimStart();
  const isCsv = /csv|text\/plain/i.test(contentType ?? '') || (!start.startsWith('[') && !start.startsWith('{'));
  if (isCsv) return { rows: yield* csvRows(body, csvColumns, cap), firstRow: 2 };
  if (!start.startsWith('[')) throw new ImportError(['body must be a JSON array of rows']);
  return { rows: yield* jsonArraySteps(body, { cap }), firstRow: 0 };
}

/** `rowSteps` at once (startup files, tests). */
export function rowsOf(body: string, contentType: string | undefined, csvColumns: Record<string, string>): { rows: unknown[]; firstRow: number } {
  return runToEnd(rowSteps(body, contentType, csvColumns));
}

/** The part of csv-parse that takes a body a buffer at a time, keeping its place between them. */
interface CsvChunks {
  parse(buf: Buffer, end: boolean, push: (record: Record<string, string>) => void, close: () => void): Error | undefined;
}

/**
 * CSV records as objects by header (renamed by `csvColumns`), a slice of the body a step. Fed to
 * csv-parse's own incremental parser, which its stream and sync forms both wrap (the stream's
 * `api`): a quoted field, a character or a line may span slices, and errors name the same lines.
 */
function* csvRows(body: string, csvColumns: Record<string, string>, cap?: RowCap): Generator<void, Record<string, string>[]> {
  const csv = (new Parser({ columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as { api: CsvChunks }).api;
  const rows: Record<string, string>[] = [];
  const push = (r: Record<string, string>): void => void rows.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [csvColumns[k] ?? k, v])));
  for (let at = 0; ; ) {
    let end = Math.min(at + SLICE, body.length);
    // A character outside the BMP is two code units: both go in the same slice.
    if (end < body.length && isHighSurrogate(body.charCodeAt(end - 1))) end--;
    const last = end === body.length;
    const err = csv.parse(Buffer.from(body.slice(at, end)), last, push, () => {});
    if (err) throw new ImportError([`CSV: ${err.message}`]);
    if (cap && rows.length > cap.rows) throw new TooManyRows(cap);
    if (last) return rows;
    at = end;
    yield;
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** How `jsonArraySteps` reads an array. */
export interface JsonArrayOptions {
  /** At most this many elements (TooManyRows past it). */
  cap?: RowCap;
  /** Longest element (characters); MAX_ROW_CHARS unless said. */
  maxChars?: number;
  /** Element `i` (from 0) as errors name it; `row i` unless said. */
  name?: (i: number) => string;
  /** One element, in "the most a row may have"; `a row` unless said. */
  kind?: string;
  /** Levels an element may nest (an object is 1), refused unparsed past it, naming the element; no limit unless said. */
  maxDepth?: number;
}

/**
 * The elements of the JSON array `body` holds (its first non-blank character is `[`), a slice a
 * step (for `runSliced`), refused with ImportError naming the element: the body is scanned for
 * the commas between elements (outside strings and nested values) and each slice of whole
 * elements parsed on its own. JSON.parse of a whole 10 MiB body took up to a second in one go (small values, like
 * `[{},{},...]`); no element may be longer than `maxChars`, so no slice is much longer than
 * SLICE. The slices joined are the body, so it is refused where JSON.parse would refuse it.
 */
export function* jsonArraySteps(body: string, opts: JsonArrayOptions = {}): Generator<void, unknown[]> {
  const { cap, maxChars = MAX_ROW_CHARS, name = (i: number) => `row ${i}`, kind = 'a row', maxDepth = Infinity } = opts;
  const rows: unknown[] = [];
  /** Where the slice not yet parsed starts, and where each of its elements ends (a comma, or the closing bracket). */
  let from = body.indexOf('[') + 1;
  const ends: number[] = [];
  let rowStart = from;
  let next = from + SLICE;
  let depth = 0;
  let inString = false;
  const parseSlice = (): void => {
    const text = body.slice(from, ends.at(-1));
    let parsed: unknown[];
    try {
      parsed = JSON.parse(`[${text}]`) as unknown[];
    } catch {
      // Which element: each parsed alone (the slice is short), for an error that names the row.
      let start = from;
      for (const [k, end] of ends.entries()) {
        const row = body.slice(start, end);
        if (row.trim() === '') throw new ImportError([`${name(rows.length + k)}: empty (two commas in a row, or a comma before "]")`]);
        try {
          JSON.parse(row);
        } catch (e) {
          throw new ImportError([`${name(rows.length + k)}: not valid JSON (${clip((e as Error).message, 80)})`]);
        }
        start = end + 1;
      }
      throw new ImportError(['body is not valid JSON']);
    }
    // `[ ]` is the one slice of one "element" that parses to none: an empty body, or a comma before the bracket.
    if (parsed.length !== ends.length && (rows.length > 0 || ends.length > 1 || text.trim() !== '')) throw new ImportError([`${name(rows.length + parsed.length)}: empty (two commas in a row, or a comma before "]")`]);
    for (const row of parsed) rows.push(row);
    from = ends.at(-1)! + 1;
    ends.length = 0;
  };
  for (let i = from; i < body.length; i++) {
    if (i - rowStart > maxChars) throw new ImportError([`${name(rows.length + ends.length)}: longer than ${maxChars.toLocaleString('en-US')} characters, the most ${kind} may have`]);
    const c = body.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      // As NDJSON lines are (json-depth.ts): JSON.parse of 65,000 levels in an element held the loop tens of ms each.
      if (++depth > maxDepth) throw new ImportError([`${name(rows.length + ends.length)}: ${TOO_DEEP}`]);
    } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) depth--;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      // The array's end; a brace here is a mismatch, which parsing the slice names.
      ends.push(i);
      parseSlice();
      if (cap && rows.length > cap.rows) throw new TooManyRows(cap);
      if (c === CLOSE_BRACE) throw new ImportError(['body is not valid JSON: a "}" where the array should end']);
      if (body.slice(i + 1).trim() !== '') throw new ImportError(['body is not valid JSON: more after the array\'s end']);
      return rows;
    } else if (c === COMMA && depth === 0) {
      ends.push(i);
      rowStart = i + 1;
      if (cap && rows.length + ends.length > cap.rows) throw new TooManyRows(cap);
      if (i >= next) {
        parseSlice();
        next = i + SLICE;
        yield;
      }
    }
  }
  throw new ImportError(['body is not valid JSON: it ends before the array does']);
}

/** Where row `i` of an import is, as its author sees it: the CSV line (header is line 1) or the JSON index. */
export function where(firstRow: number, i: number): string {
  return firstRow ? `line ${firstRow + i}` : `row ${i}`;
}

/**
 * Forecast rows for one queue and local day: `interval_start,queue_id,calls,aht_seconds` (CSV)
 * or `[{ intervalStart, calls, ahtSeconds }]` (JSON). Each start must begin an interval of that
 * day; a row for another queue is an error. In steps (for `runSliced`); a body of more rows
 * than the day has intervals is refused (TooManyRows) as soon as they are read.
 */
export function* forecastSteps(body: string, contentType: string | undefined, queueId: string, day: LocalDay, clock: IntervalClock): Generator<void, Map<number, ForecastInterval>> {
  const intervals = day.starts.length;
  const cap = { rows: intervals, says: `a forecast of one queue on ${day.date} has a row for each of its ${intervals} intervals at most` };
  const { rows, firstRow } = yield* rowSteps(body, contentType, FORECAST_COLUMNS, cap);
  return yield* forecastRows(rows, firstRow, queueId, day, clock);
}

/** `forecastSteps` at once (tests). */
export function parseForecast(body: string, contentType: string | undefined, queueId: string, day: LocalDay, clock: IntervalClock): Map<number, ForecastInterval> {
  return runToEnd(forecastSteps(body, contentType, queueId, day, clock));
}

const FORECAST_COLUMNS = { interval_start: 'intervalStart', queue_id: 'queueId', tenant: 'tenant', calls: 'calls', aht_seconds: 'ahtSeconds' };

/**
 * A forecast CSV file of any number of queues and days (`interval_start,queue_id,calls,aht_seconds`),
 * split by tenant (optional `tenant` column, else `default`), queue and local date of each row.
 * Read at once: a file named in the config, read at startup.
 */
export function parseForecastFile(csv: string, clock: IntervalClock): { tenant: string; queueId: string; day: LocalDay; rows: Map<number, ForecastInterval> }[] {
  const { rows } = rowsOf(csv, 'text/csv', FORECAST_COLUMNS);
  const groups = new Map<string, { tenant: string; queueId: string; day: LocalDay; rows: unknown[] }>();
  const problems: string[] = [];
  rows.forEach((raw, i) => {
    const r = raw as { queueId?: string; intervalStart?: string; tenant?: string };
    const ts = Date.parse(r.intervalStart ?? '');
    if (!r.queueId || !Number.isFinite(ts)) {
      problems.push(`line ${i + 2}: needs queue_id and an interval_start with offset`);
      return;
    }
    const day = clock.dayOf(ts);
    const tenant = r.tenant || 'default';
    const key = JSON.stringify([tenant, r.queueId, day.date]);
    if (!groups.has(key)) groups.set(key, { tenant, queueId: r.queueId, day, rows: [] });
    groups.get(key)!.rows.push(raw);
  });
  if (problems.length) throw new ImportError(problems);
  return [...groups.values()].map((g) => ({ tenant: g.tenant, queueId: g.queueId, day: g.day, rows: runToEnd(forecastRows(g.rows, 2, g.queueId, g.day, clock)) }));
}

function* forecastRows(rows: unknown[], firstRow: number, queueId: string, day: LocalDay, clock: IntervalClock): Generator<void, Map<number, ForecastInterval>> {
  if (rows.length === 0) throw new ImportError(['no rows: a forecast needs at least one interval (DELETE the forecast to clear it)']);
  const problems: string[] = [];
  const out = new Map<number, ForecastInterval>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield;
    const r = forecastRow.safeParse(rows[i]);
    if (!r.success) {
      problems.push(`${where(firstRow, i)}: ${issueList(r.error, 'row').join(', ')}`);
      continue;
    }
    const start = Date.parse(r.data.intervalStart);
    if (r.data.queueId && r.data.queueId !== queueId) problems.push(`${where(firstRow, i)}: queue_id ${quote(r.data.queueId)} is not ${quote(queueId)}`);
    else if (start < day.start || start >= day.end) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} is not on ${day.date}`);
    else if (clock.intervalStart(start) !== start) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} does not start a ${clock.intervalMinutes}-minute interval`);
    else if (out.has(start)) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} appears twice`);
    else out.set(start, { calls: r.data.calls, ahtSeconds: r.data.ahtSeconds });
  }
  if (problems.length) throw new ImportError(problems);
  return out;
}

export interface ParsedSegment extends ScheduleSegment {
  tenant?: string;
}

const SCHEDULE_COLUMNS = { agent_id: 'agentId', start: 'start', end: 'end', activity: 'activity', tenant: 'tenant' };

/**
 * Schedule segments for one local day: `agent_id,start,end,activity` (CSV, optional `tenant`)
 * or `[{ agentId, start, end, activity }]` (JSON). Segments must overlap the day, last at least
 * MIN_SEGMENT_MS, use a known activity, and not overlap each other for one agent, who has at most
 * MAX_SEGMENTS_PER_AGENT_DAY of them. In steps (for `runSliced`); more than `maxRows` rows are
 * refused (TooManyRows) as soon as they are read.
 */
export function* scheduleSteps(body: string, contentType: string | undefined, day: LocalDay, activities: readonly string[], maxRows = MAX_SCHEDULE_ROWS): Generator<void, ParsedSegment[]> {
  const cap = { rows: maxRows, says: `a schedule import has at most ${maxRows.toLocaleString('en-US')} segments; send the day in parts by agents (an import replaces the segments of the agents it names, and no others)` };
  const { rows, firstRow } = yield* rowSteps(body, contentType, SCHEDULE_COLUMNS, cap);
  return yield* scheduleRows(rows, firstRow, day, activities, false);
}

/** Schedule segments of one local day of a file named in the config (read at startup, of any size): `scheduleSteps` at once, rows of other days skipped with `skipOtherDays`. */
export function parseSchedule(body: string, contentType: string | undefined, day: LocalDay, activities: readonly string[], skipOtherDays = false): ParsedSegment[] {
  const { rows, firstRow } = rowsOf(body, contentType, SCHEDULE_COLUMNS);
  return runToEnd(scheduleRows(rows, firstRow, day, activities, skipOtherDays));
}

function* scheduleRows(rows: unknown[], firstRow: number, day: LocalDay, activities: readonly string[], skipOtherDays: boolean): Generator<void, ParsedSegment[]> {
  if (rows.length === 0) throw new ImportError(['no rows: a schedule needs at least one segment']);
  const problems: string[] = [];
  const out: ParsedSegment[] = [];
  /** The row of each of `out`: kept apart, so `out` is the answer as it is (a copy without it was 80-200 ms in one go at 200,000). */
  const rowOf: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield;
    const r = scheduleRow.safeParse(rows[i]);
    if (!r.success) {
      problems.push(`${where(firstRow, i)}: ${issueList(r.error, 'row').join(', ')}`);
      continue;
    }
    const start = Date.parse(r.data.start);
    const end = Date.parse(r.data.end);
    if (!activities.includes(r.data.activity)) problems.push(`${where(firstRow, i)}: activity ${quote(r.data.activity)} is not one of ${activities.join(', ')}`);
    else if (end <= start) problems.push(`${where(firstRow, i)}: end ${r.data.end} is not after start ${r.data.start}`);
    else if (end <= day.start || start >= day.end) {
      if (!skipOtherDays) problems.push(`${where(firstRow, i)}: ${r.data.start}–${r.data.end} is not on ${day.date}`);
    } else if (end - start < MIN_SEGMENT_MS) problems.push(`${where(firstRow, i)}: ${r.data.start}–${r.data.end} is shorter than 1 minute, the shortest a segment may be`);
    else {
      out.push({ agentId: r.data.agentId, start, end, activity: r.data.activity, tenant: r.data.tenant });
      rowOf.push(i);
    }
  }
  /** agent id -> indices into `out` of its segments. */
  const byAgent = new Map<string, number[]>();
  // Pushed, not copied: a copy per row was quadratic in one agent's segments (40,000 in one import held the loop 15 s).
  for (let i = 0; i < out.length; i++) {
    if (i > 0 && i % (8 * ROWS_PER_STEP) === 0) yield;
    let list = byAgent.get(out[i].agentId);
    if (!list) byAgent.set(out[i].agentId, (list = []));
    list.push(i);
  }
  yield;
  let sorted = 0;
  for (const [agentId, list] of byAgent) {
    if (list.length > MAX_SEGMENTS_PER_AGENT_DAY) {
      // Named at the first segment past the cap, in the file's order; refused before sorting them.
      problems.push(`${where(firstRow, rowOf[list[MAX_SEGMENTS_PER_AGENT_DAY]])}: agent ${quote(agentId)} has ${list.length} segments on ${day.date}; at most ${MAX_SEGMENTS_PER_AGENT_DAY} an agent a day`);
      continue;
    }
    list.sort((a, b) => out[a].start - out[b].start);
    for (let k = 1; k < list.length; k++) {
      if (out[list[k]].start < out[list[k - 1]].end) problems.push(`${where(firstRow, rowOf[list[k]])}: agent ${quote(agentId)}'s segment overlaps the one at ${where(firstRow, rowOf[list[k - 1]])}`);
    }
    sorted += list.length;
    if (sorted >= ROWS_PER_STEP) {
      sorted = 0;
      yield;
    }
  }
  if (problems.length) throw new ImportError(problems);
  return out;
}
