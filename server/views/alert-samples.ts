/**
 * The one place alert rules read the floor: metric samples for AlertBook.observe from the
 * engine's queue tiles and from the live adherence view.
 */
import type { MetricSample } from '../domain/alerts.ts';
import type { Engine } from '../domain/engine.ts';
import type { LiveLists } from './adherence.ts';
import { queueView } from './queue-view.ts';
import { slCallsJudged, slJudged } from '../protocol/sl-sample.ts';

/**
 * Each queue's samples at `engine.now`. A realtime queue: service level now (the current
 * interval's, as the wallboard shows it; unknown until it counts MIN_SL_CALLS calls), calls waiting, longest wait (seconds) and today's abandon
 * rate. A deferred queue (email): the age of its oldest item (seconds) and today's response service
 * level (unknown until it counts MIN_SL_CALLS emails); no voice metrics, whose thresholds (20 s, callers waiting) would misjudge mail that may
 * wait hours.
 */
export function queueAlertSamples(engine: Engine, tenants: ReadonlySet<string> | null = null): MetricSample[] {
  const out: MetricSample[] = [];
  for (const q of engine.allQueues()) {
    const tenant = q.config.tenant;
    if (tenants && !tenants.has(tenant)) continue;
    const v = queueView(engine, q);
    const queueId = v.id;
    if (v.backlog) {
      out.push(
        // As a voice queue's: one late email of one is not 0% of a mailbox, so too few read as unknown.
        { tenant, queueId, metric: 'serviceLevel', value: slCallsJudged(v.backlog.responseSlCalls) ? v.backlog.responseServiceLevelToday : null },
        { tenant, queueId, metric: 'backlogAgeSeconds', value: v.backlog.oldestAgeSeconds ?? 0 },
      );
      continue;
    }
    out.push(
      // Too few calls to judge reads as unknown, which never breaches: one slow call of one is not 0% of a queue.
      { tenant, queueId, metric: 'serviceLevel', value: slJudged(v.interval, v.targets.slFormula) ? v.interval.serviceLevel : null },
      { tenant, queueId, metric: 'waitingCalls', value: v.waiting },
      { tenant, queueId, metric: 'longestWaitSeconds', value: v.longestWaitSeconds ?? 0 },
      { tenant, queueId, metric: 'abandonRate', value: v.today.abandonRate },
    );
  }
  return out;
}

/** A tenant's adherence exceptions now (agents out of adherence past the grace) as one tenant-wide sample. */
export function adherenceAlertSample(tenant: string, live: LiveLists): MetricSample {
  return { tenant, queueId: null, metric: 'adherenceExceptions', value: live.exceptions.filter((e) => e.tenant === tenant).length };
}
