import { z } from 'zod';
import type { IntervalClock } from '../domain/intervals.ts';
import { ImportError, isoTime, rowsOf, where } from '../ingest/plan-import.ts';
import { issueList } from '../validation/zod-issues.ts';
import type { QueueIntervalRollup } from './types.ts';

const whole = z.coerce.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number').pipe(z.number().int('must be a whole number').min(0, 'must be 0 or more'));
const seconds = z.coerce.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number').pipe(z.number().min(0, 'must be 0 or more'));

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
  answered: whole.optional(),
  abandoned: whole.optional(),
  short_abandoned: whole.optional(),
  flowed_out: whole.optional(),
  answered_in_sl: whole.optional(),
  abandoned_in_sl: whole.optional(),
  handled: whole.optional(),
  asa_seconds: seconds.optional(),
  max_wait_seconds: seconds.optional(),
  staffed_agents: seconds.optional(),
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
 * are the handled ones, and AHT × handled becomes their talk time.
 */
export function parseHistoryCsv(csv: string, tenant: string, clock: IntervalClock): QueueIntervalRollup[] {
  const { rows, firstRow } = rowsOf(csv, 'text/csv', {});
  if (rows.length === 0) throw new ImportError(['CSV has no rows; the header must be interval_start,queue_id,calls,aht_seconds (more columns optional)']);
  const missing = REQUIRED.filter((c) => !Object.hasOwn(rows[0] as object, c));
  if (missing.length) throw new ImportError([`line 1: missing column(s) ${missing.join(', ')}; the minimum is ${REQUIRED.join(',')}`]);
  const unknown = Object.keys(rows[0] as object).filter((c) => !Object.hasOwn(historyRow.shape, c));
  if (unknown.length) throw new ImportError([`line 1: unknown column(s) ${unknown.map(quote).join(', ')}; known: ${Object.keys(historyRow.shape).join(', ')}`]);
  const problems: string[] = [];
  const out: QueueIntervalRollup[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const at = where(firstRow, i);
    const r = historyRow.safeParse(raw);
    if (!r.success) {
      problems.push(`${at}: ${issueList(r.error, 'row').join(', ')}`);
      return;
    }
    const d = r.data;
    const start = Date.parse(d.interval_start);
    const answered = d.answered ?? d.calls;
    const abandoned = d.abandoned ?? 0;
    const shortAbandoned = d.short_abandoned ?? 0;
    const handled = d.handled ?? answered;
    const key = `${d.queue_id}\u0000${start}`;
    const bad: string[] = [];
    if (clock.intervalStart(start) !== start) bad.push(`interval_start: ${quote(d.interval_start)} does not start a ${clock.intervalMinutes}-minute interval in ${clock.timezone}`);
    if (seen.has(key)) bad.push(`interval_start: ${quote(d.interval_start)} for queue ${quote(d.queue_id)} already given at ${where(firstRow, seen.get(key)!)}`);
    if (answered + abandoned + (d.flowed_out ?? 0) > d.calls) bad.push(`calls: ${d.calls} is less than answered + abandoned + flowed_out (${answered + abandoned + (d.flowed_out ?? 0)})`);
    if (shortAbandoned > abandoned) bad.push(`short_abandoned: ${shortAbandoned} is more than abandoned (${abandoned})`);
    if ((d.answered_in_sl ?? 0) > answered) bad.push(`answered_in_sl: ${d.answered_in_sl} is more than answered (${answered})`);
    if ((d.abandoned_in_sl ?? 0) > abandoned) bad.push(`abandoned_in_sl: ${d.abandoned_in_sl} is more than abandoned (${abandoned})`);
    if (handled > answered) bad.push(`handled: ${handled} is more than answered (${answered})`);
    if (d.staffed_agents !== undefined && d.answered_in_sl === undefined) bad.push('staffed_agents: needs answered_in_sl in the same row (the outlook compares the service level with the staff)');
    if (bad.length) {
      problems.push(`${at}: ${bad.join(', ')}`);
      return;
    }
    seen.set(key, i);
    out.push({
      tenant,
      queueId: d.queue_id,
      intervalStart: start,
      intervalMinutes: clock.intervalMinutes,
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
  });
  if (problems.length) throw new ImportError(problems);
  return out;
}
