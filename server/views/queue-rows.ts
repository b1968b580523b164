import { bucketKey, type Engine, type QueueState } from '../domain/engine.ts';
import { QueueBucket } from '../domain/queue-bucket.ts';
import { abandonRate, serviceLevel, serviceLevels } from '../domain/service-level.ts';
import type { QueueStatsRow } from '../protocol/metrics.ts';

const EMPTY = new QueueBucket();

/**
 * One statistics row for the calls that arrived in [start, end) (epoch ms): sums from the
 * interval buckets plus the calls of that span still waiting at `engine.now`.
 */
export function queueStatsRow(engine: Engine, q: QueueState, starts: number[], start: number, end: number): QueueStatsRow {
  let sums: QueueBucket;
  if (starts.length === 1) {
    sums = q.buckets.get(bucketKey(starts[0])) ?? EMPTY;
  } else {
    sums = new QueueBucket();
    for (const s of starts) {
      const b = q.buckets.get(bucketKey(s));
      if (b) sums.add(b);
    }
  }
  let waiting = 0;
  let maxWaitMs = sums.maxWaitMs;
  for (const { queuedTs } of q.waiting.values()) {
    if (queuedTs < start || queuedTs >= end) continue;
    waiting++;
    maxWaitMs = Math.max(maxWaitMs, engine.now - queuedTs);
  }
  const cfg = q.config;
  const handledSeconds = (sums.talkMs + sums.holdMs + sums.acwMs) / 1000;
  return {
    start: engine.clock.iso(start),
    end: engine.clock.iso(end),
    offered: sums.offered,
    answered: sums.answered,
    abandoned: sums.abandoned,
    shortAbandoned: sums.shortAbandoned,
    flowedOut: sums.flowedOut,
    waiting,
    answeredInSL: sums.answeredInSL,
    abandonedInSL: sums.abandonedInSL,
    handled: sums.handled,
    serviceLevel: serviceLevel(sums, cfg.slFormula),
    serviceLevels: serviceLevels(sums),
    asaSeconds: sums.answered > 0 ? sums.waitMsAnswered / 1000 / sums.answered : null,
    ahtSeconds: sums.handled > 0 ? handledSeconds / sums.handled : null,
    abandonRate: abandonRate(sums),
    maxWaitSeconds: sums.offered > 0 ? maxWaitMs / 1000 : null,
    waitSecondsAnswered: sums.waitMsAnswered / 1000,
    talkSeconds: sums.talkMs / 1000,
    holdSeconds: sums.holdMs / 1000,
    acwSeconds: sums.acwMs / 1000,
  };
}

/** One row per interval of the local day holding `dayStart`, in order. */
export function queueIntervalRows(engine: Engine, q: QueueState, dayStart: number): QueueStatsRow[] {
  const day = engine.clock.dayOf(dayStart);
  return day.starts.map((s) => queueStatsRow(engine, q, [s], s, engine.clock.intervalEnd(s)));
}

/** The row of the whole local day holding `ts` (epoch ms). */
export function queueDayRow(engine: Engine, q: QueueState, ts: number): QueueStatsRow {
  const day = engine.clock.dayOf(ts);
  return queueStatsRow(engine, q, day.starts, day.start, day.end);
}

/** The row of the interval holding `ts` (epoch ms). */
export function queueIntervalRow(engine: Engine, q: QueueState, ts: number): QueueStatsRow {
  const start = engine.clock.intervalStart(ts);
  return queueStatsRow(engine, q, [start], start, engine.clock.intervalEnd(start));
}
