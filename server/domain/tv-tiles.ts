import type { SlFormula } from '../protocol/metrics.ts';
import type { TvPoint, TvTile } from '../protocol/tv.ts';
import { abandonRate, serviceLevel, type SlCounts } from './service-level.ts';

/** What the TV needs of one queue: counts, targets and the staffing figure. */
export interface TvQueueInput {
  today: SlCounts & { handled: number };
  interval: SlCounts;
  /** Counts per interval of today so far, in order, with their starts (epoch ms). */
  intervals: { start: number; counts: SlCounts }[];
  formula: SlFormula;
  slTarget: number;
  slThresholdSeconds: number;
  abandonTarget: number;
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

/**
 * The TV tile of a group of queues (one client, or the whole floor) at `now` (epoch ms).
 * Counts are summed before dividing, so a busy queue weighs more than a quiet one; the service
 * level uses the queues' formula when they agree, else the default `excludeShortAbandons`. The
 * target is the mean of the queues' targets weighted by calls offered today (plain mean before
 * the first call); the longest wait is off when it passes the shortest SL threshold.
 */
export function tvTile(tenant: string, name: string, now: number, queues: TvQueueInput[], onPhones: number): TvTile {
  let today = ZERO;
  let interval = ZERO;
  let handled = 0;
  let waiting = 0;
  let oldest: number | null = null;
  let required: number | null = null;
  let weighted = 0;
  let plainSum = 0;
  let abandonWeighted = 0;
  let abandonPlain = 0;
  let threshold = Infinity;
  const formulas = new Set<SlFormula>();
  const points = new Map<number, SlCounts>();
  for (const q of queues) {
    today = add(today, q.today);
    interval = add(interval, q.interval);
    handled += q.today.handled;
    waiting += q.waiting;
    if (q.oldestWaitingSince !== null && (oldest === null || q.oldestWaitingSince < oldest)) oldest = q.oldestWaitingSince;
    if (q.requiredNow !== null) required = (required ?? 0) + q.requiredNow;
    weighted += q.slTarget * q.today.offered;
    plainSum += q.slTarget;
    abandonWeighted += q.abandonTarget * q.today.offered;
    abandonPlain += q.abandonTarget;
    threshold = Math.min(threshold, q.slThresholdSeconds);
    formulas.add(q.formula);
    for (const p of q.intervals) points.set(p.start, add(points.get(p.start) ?? ZERO, p.counts));
  }
  const formula: SlFormula = formulas.size === 1 ? [...formulas][0] : 'excludeShortAbandons';
  const n = queues.length;
  const slTarget = today.offered > 0 ? weighted / today.offered : n ? plainSum / n : 0;
  const abandonTarget = today.offered > 0 ? abandonWeighted / today.offered : n ? abandonPlain / n : 0;
  const slToday = serviceLevel(today, formula);
  const slInterval = serviceLevel(interval, formula);
  const abandon = abandonRate(today);
  const sparkline: TvPoint[] = [...points]
    .sort((a, b) => a[0] - b[0])
    .map(([start, c]) => ({ start, offered: c.offered, serviceLevel: serviceLevel(c, formula) }));
  return {
    tenant,
    name,
    serviceLevelToday: slToday,
    serviceLevelInterval: slInterval,
    slTarget,
    waiting,
    oldestWaitingSince: oldest,
    handledToday: handled,
    offeredToday: today.offered,
    abandonRate: abandon,
    abandonTarget,
    onPhones,
    requiredNow: required,
    sparkline,
    off: {
      serviceLevelToday: slToday !== null && slToday < slTarget,
      serviceLevelInterval: slInterval !== null && slInterval < slTarget,
      abandonRate: abandon !== null && abandon > abandonTarget,
      staffing: required !== null && onPhones < Math.ceil(required),
      longestWait: oldest !== null && threshold !== Infinity && (now - oldest) / 1000 > threshold,
    },
  };
}
