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

/**
 * An agent's state changes, kept sorted by time. Each event sets a state at its own instant,
 * so inserting a late event in its place gives the same timeline as receiving it in order;
 * durations are derived from the timeline on demand, never accumulated.
 */
export class AgentTimeline {
  private ts: number[] = [];
  private state: number[] = [];
  private reason: (string | null)[] = [];
  private queue: (string | null)[] = [];
  /** Instants at which the agent finished handling a call (epoch ms). */
  private handled: number[] = [];

  get length(): number {
    return this.ts.length;
  }

  /** Records that from `ts` (epoch ms) the agent is in `state`. */
  set(ts: number, state: number, reason: string | null, queueId: string | null): void {
    const n = this.ts.length;
    if (n === 0 || ts >= this.ts[n - 1]) {
      this.ts.push(ts);
      this.state.push(state);
      this.reason.push(reason);
      this.queue.push(queueId);
      return;
    }
    const i = upperBound(this.ts, ts);
    this.ts.splice(i, 0, ts);
    this.state.splice(i, 0, state);
    this.reason.splice(i, 0, reason);
    this.queue.splice(i, 0, queueId);
  }

  /** Records a handled call at `ts` (epoch ms). */
  addHandled(ts: number): void {
    this.handled.push(ts);
  }

  /** Calls handled in [from, to), epoch ms. */
  handledIn(from: number, to: number): number {
    let n = 0;
    for (const t of this.handled) if (t >= from && t < to) n++;
    return n;
  }

  /** The latest state, when it began (merging repeats of the same state) and its queue. */
  current(): { state: number; reason: string | null; since: number; queueId: string | null } {
    const n = this.ts.length;
    if (n === 0) return { state: OFFLINE, reason: null, since: 0, queueId: null };
    const state = this.state[n - 1];
    const reason = this.reason[n - 1];
    let i = n - 1;
    while (i > 0 && this.state[i - 1] === state && this.reason[i - 1] === reason) i--;
    let queueId: string | null = null;
    for (let j = n - 1; j >= 0 && queueId === null; j--) queueId = this.queue[j];
    return { state, reason, since: this.ts[i], queueId };
  }

  /** The state in force at `ts` (epoch ms); offline before the first change. */
  stateAt(ts: number): number {
    const i = upperBound(this.ts, ts) - 1;
    return i >= 0 ? this.state[i] : OFFLINE;
  }

  /** Calls `visit` for each stretch of one state within [from, min(to, now)), in time order. */
  forEachSegment(from: number, to: number, now: number, visit: (s: Segment) => void): void {
    const end = Math.min(to, now);
    if (end <= from) return;
    let i = upperBound(this.ts, from) - 1;
    let start = from;
    let state = i >= 0 ? this.state[i] : OFFLINE;
    let reason = i >= 0 ? this.reason[i] : null;
    let queueId = i >= 0 ? this.queue[i] : null;
    for (i++; i < this.ts.length && this.ts[i] < end; i++) {
      if (this.ts[i] > start) visit({ start, end: this.ts[i], state, reason, queueId });
      start = this.ts[i];
      state = this.state[i];
      reason = this.reason[i];
      queueId = this.queue[i];
    }
    visit({ start, end, state, reason, queueId });
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
      this.state.splice(0, keepFrom);
      this.reason.splice(0, keepFrom);
      this.queue.splice(0, keepFrom);
    }
    if (this.handled.length && this.handled[0] < cut) this.handled = this.handled.filter((t) => t >= cut);
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
