import { z } from 'zod';
import type { IntervalClock } from '../domain/intervals.ts';
import { runToEnd } from '../domain/steps.ts';
import { ImportError, isoTime, ROWS_PER_STEP, rowSteps, where } from '../ingest/plan-import.ts';
import { issueList } from '../validation/zod-issues.ts';
import { numberField, optionalCell } from '../validation/numbers.ts';
import type { QueueIntervalRollup } from './types.ts';

const whole = numberField().pipe(z.number().int('must be a whole number').min(0, 'must be 0 or more'));
const seconds = numberField().pipe(z.number().min(0, 'must be 0 or more'));
/** Interval lengths another system may export: whole minutes that divide an hour, so every row lies inside one local day. */
const LENGTHS = [5, 6, 10, 12, 15, 20, 30, 60];
const minutes = numberField().refine((m) => LENGTHS.includes(m), `must be a length in minutes that divides an hour (${LENGTHS.join(', ')})`);

/**
 * One CSV row of interval actuals from another system. Column names are the CSV's own, so an
 * error names the column the author typed. Unknown columns are refused rather than ignored:
 * `aht` for `aht_seconds` would otherwise vanish silently.
 */
const historyRow = z.strictObject({
  interval_start: isoTime,
  queue_id: z.string().min(1, 'must not be empty'),
  calls: whole,
  aht_seconds: seconds,
  answered: optionalCell(whole),
  abandoned: optionalCell(whole),
  short_abandoned: optionalCell(whole),
  flowed_out: optionalCell(whole),
  answered_in_sl: optionalCell(whole),
  abandoned_in_sl: optionalCell(whole),
  handled: optionalCell(whole),
  asa_seconds: optionalCell(seconds),
  max_wait_seconds: optionalCell(seconds),
  staffed_agents: optionalCell(seconds),
  interval_minutes: optionalCell(minutes),
});

const REQUIRED = ['interval_start', 'queue_id', 'calls', 'aht_seconds'];

