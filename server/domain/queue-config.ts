import type { QueueKind } from '../protocol/backlog.ts';
import type { Channel } from '../protocol/events.ts';
import type { QueueTargets, QueueThresholds } from '../protocol/metrics.ts';

/** A queue's identity, targets and thresholds, after defaults are applied. */
export interface QueueConfig extends QueueTargets {
  id: string;
  tenant: string;
  name: string;
  /** When false, a call is handled at `call.ended` and the agent is available at once. */
  afterCallWork: boolean;
  thresholds: QueueThresholds;
  /** Mean caller patience (seconds); when set, staffing uses Erlang A. */
  patienceSeconds?: number;
  /** Realtime (answered while the customer waits) or deferred (worked before a deadline); unset: realtime until an email arrives. */
  kind?: QueueKind;
  /** A realtime wait with no outcome this long (seconds) is taken as lost (lost-waits.ts); default 4 h, 0 never. */
  lostWaitSeconds?: number;
  /** Deferred work: answer within this long (seconds); default one day. */
  responseTargetSeconds?: number;
  /** The channel the queue serves (default voice); sets the slots its agents offer. */
  channel?: Channel;
  /** Contacts of the queue's channel an agent skilled for it takes at once (default per channel, CHANNEL_CAPACITY). */
  capacity?: number;
}

/** Contacts at once an agent offers on a channel when nothing else is configured. */
export const CHANNEL_CAPACITY: Record<Channel, number> = { voice: 1, chat: 3, email: 2, sms: 3 };

/** The queue's channel (voice unless configured). */
export function queueChannel(cfg: QueueConfig): Channel {
  return cfg.channel ?? 'voice';
}

/** Slots an agent skilled for the queue offers on its channel: configured, else the channel's default. */
export function queueCapacity(cfg: QueueConfig): number {
  return cfg.capacity ?? CHANNEL_CAPACITY[queueChannel(cfg)];
}

export type QueueDefaults = Omit<QueueConfig, 'id' | 'tenant' | 'name' | 'thresholds'> & {
  thresholds?: Partial<QueueThresholds>;
};

export const QUEUE_DEFAULTS: QueueDefaults = {
  slThresholdSeconds: 20,
  slTarget: 0.8,
  slFormula: 'excludeShortAbandons',
  shortAbandonSeconds: 5,
  asaTargetSeconds: 20,
  abandonTarget: 0.07,
  afterCallWork: true,
};

/**
 * Thresholds that follow from the targets unless configured: service level turns amber below
 * target and red ten points below it; abandon rate amber at 3/4 of target, red above it; ASA
 * amber above target, red above twice it; longest wait amber past the SL threshold, red past 3x.
 */
export function defaultThresholds(t: QueueTargets): QueueThresholds {
  return {
    serviceLevel: { amber: t.slTarget, red: decimal(Math.max(0, t.slTarget - 0.1)) },
    abandonRate: { amber: decimal(t.abandonTarget * 0.75), red: t.abandonTarget },
    asaSeconds: { amber: t.asaTargetSeconds, red: t.asaTargetSeconds * 2 },
    longestWaitSeconds: { amber: t.slThresholdSeconds, red: t.slThresholdSeconds * 3 },
    waiting: { amber: 5, red: 10 },
  };
}

/**
 * `x` rounded to 9 decimals. Decimal targets less a decimal step leave binary residue
 * (0.8 - 0.1 = 0.7000000000000001), and a service level of exactly 70% then read as below the
 * red line of a queue whose target is 80%.
 */
export function decimal(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export type QueueOverrides = Partial<Omit<QueueConfig, 'id' | 'tenant' | 'thresholds'>> & {
  thresholds?: Partial<QueueThresholds>;
};

/** A full queue config from an id, a tenant, configured overrides and the centre's defaults. */
export function makeQueueConfig(
  id: string,
  tenant: string,
  overrides: QueueOverrides = {},
  defaults: QueueDefaults = QUEUE_DEFAULTS,
): QueueConfig {
  const merged = { ...defaults, ...overrides };
  return {
    ...merged,
    id,
    tenant,
    name: overrides.name ?? id,
    thresholds: { ...defaultThresholds(merged), ...defaults.thresholds, ...overrides.thresholds },
  };
}
