/**
 * Deferred work (email, back-office messaging): which queues hold it, and the running sums of
 * its departures. A deferred item's wait is hours, so its answer usually lands in a later
 * interval (often a later day) than its arrival: departures and handling are summed by the
 * interval they happen in, beside the arrival-interval buckets every queue keeps.
 */
import type { Channel } from '../protocol/events.ts';
import { ABANDONED, ANSWERED } from './call-leg.ts';
import type { QueueConfig } from './queue-config.ts';
import type { QueueState } from './tenant-floor.ts';

/** Response target of a deferred queue when none is configured (seconds): one day. */
export const DEFAULT_RESPONSE_TARGET_SECONDS = 86_400;

/** "Will breach within the next hour" looks this far ahead (seconds). */
export const BREACH_HORIZON_SECONDS = 3_600;

/** Sums of one deferred queue's departures and handling that happened in one interval. Times in ms. */
export class DeferredBucket {
  /** Answered, abandoned and flowed out: everything that left the backlog. */
  left = 0;
  answered = 0;
  answeredInTarget = 0;
  abandoned = 0;
  shortAbandoned = 0;
  handled = 0;
  /** Talk + hold + after-call work of the items handled in the interval. */
  handleMs = 0;
}

/** Whether a queue holds deferred work (configured so, or made so by its first email). */
export function isDeferred(cfg: QueueConfig): boolean {
  return cfg.kind === 'deferred';
}

/** The queue's response target (seconds). */
export function responseTargetSeconds(cfg: QueueConfig): number {
  return cfg.responseTargetSeconds ?? DEFAULT_RESPONSE_TARGET_SECONDS;
}

/**
 * Engine hook on `call.queued`: a queue with no configured channel takes the channel of its
 * first non-voice contact (so its agents offer that channel's slots), and its first email makes
 * it deferred work; neither switches back. Returns whether the queue's config changed.
 */
export function noteChannel(q: QueueState, channel: Channel | undefined): boolean {
  if (channel === undefined || channel === 'voice') return false;
  let cfg = q.config;
  if (cfg.channel === undefined) cfg = { ...cfg, channel };
  if (channel === 'email' && cfg.kind === undefined) cfg = { ...cfg, kind: 'deferred' };
  if (cfg === q.config) return false;
  q.config = cfg;
  return true;
}

/** The queue's bucket of the interval keyed `key` (see engine `bucketKey`), created on first use. */
function bucketAt(q: QueueState, key: number): DeferredBucket {
  const map = (q.deferred ??= new Map());
  let b = map.get(key);
  if (!b) map.set(key, (b = new DeferredBucket()));
  return b;
}

/** Engine hook when a deferred item leaves the queue: `outcome` as in call-leg.ts, wait in ms. */
export function recordDeparture(q: QueueState, key: number, outcome: number, waitMs: number): void {
  const b = bucketAt(q, key);
  b.left++;
  if (outcome === ANSWERED) {
    b.answered++;
    // Within target is inclusive, as answeredInSL is: wait <= target.
    if (waitMs <= responseTargetSeconds(q.config) * 1000) b.answeredInTarget++;
  } else if (outcome === ABANDONED) {
    b.abandoned++;
    if (waitMs < q.config.shortAbandonSeconds * 1000) b.shortAbandoned++;
  }
}

/** Engine hook when a deferred item's handling ends in the interval keyed `key`; `handleMs` talk + hold + acw. */
export function recordHandled(q: QueueState, key: number, handleMs: number): void {
  const b = bucketAt(q, key);
  b.handled++;
  b.handleMs += handleMs;
}

/** Drops departure sums of intervals keyed before `cutKey` (the engine's retention). */
export function forgetDeferredBefore(q: QueueState, cutKey: number): void {
  if (!q.deferred) return;
  for (const key of q.deferred.keys()) if (key < cutKey) q.deferred.delete(key);
}

/** Backlog figures at `now` (epoch ms) of waiting items queued at `queuedAt` values (epoch ms). */
export interface BacklogAges {
  count: number;
  oldestAgeSeconds: number | null;
  /** Age > target. */
  overdue: number;
  /** target − horizon < age <= target: in target now, past it before now + horizon. */
  breachingWithinHour: number;
}

/**
 * Counts a backlog's ages against a response target (seconds). An item of age exactly the
 * target is still within it (as an answer at that wait would be); one with exactly an hour
 * left (age = target − 3600) is not counted as breaching within the hour, since at now + 1 h
 * its age equals the target and it is still in time.
 */
export function backlogAges(queuedAts: Iterable<number>, now: number, targetSeconds: number, horizonSeconds = BREACH_HORIZON_SECONDS): BacklogAges {
  const target = targetSeconds * 1000;
  const soon = target - horizonSeconds * 1000;
  let count = 0;
  let oldest: number | null = null;
  let overdue = 0;
  let breaching = 0;
  for (const at of queuedAts) {
    count++;
    if (oldest === null || at < oldest) oldest = at;
    const age = Math.max(0, now - at);
    if (age > target) overdue++;
    else if (age > soon) breaching++;
  }
  return { count, oldestAgeSeconds: oldest === null ? null : Math.max(0, now - oldest) / 1000, overdue, breachingWithinHour: breaching };
}