/** The first characters of a value, for an error message. */
function quote(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

/**
 * Interval actuals of another system as history rows of `tenant`:
 * `interval_start,queue_id,calls,aht_seconds[,answered,abandoned,...]`, any queues and days.
 * All or nothing: any bad row refuses the whole file with every problem by line and column.
 * Without `answered`, every call counts as answered; without `handled`, the answered calls
 * are the handled ones, and AHT × handled becomes their talk time. `interval_minutes` gives a
 * row's length when it is not the centre's (another system's half-hours, history from before
 * the centre changed its length); the forecast spreads or adds each row into the centre's
 * intervals. Without it every row is of the centre's length, and a file whose rows all start on
 * a grid twice as coarse is refused: read as the centre's length, each of its rows would put
 * all its calls in the first part of its real interval. In steps (for `runSliced`): a 10 MiB
 * file of 288,000 rows took 4.6 s to read in one go.
 */
export function* historySteps(csv: string, tenant: string, clock: IntervalClock): Generator<void, QueueIntervalRollup[]> {
  const { rows, firstRow } = yield* rowSteps(csv, 'text/csv', {});
  if (rows.length === 0) throw new ImportError(['CSV has no rows; the header must be interval_start,queue_id,calls,aht_seconds (more columns optional)']);
  const missing = REQUIRED.filter((c) => !Object.hasOwn(rows[0] as object, c));
  if (missing.length) throw new ImportError([`line 1: missing column(s) ${missing.join(', ')}; the minimum is ${REQUIRED.join(',')}`]);
  const unknown = Object.keys(rows[0] as object).filter((c) => !Object.hasOwn(historyRow.shape, c));
  if (unknown.length) throw new ImportError([`line 1: unknown column(s) ${unknown.map(quote).join(', ')}; known: ${Object.keys(historyRow.shape).join(', ')}`]);
  const problems: string[] = [];
  const out: QueueIntervalRollup[] = [];
  /** The CSV row index of each row of `out`. */
  const indexOf: number[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield;
    const at = where(firstRow, i);
    const r = historyRow.safeParse(rows[i]);
    if (!r.success) {
      problems.push(`${at}: ${issueList(r.error, 'row').join(', ')}`);
      continue;
    }
    const d = r.data;
    const start = Date.parse(d.interval_start);
    const answered = d.answered ?? d.calls;
    const abandoned = d.abandoned ?? 0;
    const shortAbandoned = d.short_abandoned ?? 0;
    const handled = d.handled ?? answered;
    const key = `${d.queue_id}\u0000${start}`;
    const length = d.interval_minutes ?? clock.intervalMinutes;
    const bad: string[] = [];
    if (!startsInterval(clock, start, length)) bad.push(`interval_start: ${quote(d.interval_start)} does not start a ${length}-minute interval in ${clock.timezone}`);
    if (seen.has(key)) bad.push(`interval_start: ${quote(d.interval_start)} for queue ${quote(d.queue_id)} already given at ${where(firstRow, seen.get(key)!)}`);
    if (answered + abandoned + (d.flowed_out ?? 0) > d.calls) bad.push(`calls: ${d.calls} is less than answered + abandoned + flowed_out (${answered + abandoned + (d.flowed_out ?? 0)})`);
    if (shortAbandoned > abandoned) bad.push(`short_abandoned: ${shortAbandoned} is more than abandoned (${abandoned})`);
    if ((d.answered_in_sl ?? 0) > answered) bad.push(`answered_in_sl: ${d.answered_in_sl} is more than answered (${answered})`);
    if ((d.abandoned_in_sl ?? 0) > abandoned) bad.push(`abandoned_in_sl: ${d.abandoned_in_sl} is more than abandoned (${abandoned})`);
    if (handled > answered) bad.push(`handled: ${handled} is more than answered (${answered})`);
    if (d.staffed_agents !== undefined && d.answered_in_sl === undefined) bad.push('staffed_agents: needs answered_in_sl in the same row (the outlook compares the service level with the staff)');
    if (bad.length) {
      problems.push(`${at}: ${bad.join(', ')}`);
      continue;
    }
    seen.set(key, i);
    indexOf.push(i);
    out.push({
      tenant,
      queueId: d.queue_id,
      intervalStart: start,
      intervalMinutes: length,
      offered: d.calls,
      answered,
      abandoned,
      shortAbandoned,
      flowedOut: d.flowed_out ?? 0,
      answeredInSL: d.answered_in_sl ?? 0,
      abandonedInSL: d.abandoned_in_sl ?? 0,
      handled,
      waitSecondsAnswered: (d.asa_seconds ?? 0) * answered,
      talkSeconds: d.aht_seconds * handled,
      holdSeconds: 0,
      acwSeconds: 0,
      maxWaitSeconds: d.max_wait_seconds ?? 0,
      dispositions: {},
      staffedAgents: d.staffed_agents ?? null,
    });
  }
  if (!problems.length) problems.push(...(yield* overlaps(out, indexOf, firstRow)));
  if (!problems.length && !Object.hasOwn(rows[0] as object, 'interval_minutes')) problems.push(...coarserGrid(out, clock));
  if (problems.length) throw new ImportError(problems);
  return out;
}

/** `historySteps` at once (tests). */
export function parseHistoryCsv(csv: string, tenant: string, clock: IntervalClock): QueueIntervalRollup[] {
  return runToEnd(historySteps(csv, tenant, clock));
}

/** Whether `start` (epoch ms) starts a `length`-minute interval counted from its local midnight. */
function startsInterval(clock: IntervalClock, start: number, length: number): boolean {
  return (start - clock.dayOf(start).start) % (length * 60_000) === 0;
}

/** A row of a queue starting inside another of the same file (rows of two lengths that overlap). */
function* overlaps(rows: readonly QueueIntervalRollup[], indexOf: readonly number[], firstRow: number): Generator<void, string[]> {
  const byQueue = new Map<string, { row: QueueIntervalRollup; i: number }[]>();
  rows.forEach((row, k) => {
    let list = byQueue.get(row.queueId);
    if (!list) byQueue.set(row.queueId, (list = []));
    list.push({ row, i: indexOf[k] });
  });
  const out: string[] = [];
  yield;
  for (const list of byQueue.values()) {
    list.sort((a, b) => a.row.intervalStart - b.row.intervalStart);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1];
      if (list[k].row.intervalStart < prev.row.intervalStart + prev.row.intervalMinutes * 60_000) out.push(`${where(firstRow, list[k].i)}: interval_start: inside the ${prev.row.intervalMinutes}-minute interval of queue ${quote(prev.row.queueId)} at ${where(firstRow, prev.i)}`);
    }
    yield;
  }
  return out;
}

/**
 * Without `interval_minutes`: a file of four or more rows that all start on a grid of twice the
 * centre's length (no quarter past or quarter to in a 15-minute centre) is another system's
 * longer intervals far more likely than the centre's, and is refused until the file says which.
 */
function coarserGrid(rows: readonly QueueIntervalRollup[], clock: IntervalClock): string[] {
  const coarser = 2 * clock.intervalMinutes;
  if (rows.length < 4 || 60 % coarser !== 0 || !rows.every((r) => startsInterval(clock, r.intervalStart, coarser))) return [];
  return [`interval_minutes: every row starts on the ${coarser}-minute grid, and the centre's intervals are ${clock.intervalMinutes} minutes; add a column interval_minutes with the rows' length (${coarser === 60 ? '60' : `${coarser} or 60`} for another system's longer intervals, ${clock.intervalMinutes} if they are the centre's own)`];
}
