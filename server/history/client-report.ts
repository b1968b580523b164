import { loggedInSeconds, periodDates, periodReport, previousPeriodDate, type ContractTargets, type ReportCampaignInput, type ReportPeriod } from '../domain/client-report.ts';
import type { IntervalClock } from '../domain/intervals.ts';
import { withoutSuperseded } from '../domain/superseded-rows.ts';
import type { ClientReportView, ReportPeriodView } from '../protocol/history.ts';
import { queueRowsOnce } from './queue-rows-once.ts';
import type { CampaignHourRollup, HistoryStore } from './types.ts';
import { csvCell } from './csv-cell.ts';
import { fewSlCalls } from '../protocol/sl-sample.ts';

/** What the report needs to know of a tenant besides its history (from the engine's configuration). */
export interface ReportSubject {
  tenant: string;
  tenantName: string;
  queues: { queueId: string; name: string; targets: ContractTargets; responseTargetSeconds?: number }[];
  agentIds: string[];
}

/**
 * Range reads (one queue's or one agent's rows of a period) run at once, between turns of the
 * event loop: an SQLite read is synchronous, and a month of 500 agents read in one go held the
 * loop 6.6-8 s on a loaded 2-core machine (health, pushes and every tenant's feed waited); 16 a
 * turn still held it 180-210 ms there. One agent's month is at most 1,488 rows, so a turn of 4
 * is at most about 6,000 rows (typically 2,000); PostgreSQL reads still overlap 4 at a time.
 */
const READS_PER_TURN = 4;

/**
 * Reports waiting for their next group of reads, oldest first. One group a turn of the event
 * loop for all of them together: each report waiting on setImmediate of its own ran its group in
 * the same turn as every other report's, so 16 month reports asked at once held health 1.5 s.
 */
const waiting: (() => void)[] = [];

/** Resolves at a later turn of the event loop, when no other report's group runs in it. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(grantTurn);
  });
}

function grantTurn(): void {
  waiting.shift()!();
  // Scheduled from within a turn, the next grant runs at the next one: timers and I/O go between.
  if (waiting.length) setImmediate(grantTurn);
}

/** `read` of every item, READS_PER_TURN at once, each group in a turn of the event loop of its own. */
async function readInTurns<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += READS_PER_TURN) {
    await nextTurn();
    out.push(...(await Promise.all(items.slice(i, i + READS_PER_TURN).map(read))));
  }
  return out;
}

async function periodView(store: HistoryStore, s: ReportSubject, period: ReportPeriod, date: string, clock: IntervalClock, resolved: (d: string) => boolean, now: number | undefined): Promise<ReportPeriodView> {
  const { first, last } = periodDates(period, date);
  const from = clock.dayOfDate(first)!.start;
  const to = clock.dayOfDate(last)!.end;
  // A row left inside a longer one after a change of interval length is counted once, in the longer.
  const queues = await readInTurns(s.queues, async (q) => ({ ...q, rows: queueRowsOnce(await store.queueIntervals(s.tenant, q.queueId, from, to), clock.intervalMinutes) }));
  // Each agent's rows are summed as they are read: a month of every agent's rows is not held at once.
  const seconds = await readInTurns(s.agentIds, async (id) => loggedInSeconds(withoutSuperseded(await store.agentIntervals(s.tenant, id, from, to), clock.intervalMinutes)));
  const campaignRows = await store.campaignHours(s.tenant, from, to);
  const loggedIn = seconds.reduce((a, b) => a + b, 0);
  const r = periodReport(queues, loggedIn, resolved, campaignSums(campaignRows));
  return {
    from: first,
    to: last,
    // History holds closed intervals only: a running period is counted up to the open interval's start.
    countedThrough: now === undefined || now >= to ? null : clock.iso(now < from ? from : clock.intervalStart(now)),
    hasData: queues.some((q) => q.rows.length > 0) || loggedIn > 0 || campaignRows.length > 0,
    queues: r.queues.map(({ targets: t, responseTargetSeconds, ...q }) => ({
      ...q,
      targets: { slTarget: t.slTarget, slThresholdSeconds: t.slThresholdSeconds, asaTargetSeconds: t.asaTargetSeconds, abandonTarget: t.abandonTarget, ...(responseTargetSeconds !== undefined ? { responseTargetSeconds } : {}) },
    })),
    total: r.total,
    totalTargets: r.totalTargets,
    totalMeets: r.totalMeets,
    worstIntervals: r.worstIntervals.map((i) => ({ ...i, start: clock.iso(i.start) })),
    reasons: r.reasons.slice(0, 10),
    billable: r.billable,
  };
}

