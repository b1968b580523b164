import type { ReportFiguresView, ReportPeriodView } from '../protocol/history.ts';
import type { Ratio, SlFormula } from '../protocol/metrics.ts';
import type { AgentIntervalRollup, QueueIntervalRollup } from '../history/types.ts';
import { addDays, weekdayOf } from './forecast/daily-history.ts';
import { abandonDenominator, abandonRate, ratio, serviceLevel, slDenominator } from './service-level.ts';
import { metHigherBetter, metLowerBetter, pooledTargetValue } from './tv-targets.ts';
import { slCallsJudged } from '../protocol/sl-sample.ts';

export type ReportPeriod = 'day' | 'week' | 'month';
export const REPORT_PERIODS: readonly ReportPeriod[] = ['day', 'week', 'month'];

/** The local dates a period covers, first and last inclusive (YYYY-MM-DD); weeks run Monday to Sunday. */
export function periodDates(period: ReportPeriod, date: string): { first: string; last: string } {
  if (period === 'day') return { first: date, last: date };
  if (period === 'week') {
    const first = addDays(date, 1 - weekdayOf(date));
    return { first, last: addDays(first, 6) };
  }
  const first = `${date.slice(0, 8)}01`;
  const [y, m] = first.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

/** The period before the one containing `date` (the day, week or month before). */
export function previousPeriodDate(period: ReportPeriod, date: string): string {
  return addDays(periodDates(period, date).first, -1);
}

/** A queue's contract targets (its configured targets). */
export interface ContractTargets {
  slFormula: SlFormula;
  /** Share answered within the threshold, 0..1. */
  slTarget: number;
  slThresholdSeconds: number;
  asaTargetSeconds: number;
  /** Share abandoned (short abandons excluded), 0..1. */
  abandonTarget: number;
}

export interface ReportQueueInput {
  queueId: string;
  name: string;
  targets: ContractTargets;
  rows: readonly QueueIntervalRollup[];
  /** Set for a deferred queue (email): answer within this long (seconds). */
  responseTargetSeconds?: number;
}

/** What counts as a resolved case: a disposition containing "resolved" (any case) unless a list is configured. */
export function resolvedBy(configured: readonly string[]): (disposition: string) => boolean {
  if (configured.length) {
    const set = new Set(configured);
    return (d) => set.has(d);
  }
  return (d) => d.toLowerCase().includes('resolved');
}

/** The units each pricing model bills. */
export interface BillableUnits {
  /** Per seat: hours agents were logged in (any state but offline). */
  seatHours: number;
  /** Per call: calls handled (answered and, where the queue has after-call work, wrapped). */
  handledCalls: number;
  /** Per resolved case: handled calls whose disposition says resolved. */
  resolvedCases: number;
  /** Per successful sale: the outbound campaigns' contacts with outcome success, counted in the hour of their attempt. */
  successfulOutbound: number;
}

/** One outbound campaign's sums over the period (history's campaign hours; domain/campaigns.ts). */
export interface ReportCampaignInput {
  campaignId: string;
  attempts: number;
  /** Attempts that reached someone. */
  contacts: number;
  successes: number;
}

/** What a campaign's queue shows instead of a service level. */
export type OutboundFigures = Omit<ReportCampaignInput, 'campaignId'>;

/** A period's figures of a queue or of the whole tenant (the wire shape). */
export type QueueFigures = ReportFiguresView;

export interface ReportInterval {
  queueId: string;
  /** Epoch ms. */
  start: number;
  offered: number;
  serviceLevel: number;
  abandonRate: Ratio;
}

export interface PeriodReport {
  queues: { queueId: string; name: string; kind: 'realtime' | 'deferred' | 'outbound'; targets: ContractTargets; responseTargetSeconds?: number; outbound?: OutboundFigures; figures: QueueFigures; meets: { serviceLevel: boolean | null; asa: boolean | null; abandonRate: boolean | null } }[];
  total: QueueFigures;
  /** The targets the total is held to, pooled over its queues as the TV pools them (tv-targets.ts). */
  totalTargets: ReportPeriodView['totalTargets'];
  totalMeets: ReportPeriodView['totalMeets'];
  worstIntervals: ReportInterval[];
  reasons: { disposition: string; calls: number }[];
  billable: BillableUnits;
}

type Sums = Omit<QueueIntervalRollup, 'tenant' | 'queueId' | 'intervalStart' | 'intervalMinutes' | 'maxWaitSeconds' | 'dispositions' | 'staffedAgents'>;
const ZERO: Sums = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0, handled: 0, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0 };

function add(a: Sums, r: Sums): Sums {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Sums)[]) out[k] += r[k];
  return out;
}

/** Intervals with a service level (`measured`), those of them judged and meeting the target (`meeting`), and those too few calls to judge (`tooFew`). */
interface IntervalCounts {
  measured: number;
  meeting: number;
  tooFew: number;
}
const NO_INTERVALS: IntervalCounts = { measured: 0, meeting: 0, tooFew: 0 };

