import type { Channel } from '../protocol/events.ts';
import type { AgentRecord, QueueState } from './tenant-floor.ts';
import type { QueueBucket } from './queue-bucket.ts';
import { ascending } from './sorted.ts';

export const NONE = 0;
export const ANSWERED = 1;
export const ABANDONED = 2;
export const FLOWED_OUT = 3;

export const COUNTED_OFFER = 1;
export const COUNTED_OUTCOME = 2;
export const COUNTED_HANDLED = 4;
export const COUNTED_SETTLED = 8;

/** One call's visit to one queue, from its events in whatever order they arrive. */
export interface CallLeg {
  callId: string;
  queueId: string;
  /** The queue itself and, once counted, the bucket of its arrival interval (saves lookups). */
  q: QueueState;
  bucket: QueueBucket | null;
  /** Waiting in the tenant's `orphans` for its call.queued. */
  orphan: boolean;
  agent: AgentRecord | null;
  queuedTs: number;
  /** Channel from call.queued; undefined until it arrives. */
  channel?: Channel;
  /** Priority from call.queued (higher is served first); 0 when none was given. */
  priority: number;
  outcome: number;
  outcomeTs: number;
  agentId: string | null;
  endedTs: number;
  wrappedTs: number;
  disposition: string | null;
  holds: number[] | null;
  retrieves: number[] | null;
  counted: number;
  countedHoldMs: number;
  /**
   * Service completions the call had to wait for when it was queued (its place in line less the
   * agents then available; 0 or less: an agent was free); unset when it was not queued first.
   */
  behind?: number;
  /** Answered as an outbound contact (`direction: "outbound"`): its talk time goes to its campaign. */
  outbound?: boolean;
  /** Latest event time when the first event of the leg arrived; orphans are judged from it. */
  firstSeen: number;
  /** The call's next leg (another queue, or a later visit); see call-legs.ts. */
  next: CallLeg | null;
}

/** A leg known only by its call and queue so far. */
export function newLeg(callId: string, q: QueueState, now: number): CallLeg {
  return {
    callId,
    queueId: q.config.id,
    q,
    bucket: null,
    orphan: false,
    agent: null,
    queuedTs: NaN,
    priority: 0,
    outcome: NONE,
    outcomeTs: NaN,
    agentId: null,
    endedTs: NaN,
    wrappedTs: NaN,
    disposition: null,
    holds: null,
    retrieves: null,
    counted: 0,
    countedHoldMs: 0,
    firstSeen: now,
    next: null,
    // Set later, but present from the start (last, in the order they are usually set) so that
    // every leg has one shape and setting them adds no property storage.
    channel: undefined,
    behind: undefined,
    outbound: undefined,
  };
}

/** Time on hold (ms): each hold paired with the next retrieve, or with the end of the call. */
export function holdMs(leg: CallLeg): number {
  if (!leg.holds) return 0;
  const holds = inOrder(leg.holds);
  const retrieves = leg.retrieves ? inOrder(leg.retrieves) : NO_TIMES;
  let total = 0;
  let r = 0;
  for (const h of holds) {
    while (r < retrieves.length && retrieves[r] < h) r++;
    const end = r < retrieves.length ? retrieves[r++] : leg.endedTs;
    total += Math.max(0, Math.min(end, leg.endedTs) - h);
  }
  return total;
}

const NO_TIMES: readonly number[] = [];

/** `times` in ascending order: itself when it already is (events mostly come in order), else a sorted copy. */
function inOrder(times: readonly number[]): readonly number[] {
  for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) return [...times].sort(ascending);
  return times;
}

/** Whether the call's handling is complete (ended, and wrapped when the queue has after-call work). */
export function isHandled(leg: CallLeg, afterCallWork: boolean): boolean {
  if (Number.isNaN(leg.endedTs)) return false;
  return !afterCallWork || !Number.isNaN(leg.wrappedTs);
}
