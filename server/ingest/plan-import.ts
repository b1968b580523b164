import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import type { ForecastInterval, ScheduleSegment } from '../domain/plan.ts';
import { ISO_WITH_OFFSET } from './fast-validate.ts';
import { issueList } from '../validation/zod-issues.ts';
import { quote } from '../validation/quote.ts';

/** A whole import is refused when any row is bad: a plan is never half-replaced. */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.slice(0, 20).join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : ''));
  }
}

/** An ISO-8601 time with an offset (import columns). */
export const isoTime = z.string().regex(ISO_WITH_OFFSET, 'must be ISO-8601 with an offset, like 2026-11-20T09:00:00+08:00');
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
const count = z.coerce.number().refine(Number.isFinite, 'must be a number').pipe(z.number().min(0, 'must be 0 or more').max(MAX_FORECAST_CALLS, `must be at most ${MAX_FORECAST_CALLS} calls an interval`));
const seconds = z.coerce.number().refine(Number.isFinite, 'must be a number').pipe(z.number().positive('must be more than 0').max(MAX_AHT_SECONDS, `must be at most ${MAX_AHT_SECONDS} seconds`));
const idField = z.string().min(1).max(200, 'must be at most 200 characters');

const forecastRow = z.object({ intervalStart: isoTime, queueId: idField.optional(), tenant: idField.optional(), calls: count, ahtSeconds: seconds });
const scheduleRow = z.object({ agentId: idField, start: isoTime, end: isoTime, activity: idField, tenant: idField.optional() });

/** Rows of a body: CSV (with a header row) when the content type says so, else JSON. */
export function rowsOf(body: string, contentType: string | undefined, csvColumns: Record<string, string>): { rows: unknown[]; firstRow: number } {
  const isCsv = /csv|text\/plain/i.test(contentType ?? '') || (!body.trimStart().startsWith('[') && !body.trimStart().startsWith('{'));
  if (!isCsv) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new ImportError([`body is not valid JSON: ${(e as Error).message}`]);
    }
    if (!Array.isArray(parsed)) throw new ImportError(['body must be a JSON array of rows']);
    return { rows: parsed, firstRow: 0 };
  }
  let records: Record<string, string>[];
  try {
    records = parseCsv(body, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new ImportError([`CSV: ${(e as Error).message}`]);
  }
  // CSV columns are snake_case; rename them to the JSON field names.
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [csvColumns[k] ?? k, v])));
  return { rows, firstRow: 2 };
}

/** Where row `i` of an import is, as its author sees it: the CSV line (header is line 1) or the JSON index. */
export function where(firstRow: number, i: number): string {
  return firstRow ? `line ${firstRow + i}` : `row ${i}`;
}

/**
 * Forecast rows for one queue and local day: `interval_start,queue_id,calls,aht_seconds` (CSV)
 * or `[{ intervalStart, calls, ahtSeconds }]` (JSON). Each start must begin an interval of that
 * day; a row for another queue is an error.
 */
export function parseForecast(body: string, contentType: string | undefined, queueId: string, day: LocalDay, clock: IntervalClock): Map<number, ForecastInterval> {
  const { rows, firstRow } = rowsOf(body, contentType, FORECAST_COLUMNS);
  return forecastRows(rows, firstRow, queueId, day, clock);
}

const FORECAST_COLUMNS = { interval_start: 'intervalStart', queue_id: 'queueId', tenant: 'tenant', calls: 'calls', aht_seconds: 'ahtSeconds' };