/** Each campaign's attempts, contacts and successes summed over its hour rows. */
function campaignSums(rows: readonly CampaignHourRollup[]): ReportCampaignInput[] {
  const out = new Map<string, ReportCampaignInput>();
  for (const r of rows) {
    let c = out.get(r.campaignId);
    if (!c) out.set(r.campaignId, (c = { campaignId: r.campaignId, attempts: 0, contacts: 0, successes: 0 }));
    c.attempts += r.attempts;
    c.contacts += r.contacts;
    c.successes += r.successes;
  }
  return [...out.values()];
}

/**
 * The client report of the period of `period` containing local `date`, and the period before it,
 * from history; `now` (epoch ms, the engine's clock) tells a running period's `countedThrough`.
 */
export async function clientReport(store: HistoryStore, subject: ReportSubject, period: ReportPeriod, date: string, clock: IntervalClock, resolved: (d: string) => boolean, now?: number): Promise<ClientReportView> {
  // One period after the other: at most one group of reads of a report is in flight.
  const current = await periodView(store, subject, period, date, clock, resolved, now);
  const previous = await periodView(store, subject, period, previousPeriodDate(period, date), clock, resolved, now);
  return { tenant: subject.tenant, tenantName: subject.tenantName, period, date, timezone: clock.timezone, current, previous };
}

const pct = (r: number | null) => (r === null ? '' : (r * 100).toFixed(1));
const num = (n: number | null, digits = 1) => (n === null ? '' : n.toFixed(digits));

/**
 * A service level's verdict as the CSV writes it: met or missed against its target, too_few under
 * MIN_SL_CALLS calls (as the page says "1 call: too few to judge"), empty with no figure or no target.
 */
function slVerdict(met: boolean | null, slCalls: number): string {
  return met === null ? (fewSlCalls(slCalls) !== null ? 'too_few' : '') : met ? 'met' : 'missed';
}

/**
 * The report as CSV: one row per queue and a total row per period, then billable units and reasons.
 * Columns are only ever added at the end of a row (sl_verdict, intervals_too_few after kind), so a
 * consumer reading them by position keeps reading the same figures.
 */
export function clientReportCsv(r: ClientReportView): string {
  const lines = ['section,period_from,period_to,queue_id,offered,answered,abandoned,handled,service_level_pct,sl_target_pct,asa_seconds,asa_target_seconds,abandon_rate_pct,abandon_target_pct,aht_seconds,intervals_measured,intervals_meeting_target,kind,sl_verdict,intervals_too_few'];
  for (const [name, p] of [['current', r.current], ['previous', r.previous]] as const) {
    for (const q of p.queues) {
      const f = q.figures;
      // A deferred queue's ASA columns are its mean response time and response target; it has no SL target. An outbound queue is held to no target.
      const outbound = q.kind === 'outbound';
      lines.push([name, p.from, p.to, csvCell(q.queueId), f.offered, f.answered, f.abandoned, f.handled, pct(f.serviceLevel), q.kind !== 'realtime' ? '' : pct(q.targets.slTarget), num(f.asaSeconds), outbound ? '' : (q.targets.responseTargetSeconds ?? q.targets.asaTargetSeconds), pct(f.abandonRate), outbound ? '' : pct(q.targets.abandonTarget), num(f.ahtSeconds), f.intervalsMeasured, f.intervalsMeetingTarget, q.kind, slVerdict(q.meets.serviceLevel, f.slCalls), f.intervalsTooFew].join(','));
    }
    const t = p.total;
    // The total's targets are pooled over its queues (call-weighted when theirs differ), as on screen.
    const tt = p.totalTargets;
    lines.push([name, p.from, p.to, 'TOTAL', t.offered, t.answered, t.abandoned, t.handled, pct(t.serviceLevel), pct(tt.slTarget?.value ?? null), num(t.asaSeconds), num(tt.asaTargetSeconds?.value ?? null), pct(t.abandonRate), pct(tt.abandonTarget?.value ?? null), num(t.ahtSeconds), t.intervalsMeasured, t.intervalsMeetingTarget, '', slVerdict(p.totalMeets.serviceLevel, t.slCalls), t.intervalsTooFew].join(','));
  }
  lines.push('', 'billable_unit,current,previous');
  for (const k of ['seatHours', 'handledCalls', 'resolvedCases', 'successfulOutbound'] as const) lines.push(`${k},${num(r.current.billable[k], k === 'seatHours' ? 2 : 0)},${num(r.previous.billable[k], k === 'seatHours' ? 2 : 0)}`);
  lines.push('', 'call_reason,calls');
  for (const x of r.current.reasons) lines.push(`${csvCell(x.disposition)},${x.calls}`);
  return lines.join('\n') + '\n';
}