function figures(s: Sums, formula: SlFormula, n: IntervalCounts): QueueFigures {
  return {
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    handled: s.handled,
    serviceLevel: serviceLevel(s, formula),
    asaSeconds: ratio(s.waitSecondsAnswered, s.answered),
    abandonRate: abandonRate(s),
    ahtSeconds: ratio(s.talkSeconds + s.holdSeconds + s.acwSeconds, s.handled),
    intervalsMeasured: n.measured,
    intervalsMeetingTarget: n.meeting,
    intervalsTooFew: n.tooFew,
    slCalls: slDenominator(s, formula),
  };
}

/** Whether a period's service level (0..1, over `calls`) meets `target`; null with no figure or fewer than MIN_SL_CALLS calls, as the wallboard judges. */
function slMet(figures: QueueFigures, target: number): boolean | null {
  return figures.serviceLevel === null || !slCallsJudged(figures.slCalls) ? null : figures.serviceLevel >= target;
}

/** Seconds an agent's interval rows were logged in (any state but offline): what seat-hours bill. */
export function loggedInSeconds(rows: readonly AgentIntervalRollup[]): number {
  return rows.reduce((n, a) => n + a.availableSeconds + a.talkingSeconds + a.holdSeconds + a.acwSeconds + a.auxSeconds, 0);
}

/**
 * The client's report of one period from interval history (and the seconds its agents were
 * logged in, `loggedInSeconds` of their rows): per queue and in total the
 * service level (the queue's formula), ASA, abandon rate, AHT and volume against the
 * queue's targets; intervals meeting the service-level target; the `worst` intervals by
 * service level; an interval of fewer than MIN_SL_CALLS calls is neither met nor ranked worst,
 * but counted in `intervalsTooFew`; the top call reasons; and the billable units of each pricing model.
 * The total's service level uses the first realtime queue's formula. The total is held to
 * targets pooled over the queues it sums (tv-targets.ts, as the TV does): the queues' own when
 * they share one, else each queue's target weighted by its calls in that figure's denominator.
 * Holding it to the first queue's target judged a client "met" whose every queue missed.
 * A service level (a queue's, the total's) over fewer than MIN_SL_CALLS calls is not judged, as
 * on the wallboard and the TV: a day of one late call is 0%, but not "missed" (`slCalls` says how few).
 *
 * A deferred queue (email, `responseTargetSeconds` set) is answered within hours, not seconds:
 * its row has no service level (history keeps answers within the SL threshold, not within the
 * response target; the wallboard's backlog tile has the response service level), its mean
 * response time is judged against the response target, and it stays out of the total and the
 * worst intervals, which a day of emails answered after hours would otherwise drag to 0%. The
 * total is the realtime queues' (the deferred queues' only when none is realtime); billing and
 * call reasons count every queue.
 *
 * An outbound campaign's queue (a queue with the id of one of `campaigns` that made attempts in
 * the period and was offered no inbound call in it, as the wallboard's campaign tile decides)
 * is nobody's wait: it shows the campaign's attempts, contacts and successes (`outbound`), has
 * no service level or verdicts, and stays out of the total, its targets and the worst
 * intervals. Every campaign's successes are billed as successful outbound contacts.
 */
