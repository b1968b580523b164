import type { QueueThresholds, Ratio, SlFormula } from '../protocol/metrics.ts';
import type { TvPoint, TvTile, TvVerdict } from '../protocol/tv.ts';
import { slJudged } from '../protocol/sl-sample.ts';
import { abandonDenominator, abandonRate, serviceLevel, slDenominator, type SlCounts } from './service-level.ts';
import { pooledTarget, verdictHigherBetter, verdictLowerBetter, type PooledTarget } from './tv-targets.ts';

/** What the TV needs of one queue: counts, targets and the staffing figure. */
export interface TvQueueInput {
  today: SlCounts & { handled: number };
  interval: SlCounts;
  /** Counts per interval of the trend span so far, in order, with their starts (epoch ms). */
  intervals: { start: number; counts: SlCounts }[];
  formula: SlFormula;
  slTarget: number;
  abandonTarget: number;
  /** The queue's wallboard thresholds: the TV colours by the same ones. */
  thresholds: QueueThresholds;
  waiting: number;
  oldestWaitingSince: number | null;
  requiredNow: number | null;
}

const ZERO: SlCounts = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0 };

function add(a: SlCounts, b: SlCounts): SlCounts {
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    shortAbandoned: a.shortAbandoned + b.shortAbandoned,
    flowedOut: a.flowedOut + b.flowedOut,
    answeredInSL: a.answeredInSL + b.answeredInSL,
    abandonedInSL: a.abandonedInSL + b.abandonedInSL,
  };
}

/** The service-level target of some queues, each weighted by its calls of `counts` in the formula's denominator. */
function slTargetOf(parts: { q: TvQueueInput; counts: SlCounts }[], formula: SlFormula): PooledTarget {
  return pooledTarget(parts.map(({ q, counts }) => ({ target: q.slTarget, ...q.thresholds.serviceLevel, weight: slDenominator(counts, formula) })));
}

/** A service level's verdict (the day's, an interval's), or none (neutral, nothing to judge) while it counts fewer than MIN_SL_CALLS calls, as on the wallboard. */
function slVerdict(value: Ratio, counts: SlCounts, formula: SlFormula, target: PooledTarget): TvVerdict {
  return slJudged(counts, formula) ? verdictHigherBetter(value, target) : { status: 'none', met: null };
}

/**
 * The TV tile of a group of queues (one client, or the whole floor).
 * Counts are summed before dividing, so a busy queue weighs more than a quiet one; the service
 * level uses the queues' formula when they agree, else the default `excludeShortAbandons`.
 * Targets are pooled by tv-targets.ts: the queues' own when they share one, else weighted by
 * each queue's calls in the same figure (today's calls for today, this interval's for the
 * interval). Colours follow the wallboard's thresholds, pooled the same way; the longest wait
 * is judged by the strictest queue's thresholds. A service level (today's, this interval's, a
 * sparkline point's) over fewer than MIN_SL_CALLS of the group's calls is not judged, as on the
 * wallboard: the group's calls, so a client of three quiet queues is judged from its tenth call.
 */
export function tvTile(tenant: string, name: string, queues: TvQueueInput[], onPhones: number): TvTile {
  let today = ZERO;
  let interval = ZERO;
  let handled = 0;
  let waiting = 0;
  let oldest: number | null = null;
  let required: number | null = null;
  const formulas = new Set<SlFormula>();
  const points = new Map<number, { counts: SlCounts; parts: { q: TvQueueInput; counts: SlCounts }[] }>();
  for (const q of queues) {
    today = add(today, q.today);
    interval = add(interval, q.interval);
    handled += q.today.handled;
    waiting += q.waiting;
    if (q.oldestWaitingSince !== null && (oldest === null || q.oldestWaitingSince < oldest)) oldest = q.oldestWaitingSince;
    if (q.requiredNow !== null) required = (required ?? 0) + q.requiredNow;
    formulas.add(q.formula);
    for (const p of q.intervals) {
      let point = points.get(p.start);
      if (!point) points.set(p.start, (point = { counts: ZERO, parts: [] }));
      point.counts = add(point.counts, p.counts);
      point.parts.push({ q, counts: p.counts });
    }
  }
  const formula: SlFormula = formulas.size === 1 ? [...formulas][0] : 'excludeShortAbandons';
  const slTarget = slTargetOf(queues.map((q) => ({ q, counts: q.today })), formula);
  const slTargetInterval = slTargetOf(queues.map((q) => ({ q, counts: q.interval })), formula);
  const abandonTarget = pooledTarget(queues.map((q) => ({ target: q.abandonTarget, ...q.thresholds.abandonRate, weight: abandonDenominator(q.today) })));
  const slToday = serviceLevel(today, formula);
  const slInterval = serviceLevel(interval, formula);
  const abandon = abandonRate(today);
  const sparkline: TvPoint[] = [...points]
    .sort((a, b) => a[0] - b[0])
    .map(([start, { counts, parts }]) => {
      const target = slTargetOf(parts, formula);
      const sl = serviceLevel(counts, formula);
      return { start, offered: counts.offered, serviceLevel: sl, target: target.value, status: slVerdict(sl, counts, formula, target).status };
    });
  const need = required === null ? null : Math.ceil(required);
  const waits = queues.map((q) => q.thresholds.longestWaitSeconds);
  return {
    tenant,
    name,
    serviceLevelToday: slToday,
    serviceLevelInterval: slInterval,
    slTarget: { value: slTarget.value, shared: slTarget.shared },
    slTargetInterval: { value: slTargetInterval.value, shared: slTargetInterval.shared },
    waiting,
    oldestWaitingSince: oldest,
    handledToday: handled,
    offeredToday: today.offered,
    abandonRate: abandon,
    abandonTarget: { value: abandonTarget.value, shared: abandonTarget.shared },
    onPhones,
    requiredNow: required,
    sparkline,
    slCalls: { today: slDenominator(today, formula), interval: slDenominator(interval, formula) },
    verdict: {
      serviceLevelToday: slVerdict(slToday, today, formula, slTarget),
      serviceLevelInterval: slVerdict(slInterval, interval, formula, slTargetInterval),
      abandonRate: verdictLowerBetter(abandon, abandonTarget),
      // Short of the agents needed is red, as it always was on the TV: there is no wallboard threshold for it.
      staffing: verdictHigherBetter(need === null ? null : onPhones, { value: need ?? 0, shared: true, amber: need ?? 0, red: need ?? 0 }),
    },
    longestWaitThresholds: waits.length ? { amber: Math.min(...waits.map((w) => w.amber)), red: Math.min(...waits.map((w) => w.red)) } : null,
  };
}
