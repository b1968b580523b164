/**
 * The "wait-time notification" of the field: which waiting callers get an updated estimate
 * now. Pure: time is passed in (epoch ms), estimates come from the caller (domain/ewt.ts), and
 * sending is someone else's job (server/notify/webhook.ts).
 */
import { z } from 'zod';
import { estimateWait, serviceOrder, type EwtInput, type EwtOptions } from './ewt.ts';

export const waitNotificationPolicySchema = z
  .object({
    /** Announce at every whole multiple of this many seconds of a caller's wait (60: at 1, 2, 3 minutes). */
    intervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(3600),
    /** Also announce when the estimate has moved by more than this many seconds since the last announcement. */
    changeSeconds: z.number().min(1).max(3600),
    /** A change never triggers an announcement sooner than this after the previous one. */
    minGapSeconds: z.number().min(0).max(3600).default(15),
    /** Announce the first estimate as the caller joins the queue. */
    onArrival: z.boolean().default(true),
  })
  .strict();

export type WaitNotificationPolicy = z.output<typeof waitNotificationPolicySchema>;

export const WAIT_NOTIFICATION_DEFAULTS: WaitNotificationPolicy = { intervalSeconds: 60, changeSeconds: 30, minGapSeconds: 15, onArrival: true };

/** A waiting caller with its current estimate. */
export interface CallerEstimate {
  tenant: string;
  queueId: string;
  callId: string;
  /** Epoch ms. */
  queuedAt: number;
  /** 1-based place in the service order. */
  position: number;
  /** Seconds; null when no estimate can be made. */
  estimatedWaitSeconds: number | null;
}

/** Every waiting caller of a queue with its estimate, in service order (one sort for the lot). */
export function waitingEstimates(input: EwtInput, options: Partial<EwtOptions> = {}): CallerEstimate[] {
  return serviceOrder(input.waiting).map((w, i) => ({
    tenant: input.tenant,
    queueId: input.queueId,
    callId: w.callId,
    queuedAt: w.queuedAt,
    position: i + 1,
    estimatedWaitSeconds: estimateWait(input, { position: i + 1 }, options).estimatedWaitSeconds,
  }));
}

export type NotificationReason = 'arrival' | 'interval' | 'change';

export interface WaitNotification extends CallerEstimate {
  /** Epoch ms. */
  at: number;
  waitedSeconds: number;
  reason: NotificationReason;
}

interface Announced {
  at: number;
  estimate: number | null;
  /** The last whole multiple of the interval announced (0 before the first minute, or none yet). */
  tick: number;
}

/** Remembers what each waiting caller was last told and decides who is due an update. */
export class WaitNotificationScheduler {
  private readonly announced = new Map<string, Announced>();

  constructor(readonly policy: WaitNotificationPolicy = WAIT_NOTIFICATION_DEFAULTS) {}

  /**
   * The notifications due at `now` (epoch ms) for the callers waiting now, recorded as sent.
   * Callers missing from `waiting` have left the queue and are forgotten.
   */
  due(now: number, waiting: readonly CallerEstimate[]): WaitNotification[] {
    const p = this.policy;
    const out: WaitNotification[] = [];
    const present = new Set<string>();
    for (const c of waiting) {
      const key = `${c.tenant}\u0000${c.callId}`;
      present.add(key);
      const waitedSeconds = Math.max(0, now - c.queuedAt) / 1000;
      const tick = Math.floor(waitedSeconds / p.intervalSeconds);
      const last = this.announced.get(key);
      const reason = this.reasonFor(last, tick, now, c.estimatedWaitSeconds);
      if (!reason) continue;
      this.announced.set(key, { at: now, estimate: c.estimatedWaitSeconds, tick });
      out.push({ ...c, at: now, waitedSeconds, reason });
    }
    for (const key of this.announced.keys()) if (!present.has(key)) this.announced.delete(key);
    return out;
  }

  /** How many callers the scheduler remembers (bounded by the callers waiting). */
  get size(): number {
    return this.announced.size;
  }

  private reasonFor(last: Announced | undefined, tick: number, now: number, estimate: number | null): NotificationReason | null {
    const p = this.policy;
    if (!last) {
      if (p.onArrival) return 'arrival';
      return tick >= 1 ? 'interval' : null;
    }
    if (tick > last.tick) return 'interval';
    if (now - last.at < p.minGapSeconds * 1000) return null;
    if (estimate === null || last.estimate === null) return estimate !== last.estimate ? 'change' : null;
    return Math.abs(estimate - last.estimate) > p.changeSeconds ? 'change' : null;
  }
}