export function periodReport(queues: readonly ReportQueueInput[], loggedIn: number, resolved: (disposition: string) => boolean, campaigns: readonly ReportCampaignInput[] = [], worst = 5): PeriodReport {
  const dialled = new Map(campaigns.filter((c) => c.attempts > 0).map((c) => [c.campaignId, c]));
  const kinds = new Map(queues.map((q) => [q, q.responseTargetSeconds !== undefined ? 'deferred' : dialled.has(q.queueId) && q.rows.every((r) => r.offered === 0) ? 'outbound' : 'realtime'] as const));
  // The contract's formula is its realtime queues' (a deferred or outbound queue has no service level).
  const realtime = queues.find((q) => kinds.get(q) === 'realtime');
  let allSums = ZERO;
  let counted = NO_INTERVALS;
  const intervals: ReportInterval[] = [];
  const reasons = new Map<string, number>();
  const out: PeriodReport['queues'] = [];
  // Each queue's sums, for pooling the targets of the total over the queues it counts.
  const parts: { q: ReportQueueInput; sums: Sums }[] = [];
  for (const q of queues) {
    const kind = kinds.get(q)!;
    const noSl = kind !== 'realtime';
    let sums = ZERO;
    const n = { ...NO_INTERVALS };
    for (const r of q.rows) {
      sums = add(sums, r);
      for (const [d, n] of Object.entries(r.dispositions)) reasons.set(d, (reasons.get(d) ?? 0) + n);
      const sl = noSl ? null : serviceLevel(r, q.targets.slFormula);
      if (sl === null) continue;
      n.measured++;
      // An interval of one late call is 0%, but neither missed nor a worst interval: as the wallboard judges.
      if (!slCallsJudged(slDenominator(r, q.targets.slFormula))) {
        n.tooFew++;
        continue;
      }
      if (sl >= q.targets.slTarget) n.meeting++;
      intervals.push({ queueId: q.queueId, start: r.intervalStart, offered: r.offered, serviceLevel: sl, abandonRate: abandonRate(r) });
    }
    if (kind !== 'outbound') parts.push({ q, sums });
    allSums = add(allSums, sums);
    counted = { measured: counted.measured + n.measured, meeting: counted.meeting + n.meeting, tooFew: counted.tooFew + n.tooFew };
    const computed = figures(sums, q.targets.slFormula, n);
    const f = noSl ? { ...computed, serviceLevel: null, slCalls: 0 } : computed;
    const asaTarget = q.responseTargetSeconds ?? q.targets.asaTargetSeconds;
    const campaign = dialled.get(q.queueId);
    out.push({
      queueId: q.queueId,
      name: q.name,
      kind,
      targets: q.targets,
      ...(kind === 'deferred' ? { responseTargetSeconds: q.responseTargetSeconds } : {}),
      ...(kind === 'outbound' && campaign ? { outbound: { attempts: campaign.attempts, contacts: campaign.contacts, successes: campaign.successes } } : {}),
      figures: f,
      // Nobody waits for a dialler: an outbound queue's figures are judged by no target.
      meets: kind === 'outbound' ? { serviceLevel: null, asa: null, abandonRate: null } : {
        serviceLevel: slMet(f, q.targets.slTarget),
        asa: f.asaSeconds === null ? null : f.asaSeconds <= asaTarget,
        abandonRate: f.abandonRate === null ? null : f.abandonRate <= q.targets.abandonTarget,
      },
    });
  }
  // Deferred and outbound queues measure no intervals, so `counted` is the realtime queues' either way.
  const formula = realtime?.targets.slFormula ?? 'excludeShortAbandons';
  // `parts` are the realtime and deferred queues; the total is the realtime ones', else the deferred ones'.
  const inTotal = realtime ? parts.filter(({ q }) => kinds.get(q) === 'realtime') : parts;
  const total = figures(inTotal.reduce((s, p) => add(s, p.sums), ZERO), formula, counted);
  const totalTargets = pooledTotalTargets(inTotal, formula);
  // Worst first: lowest service level, then the busier interval (more callers let down).
  intervals.sort((a, b) => a.serviceLevel - b.serviceLevel || b.offered - a.offered || a.start - b.start);
  return {
    queues: out,
    total: realtime ? total : { ...total, serviceLevel: null, slCalls: 0 },
    totalTargets,
    totalMeets: {
      serviceLevel: totalTargets.slTarget && (slCallsJudged(total.slCalls) ? metHigherBetter(total.serviceLevel, totalTargets.slTarget.value) : null),
      asa: totalTargets.asaTargetSeconds && metLowerBetter(total.asaSeconds, totalTargets.asaTargetSeconds.value),
      abandonRate: totalTargets.abandonTarget && metLowerBetter(total.abandonRate, totalTargets.abandonTarget.value),
    },
    worstIntervals: intervals.slice(0, worst),
    reasons: [...reasons].map(([disposition, calls]) => ({ disposition, calls })).sort((a, b) => b.calls - a.calls || a.disposition.localeCompare(b.disposition)),
    billable: {
      seatHours: loggedIn / 3600,
      handledCalls: allSums.handled,
      resolvedCases: [...reasons].reduce((n, [d, c]) => n + (resolved(d) ? c : 0), 0),
      successfulOutbound: campaigns.reduce((n, c) => n + c.successes, 0),
    },
  };
}

/**
 * The targets of a total summed over `parts` (the queues it counts), pooled by tv-targets.ts:
 * service level weighted by each queue's calls in `formula`'s denominator (0..1), ASA by its
 * answered calls (seconds; a deferred queue's response target), abandon rate by offered − short
 * abandons (0..1). The service level has none when a part is deferred (the total then has no
 * service level); nothing has one without parts.
 */
function pooledTotalTargets(parts: readonly { q: ReportQueueInput; sums: Sums }[], formula: SlFormula): PeriodReport['totalTargets'] {
  if (parts.length === 0) return { slTarget: null, asaTargetSeconds: null, abandonTarget: null };
  return {
    slTarget: parts.some(({ q }) => q.responseTargetSeconds !== undefined) ? null : pooledTargetValue(parts.map(({ q, sums }) => ({ target: q.targets.slTarget, weight: slDenominator(sums, formula) }))),
    asaTargetSeconds: pooledTargetValue(parts.map(({ q, sums }) => ({ target: q.responseTargetSeconds ?? q.targets.asaTargetSeconds, weight: sums.answered }))),
    abandonTarget: pooledTargetValue(parts.map(({ q, sums }) => ({ target: q.targets.abandonTarget, weight: abandonDenominator(sums) }))),
  };
}
