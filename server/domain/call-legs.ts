/**
 * A call's legs, one per visit to a queue, chained from the tenant's `calls` entry for its id.
 *
 * A call may be in two queues at once (an ACD queuing it to several skills, or a flow-out whose
 * dequeue arrives after the next queue's `call.queued`), or visit a queue twice. Keying by call
 * id alone made the second leg an anomaly in some arrival orders and not in others; events that
 * name a queue find their leg by queue, conversation events find the answered leg by agent.
 * Nearly every call has one leg, so each lookup is one map read and one comparison.
 */
import { ABANDONED, ANSWERED, FLOWED_OUT, NONE, type CallLeg } from './call-leg.ts';

/** The legs of every call, by call id: the first leg, whose `next` chains the rest. */
export type CallLegs = Map<string, CallLeg>;

/**
 * The leg of `queueId` an outcome at `ts` (epoch ms) belongs to: the one still waiting there
 * (queued last by `ts` when there are several, else the first queued), else the latest leg there
 * that did not flow out (the outcome repeats it, or ends a later visit whose queuing is on its
 * way); null when the call has no leg there, or only legs that flowed out (it came back: a new leg).
 */
export function legForOutcome(head: CallLeg | undefined, queueId: string, ts: number): CallLeg | null {
  let open: CallLeg | null = null;
  let left: CallLeg | null = null;
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (l.queueId !== queueId) continue;
    if (l.outcome === NONE) {
      if (open === null || waitsCloser(l, open, ts)) open = l;
    } else if (l.outcome !== FLOWED_OUT) left = l;
  }
  return open ?? left;
}

/** Whether waiting leg `l` is likelier than `than` to be the one an outcome at `ts` ends: queued by then, and later. */
function waitsCloser(l: CallLeg, than: CallLeg, ts: number): boolean {
  const by = l.queuedTs <= ts;
  if (by !== than.queuedTs <= ts) return by;
  return by ? l.queuedTs > than.queuedTs : l.queuedTs < than.queuedTs;
}

/**
 * What a `call.queued` in `queueId` at `ts` (epoch ms) meets: `fill`, the leg there that an
 * outcome opened before its queuing arrived; else `clash`, a visit there it falls in: `waiting`
 * when that one is still waiting there (its flow-out may be on its way), else one queued by `ts`
 * and left after it other than by flowing out (queued twice); all null for a new visit (a call
 * answered, transferred and queued here again is one).
 */
export function legForQueued(head: CallLeg | undefined, queueId: string, ts: number): { fill: CallLeg | null; clash: CallLeg | null; waiting: boolean } {
  let waiting: CallLeg | null = null;
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (l.queueId !== queueId) continue;
    if (Number.isNaN(l.queuedTs)) return { fill: l, clash: null, waiting: false };
    if (l.outcome === NONE) waiting = l;
    else if (l.outcome !== FLOWED_OUT && l.queuedTs <= ts && !(l.outcomeTs < ts)) return { fill: null, clash: l, waiting: false };
  }
  return { fill: null, clash: waiting, waiting: waiting !== null };
}

/**
 * The leg a conversation event of `agentId` at `ts` (epoch ms) belongs to: of the legs that agent
 * answered, the one answered last by `ts` (a call transferred back to the agent has two); null
 * when it answered none by then (the answer may be on its way). With `late`, when the wait for it
 * is over, the first it answered after `ts` does (its clock a little behind the switch's).
 */
export function agentsLeg(head: CallLeg | undefined, agentId: string, ts: number, late = false): CallLeg | null {
  let before: CallLeg | null = null;
  let after: CallLeg | null = null;
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (l.outcome !== ANSWERED || l.agentId !== agentId) continue;
    if (l.outcomeTs <= ts) {
      if (!before || l.outcomeTs >= before.outcomeTs) before = l;
    } else if (!after || l.outcomeTs < after.outcomeTs) after = l;
  }
  return before ?? (late ? after : null);
}

/** Who answered the call, when no leg of `agentId` is found (for an agent-mismatch), or null. */
export function answeredBy(head: CallLeg | undefined): string | null {
  for (let l: CallLeg | null | undefined = head; l; l = l.next) if (l.outcome === ANSWERED) return l.agentId;
  return null;
}

/**
 * Most legs one call keeps at once. A real call visits a handful of queues; a feed naming one
 * call id in thousands of queues would make every lookup of that call walk them all.
 */
export const MAX_LEGS_PER_CALL = 16;

/** Whether the call whose first leg is `head` has no room for another leg. */
export function legsFull(head: CallLeg | undefined): boolean {
  let n = 0;
  for (let l: CallLeg | null | undefined = head; l; l = l.next) if (++n >= MAX_LEGS_PER_CALL) return true;
  return false;
}

/** Adds `leg` to its call's chain (last); `head`, when the caller has looked it up already, is the chain's first leg (undefined: none). */
export function linkLeg(calls: CallLegs, leg: CallLeg, head: CallLeg | undefined | null = null): void {
  if (head === null) head = calls.get(leg.callId);
  if (!head) {
    calls.set(leg.callId, leg);
    return;
  }
  let last = head;
  while (last.next) last = last.next;
  last.next = leg;
}

/** Takes `leg` out of its call's chain, if it is there. */
export function unlinkLeg(calls: CallLegs, leg: CallLeg): void {
  const head = calls.get(leg.callId);
  if (head === leg) {
    if (leg.next) calls.set(leg.callId, leg.next);
    else calls.delete(leg.callId);
    leg.next = null;
    return;
  }
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (l.next === leg) {
      l.next = leg.next;
      leg.next = null;
      return;
    }
  }
}

/** Every leg of every call, each call's in chain order. */
export function* allLegs(calls: CallLegs): Generator<CallLeg> {
  for (const head of calls.values()) for (let l: CallLeg | null = head; l; l = l.next) yield l;
}

/**
 * Whether `l` ended the call everywhere at its outcome time: a caller answered in one queue, or
 * who hung up, waits in no other. (A flow-out does not: the call may wait on elsewhere.)
 */
export function leftEverywhere(l: CallLeg): boolean {
  return (l.outcome === ANSWERED || l.outcome === ABANDONED) && l.outbound !== true;
}

/**
 * When (epoch ms) waiting leg `w` was left by the call's answer or abandon elsewhere: the earliest
 * such outcome after its queuing, or Infinity. Taking the earliest, not the first judged, makes
 * the answer the same in whatever order the checks run.
 */
export function leftAt(head: CallLeg | undefined, w: CallLeg): number {
  let at = Infinity;
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (l !== w && leftEverywhere(l) && l.outcomeTs > w.queuedTs && l.outcomeTs < at) at = l.outcomeTs;
  }
  return at;
}

/** The call's legs still waiting in a queue (queued, no outcome yet). */
export function waitingLegs(head: CallLeg | undefined): CallLeg[] {
  const out: CallLeg[] = [];
  for (let l: CallLeg | null | undefined = head; l; l = l.next) if (l.outcome === NONE && !Number.isNaN(l.queuedTs)) out.push(l);
  return out;
}
