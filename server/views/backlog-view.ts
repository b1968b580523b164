import { backlogAges, DeferredBucket, isDeferred, responseTargetSeconds } from '../domain/backlog.ts';
import { bucketKey, type Engine, type QueueState } from '../domain/engine.ts';
import type { BacklogIntervalRow, BacklogView } from '../protocol/backlog.ts';
import { statusLowerBetter } from '../protocol/status.ts';

const EMPTY = new DeferredBucket();

/**
 * One row per interval of the local day holding `dayStart` up to the one holding `engine.now`:
 * arrivals (from the arrival buckets), departures and handling (from the deferred buckets, by
 * the interval they happened in), and the backlog at each interval's end, counted back from
 * the items waiting now: backlog(end of i−1) = backlog(end of i) − arrived(i) + left(i).
 */
export function backlogIntervals(engine: Engine, q: QueueState, dayStart: number): BacklogIntervalRow[] {
  const clock = engine.clock;
  const now = engine.now;
  const day = clock.dayOf(dayStart);
  const starts = day.starts.filter((s) => s <= now);
  const rows: BacklogIntervalRow[] = new Array(starts.length);
  let backlog = q.waiting.size;
  // Whole days after this one also moved the backlog: undo them first (a past date was asked for).
  for (let s = day.end; s <= now; s = clock.intervalEnd(s)) {
    const key = bucketKey(s);
    backlog += -(q.buckets.get(key)?.offered ?? 0) + (q.deferred?.get(key)?.left ?? 0);
  }
  for (let i = starts.length - 1; i >= 0; i--) {
    const key = bucketKey(starts[i]);
    const arrived = q.buckets.get(key)?.offered ?? 0;
    const d = q.deferred?.get(key) ?? EMPTY;
    rows[i] = {
      start: clock.iso(starts[i]),
      end: clock.iso(clock.intervalEnd(starts[i])),
      arrived,
      handled: d.handled,
      answered: d.answered,
      answeredInTarget: d.answeredInTarget,
      abandoned: d.abandoned,
      backlogAtEnd: backlog,
    };
    backlog = backlog - arrived + d.left;
  }
  return rows;
}

/** The backlog tile of a deferred queue at `engine.now`, or null for a realtime queue. */
export function backlogView(engine: Engine, q: QueueState): BacklogView | null {
  const cfg = q.config;
  if (!isDeferred(cfg)) return null;
  const now = engine.now;
  const target = responseTargetSeconds(cfg);
  const ages = backlogAges(
    (function* () {
      for (const w of q.waiting.values()) yield w.queuedTs;
    })(),
    now,
    target,
  );
  const day = engine.clock.dayOf(now);
  const today = new DeferredBucket();
  for (const s of day.starts) {
    if (s > now) break;
    const d = q.deferred?.get(bucketKey(s));
    if (!d) continue;
    today.handled += d.handled;
    today.answered += d.answered;
    today.answeredInTarget += d.answeredInTarget;
    today.abandoned += d.abandoned;
    today.shortAbandoned += d.shortAbandoned;
  }
  const denominator = today.answered + today.abandoned - today.shortAbandoned;
  const intervals = backlogIntervals(engine, q, day.start);
  return {
    responseTargetSeconds: target,
    backlog: ages.count,
    oldestAgeSeconds: ages.oldestAgeSeconds,
    overdue: ages.overdue,
    breachingWithinHour: ages.breachingWithinHour,
    handledInterval: intervals.at(-1)?.handled ?? 0,
    handledToday: today.handled,
    answeredToday: today.answered,
    answeredInTargetToday: today.answeredInTarget,
    abandonedToday: today.abandoned,
    shortAbandonedToday: today.shortAbandoned,
    responseServiceLevelToday: denominator > 0 ? today.answeredInTarget / denominator : null,
    responseSlCalls: denominator,
    intervals,
    status: {
      // The oldest item turns amber in its last quarter before the target and red past it.
      oldestAge: statusLowerBetter(ages.oldestAgeSeconds, { amber: target * 0.75, red: target }),
      breaching: ages.overdue > 0 ? 'red' : ages.breachingWithinHour > 0 ? 'amber' : 'ok',
    },
  };
}
