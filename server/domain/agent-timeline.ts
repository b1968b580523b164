import { AGENT_STATES, type AgentStateName } from '../protocol/events.ts';

/** State codes are indexes into AGENT_STATES. */
export const AVAILABLE = 0;
export const TALKING = 1;
export const HOLD = 2;
export const ACW = 3;
export const AUX = 4;
export const OFFLINE = 5;

export const stateName = (code: number): AgentStateName => AGENT_STATES[code];

/** A stretch of time in one state: [start, end) epoch ms. */
export interface Segment {
  start: number;
  end: number;
  state: number;
  reason: string | null;
  queueId: string | null;
}

/** A state with its reason and queue, interned so a timeline stores one small integer a change. */
interface StateCode {
  state: number;
  reason: string | null;
  queueId: string | null;
}
const codes: StateCode[] = [];
const OFFLINE_CODE: StateCode = { state: 5, reason: null, queueId: null };
/** state -> reason -> queue -> code; nested maps so a lookup allocates nothing. */
const codeIndex = new Map<number, Map<string | null, Map<string | null, number>>>();

/** Codes of reasonless states per queue: the call states, looked up with one hash. */
const plainCodes = new Map<string | null, number[]>();

function codeOf(state: number, reason: string | null, queueId: string | null): number {
  if (reason === null) {
    let byState = plainCodes.get(queueId);
    if (!byState) plainCodes.set(queueId, (byState = []));
    return (byState[state] ??= nestedCode(state, null, queueId));
  }
  return nestedCode(state, reason, queueId);
}

function nestedCode(state: number, reason: string | null, queueId: string | null): number {
  let byReason = codeIndex.get(state);
  if (!byReason) codeIndex.set(state, (byReason = new Map()));
  let byQueue = byReason.get(reason);
  if (!byQueue) byReason.set(reason, (byQueue = new Map()));
  let code = byQueue.get(queueId);
  if (code === undefined) {
    code = codes.push({ state, reason, queueId }) - 1;
    byQueue.set(queueId, code);
  }
  return code;
}

/**
 * An agent's state changes, kept sorted by time. Each event sets a state at its own instant,
 * so inserting a late event in its place gives the same timeline as receiving it in order;
 * durations are derived from the timeline on demand, never accumulated.
 */
export class AgentTimeline {
  private ts: number[] = [];
  /** Interned (state, reason, queue) of each change. */
  private code: number[] = [];
  /** Instants at which the agent finished handling a call (epoch ms); allocated on first use. */
  private handled: number[] | null = null;

  get length(): number {
    return this.ts.length;
  }

  /** Records that from `ts` (epoch ms) the agent is in `state`. */
  set(ts: number, state: number, reason: string | null, queueId: string | null): void {
    const code = codeOf(state, reason, queueId);
    const n = this.ts.length;
    if (n === 0 || ts >= this.ts[n - 1]) {
      this.ts.push(ts);
      this.code.push(code);
      return;
    }
    const i = upperBound(this.ts, ts);
    this.ts.splice(i, 0, ts);
    this.code.splice(i, 0, code);
  }

  /** Records a handled call at `ts` (epoch ms). */
  addHandled(ts: number): void {
    (this.handled ??= []).push(ts);
  }

  /** Calls handled in [from, to), epoch ms. */
  handledIn(from: number, to: number): number {
    let n = 0;
    for (const t of this.handled ?? []) if (t >= from && t < to) n++;
    return n;
  }

  /** The latest state, when it began (merging repeats of the same state) and its queue. */
  current(): { state: number; reason: string | null; since: number; queueId: string | null } {
    const n = this.ts.length;
    if (n === 0) return { state: OFFLINE, reason: null, since: 0, queueId: null };
    const { state, reason } = codes[this.code[n - 1]];
    let i = n - 1;
    while (i > 0 && codes[this.code[i - 1]].state === state && codes[this.code[i - 1]].reason === reason) i--;
    let queueId: string | null = null;
    for (let j = n - 1; j >= 0 && queueId === null; j--) queueId = codes[this.code[j]].queueId;
    return { state, reason, since: this.ts[i], queueId };
  }

  /** Calls `visit` for each stretch of one state within [from, min(to, now)), in time order. */
  forEachSegment(from: number, to: number, now: number, visit: (s: Segment) => void): void {
    const end = Math.min(to, now);
    if (end <= from) return;
    let i = upperBound(this.ts, from) - 1;
    let start = from;
    let c: StateCode = i >= 0 ? codes[this.code[i]] : OFFLINE_CODE;
    for (i++; i < this.ts.length && this.ts[i] < end; i++) {
      if (this.ts[i] > start) visit({ start, end: this.ts[i], state: c.state, reason: c.reason, queueId: c.queueId });
      start = this.ts[i];
      c = codes[this.code[i]];
    }
    visit({ start, end, state: c.state, reason: c.reason, queueId: c.queueId });
  }

  /** Milliseconds in each state code within [from, min(to, now)). */
  msByState(from: number, to: number, now: number): Float64Array {
    const out = new Float64Array(AGENT_STATES.length);
    this.forEachSegment(from, to, now, (s) => {
      out[s.state] += s.end - s.start;
    });
    return out;
  }

  /** Forgets changes before `cut` (epoch ms), keeping the one in force at `cut`. */
  trimBefore(cut: number): void {
    const keepFrom = upperBound(this.ts, cut) - 1;
    if (keepFrom > 0) {
      this.ts.splice(0, keepFrom);
      this.code.splice(0, keepFrom);
    }
    if (this.handled?.length && this.handled[0] < cut) this.handled = this.handled.filter((t) => t >= cut);
  }
}

/** Index of the first element greater than `x` in an ascending array. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