/**
 * A forecast CSV file of any number of queues and days (`interval_start,queue_id,calls,aht_seconds`),
 * split by tenant (optional `tenant` column, else `default`), queue and local date of each row.
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
  return [...groups.values()].map((g) => ({ tenant: g.tenant, queueId: g.queueId, day: g.day, rows: forecastRows(g.rows, 2, g.queueId, g.day, clock) }));
}

function forecastRows(rows: unknown[], firstRow: number, queueId: string, day: LocalDay, clock: IntervalClock): Map<number, ForecastInterval> {
  if (rows.length === 0) throw new ImportError(['no rows: a forecast needs at least one interval (DELETE the forecast to clear it)']);
  const problems: string[] = [];
  const out = new Map<number, ForecastInterval>();
  rows.forEach((raw, i) => {
    const r = forecastRow.safeParse(raw);
    if (!r.success) {
      problems.push(`${where(firstRow, i)}: ${issueList(r.error, 'row').join(', ')}`);
      return;
    }
    const start = Date.parse(r.data.intervalStart);
    if (r.data.queueId && r.data.queueId !== queueId) problems.push(`${where(firstRow, i)}: queue_id ${quote(r.data.queueId)} is not ${quote(queueId)}`);
    else if (start < day.start || start >= day.end) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} is not on ${day.date}`);
    else if (clock.intervalStart(start) !== start) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} does not start a ${clock.intervalMinutes}-minute interval`);
    else if (out.has(start)) problems.push(`${where(firstRow, i)}: ${r.data.intervalStart} appears twice`);
    else out.set(start, { calls: r.data.calls, ahtSeconds: r.data.ahtSeconds });
  });
  if (problems.length) throw new ImportError(problems);
  return out;
}

export interface ParsedSegment extends ScheduleSegment {
  tenant?: string;
}

/**
 * Schedule segments for one local day: `agent_id,start,end,activity` (CSV, optional `tenant`)
 * or `[{ agentId, start, end, activity }]` (JSON). Segments must overlap the day, last at least
 * MIN_SEGMENT_MS, use a known activity, and not overlap each other for one agent, who has at most
 * MAX_SEGMENTS_PER_AGENT_DAY of them.
 */
export function parseSchedule(body: string, contentType: string | undefined, day: LocalDay, activities: readonly string[], skipOtherDays = false): ParsedSegment[] {
  const { rows, firstRow } = rowsOf(body, contentType, { agent_id: 'agentId', start: 'start', end: 'end', activity: 'activity', tenant: 'tenant' });
  if (rows.length === 0) throw new ImportError(['no rows: a schedule needs at least one segment']);
  const problems: string[] = [];
  const out: (ParsedSegment & { row: number })[] = [];
  rows.forEach((raw, i) => {
    const r = scheduleRow.safeParse(raw);
    if (!r.success) {
      problems.push(`${where(firstRow, i)}: ${issueList(r.error, 'row').join(', ')}`);
      return;
    }
    const start = Date.parse(r.data.start);
    const end = Date.parse(r.data.end);
    if (!activities.includes(r.data.activity)) problems.push(`${where(firstRow, i)}: activity ${quote(r.data.activity)} is not one of ${activities.join(', ')}`);
    else if (end <= start) problems.push(`${where(firstRow, i)}: end ${r.data.end} is not after start ${r.data.start}`);
    else if (end <= day.start || start >= day.end) {
      if (!skipOtherDays) problems.push(`${where(firstRow, i)}: ${r.data.start}–${r.data.end} is not on ${day.date}`);
    } else if (end - start < MIN_SEGMENT_MS) problems.push(`${where(firstRow, i)}: ${r.data.start}–${r.data.end} is shorter than 1 minute, the shortest a segment may be`);
    else out.push({ agentId: r.data.agentId, start, end, activity: r.data.activity, tenant: r.data.tenant, row: i });
  });
  const byAgent = new Map<string, (ParsedSegment & { row: number })[]>();
  // Pushed, not copied: a copy per row was quadratic in one agent's segments (40,000 in one import held the loop 15 s).
  for (const s of out) {
    let list = byAgent.get(s.agentId);
    if (!list) byAgent.set(s.agentId, (list = []));
    list.push(s);
  }
  for (const [agentId, list] of byAgent) {
    if (list.length > MAX_SEGMENTS_PER_AGENT_DAY) {
      // Named at the first segment past the cap, in the file's order; refused before sorting them.
      problems.push(`${where(firstRow, list[MAX_SEGMENTS_PER_AGENT_DAY].row)}: agent ${quote(agentId)} has ${list.length} segments on ${day.date}; at most ${MAX_SEGMENTS_PER_AGENT_DAY} an agent a day`);
      continue;
    }
    list.sort((a, b) => a.start - b.start);
    for (let k = 1; k < list.length; k++) {
      if (list[k].start < list[k - 1].end) problems.push(`${where(firstRow, list[k].row)}: agent ${quote(agentId)}'s segment overlaps the one at ${where(firstRow, list[k - 1].row)}`);
    }
  }
  if (problems.length) throw new ImportError(problems);
  return out.map(({ row: _row, ...s }) => s);
}
