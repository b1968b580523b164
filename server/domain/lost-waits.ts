/**
 * A caller does not wait hours on the phone: a realtime wait with no outcome long after it
 * began is a call whose answer, abandon or dequeue the feed lost. Left alone it would wait all
 * day, its age the queue's longest wait on every screen. At `lostWaitSeconds` (default 4 h) the
 * wait ends as flowed out, with the anomaly `lost-wait`; deferred work (email) waits for days by
 * design and never ends so.
 */
import { isDeferred } from './backlog.ts';
import type { QueueConfig } from './queue-config.ts';

/** A realtime wait longer than this (seconds) is taken as lost when no `lostWaitSeconds` is configured. */
export const DEFAULT_LOST_WAIT_SECONDS = 4 * 3600;

/** How long (ms) a wait of the queue may last before it is lost; Infinity for deferred work or when configured 0. */
export function lostWaitMs(cfg: QueueConfig): number {
  if (isDeferred(cfg)) return Infinity;
  const seconds = cfg.lostWaitSeconds ?? DEFAULT_LOST_WAIT_SECONDS;
  return seconds > 0 ? seconds * 1000 : Infinity;
}
