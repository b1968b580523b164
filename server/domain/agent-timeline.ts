import { AGENT_STATES, type AgentStateName } from '../protocol/events.ts';
import { compareOrder } from './event-rank.ts';
import { insertAt, lowerBound, removeAt, upperBound } from './sorted.ts';

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

/** A state with its reason and queue. */
export interface StateCode {
  state: number;
  reason: string | null;
  queueId: string | null;
}
const OFFLINE_CODE: StateCode = { state: OFFLINE, reason: null, queueId: null };

/** An agent timeline as plain data (snapshots). */
export interface TimelineData {
  ts: number[];
  rank: number[];
  id: string[];
  code: number[];
  handled: number[] | null;
}

/** Most state changes one agent's timeline keeps (a busy agent makes a few hundred a day). */
export const MAX_CHANGES = 20_000;

/** Called when a change to a timeline moves availability by `d` (+1 or -1) over [from, to), epoch ms. */
export type AvailabilityWatch = (from: number, to: number, d: number) => void;

/** 1 when `state` counts as available, else 0. */
const avail = (state: number): number => (state === AVAILABLE ? 1 : 0);

/** Changes `stateBefore` walks on from its hint before it falls back to a binary search. */
const HINT_STEPS = 8;

/**
 * Interns (state, reason, queue) triples so a timeline stores one small integer a change. One
 * table per engine: a replay or another floor never shares (or grows) the live one's table.
 */
export class StateCodes {
  readonly list: StateCode[] = [];
  /** state -> reason -> queue -> code; nested maps so a lookup allocates nothing. */
  private index = new Map<number, Map<string | null, Map<string | null, number>>>();
  /** Codes of reasonless states per queue: the call states, looked up with one hash. */
  private plain = new Map<string | null, number[]>();

  codeOf(state: number, reason: string | null, queueId: string | null): number {
    if (reason === null) {
      let byState = this.plain.get(queueId);
      if (!byState) this.plain.set(queueId, (byState = []));
      return (byState[state] ??= this.nested(state, null, queueId));
    }
    return this.nested(state, reason, queueId);
  }

  private nested(state: number, reason: string | null, queueId: string | null): number {
    let byReason = this.index.get(state);
    if (!byReason) this.index.set(state, (byReason = new Map()));
    let byQueue = byReason.get(reason);
    if (!byQueue) byReason.set(reason, (byQueue = new Map()));
    let code = byQueue.get(queueId);
    if (code === undefined) {
      code = this.list.push({ state, reason, queueId }) - 1;
      byQueue.set(queueId, code);
    }
    return code;
  }
}

/**
 * An agent's state changes, kept in the canonical event order (time, then event rank, then
 * event id). Each event sets a state at its own instant, so inserting a late event in its
 * place gives the same timeline as receiving it in order, whatever order events of the same
 * millisecond arrive in; durations are derived on demand, never accumulated.
 */
export class AgentTimeline {
  private ts: number[] = [];
  private rank: number[] = [];
  private id: string[] = [];
  /** Interned (state, reason, queue) of each change. */
  private code: number[] = [];
  /** Instants at which the agent finished handling a call (epoch ms); allocated on first use. */
  private handled: number[] | null = null;
  /**
   * Time and state of the latest change (-Infinity and OFFLINE when none), kept beside the
   * arrays: `stateBefore` asks it for every agent of a queue per queued call, and reading two
   * fields of this object costs fewer cache misses than four arrays and the code table.
   */
  private lastTs = -Infinity;
  private lastState = OFFLINE;
  /** Index of the change `stateBefore` last found: where its next search starts (may be stale). */
  private hint = 0;
  /**
   * Told of every change that moves the agent's availability (sets, late inserts, unsets; not
   * loads or trims, after which the owner rebuilds or folds what it derived): the engine's
   * per-queue available counts follow the timeline this way.
   */
  watch: AvailabilityWatch | null = null;

  constructor(private readonly codes: StateCodes) {}

  get length(): number {
    return this.ts.length;
  }

  /**
   * Records that from `ts` (epoch ms) the agent is in `state`, set by event `id` of order
   * `rank`. Of several changes in one millisecond only the last in the canonical order lasts
   * any time, so only it is kept: arrival order cannot matter, and a flood of events at one
   * instant costs nothing. Returns false (and records nothing) when the timeline already holds
   * MAX_CHANGES changes, a bound no real agent's day comes near.
   */
  set(ts: number, rank: number, id: string, state: number, reason: string | null, queueId: string | null): boolean {
    const n = this.ts.length;
    // Insert after every change earlier than ts, replacing the one at ts if this one is later in order.
    const i = n === 0 || ts > this.ts[n - 1] ? n : lowerBound(this.ts, ts);
    if (i < n && this.ts[i] === ts) {
      if (compareOrder(ts, rank, id, ts, this.rank[i], this.id[i]) > 0) {
        const was = this.codes.list[this.code[i]].state;
        this.rank[i] = rank;
        this.id[i] = id;
        this.code[i] = this.codes.codeOf(state, reason, queueId);
        if (i === n - 1) this.lastState = state;
        this.moved(ts, i + 1 < n ? this.ts[i + 1] : Infinity, was, state);
      }
      return true;
    }
    if (n >= MAX_CHANGES) return false;
    const code = this.codes.codeOf(state, reason, queueId);
    if (i === n) {
      const was = this.lastState;
      this.ts.push(ts);
      this.rank.push(rank);
      this.id.push(id);
      this.code.push(code);
      this.lastTs = ts;
      this.lastState = state;
      this.moved(ts, Infinity, was, state);
      return true;
    }
    const was = i > 0 ? this.codes.list[this.code[i - 1]].state : OFFLINE;
    const until = this.ts[i];
    insertAt(this.ts, i, ts);
    insertAt(this.rank, i, rank);
    insertAt(this.id, i, id);
    insertAt(this.code, i, code);
    this.moved(ts, until, was, state);
    return true;
  }

  /** Tells the watch that [from, to) went from state `was` to `now`, if that changed availability. */
  private moved(from: number, to: number, was: number, now: number): void {
    const d = avail(now) - avail(was);
    if (d !== 0 && this.watch) this.watch(from, to, d);
  }

  /** Changes at or after `from` (epoch ms), found by a binary search: what `forEachAvailabilityStep(from)` reads. */
  changesSince(from: number): number {
    return this.ts.length - (from === -Infinity ? 0 : lowerBound(this.ts, from));
  }

  /**
   * Calls `visit` with each instant (epoch ms) the agent's availability changes and by how much
   * (+1 or -1), in time order; the changes before `from` come as one step, at the last of them
   * (what they add up to), so a caller that sums everything before `from` walks only the rest.
   * Stops when `visit` returns false.
   */
  forEachAvailabilityStep(from: number, visit: (ts: number, d: number) => boolean): void {
    const list = this.codes.list;
    let i = from === -Infinity ? 0 : lowerBound(this.ts, from);
    let was = 0;
    if (i > 0) {
      was = avail(list[this.code[i - 1]].state);
      if (was !== 0 && !visit(this.ts[i - 1], was)) return;
    }
    for (; i < this.ts.length; i++) {
      const a = avail(list[this.code[i]].state);
      if (a !== was && !visit(this.ts[i], a - was)) return;
      was = a;
    }
  }

  /**
   * Removes the change event `id` made at `ts` (epoch ms), if it is the one kept there: a contact
   * first counted as voice turned out to be of another channel. Returns whether one was removed.
   */
  unset(ts: number, id: string): boolean {
    const i = lowerBound(this.ts, ts);
    if (i >= this.ts.length || this.ts[i] !== ts || this.id[i] !== id) return false;
    const list = this.codes.list;
    const was = list[this.code[i]].state;
    const now = i > 0 ? list[this.code[i - 1]].state : OFFLINE;
    removeAt(this.ts, i);
    removeAt(this.rank, i);
    removeAt(this.id, i);
    removeAt(this.code, i);
    this.syncLast();
    this.moved(ts, i < this.ts.length ? this.ts[i] : Infinity, was, now);
    return true;
  }

  /** The state in force at `t` (epoch ms): set by the last change at or before it; offline before any. */
  stateAt(t: number): number {
    return this.codeAt(t).state;
  }

  /** The state, reason and queue in force at `t` (epoch ms); offline before the first change. */
  codeAt(t: number): StateCode {
    const i = upperBound(this.ts, t) - 1;
    return i >= 0 ? this.codes.list[this.code[i]] : OFFLINE_CODE;
  }

  /** Time (epoch ms) of the latest change before `t` (at or before it when `inclusive`), or -Infinity. */
  changeBefore(t: number, inclusive = false): number {
    const i = (inclusive ? upperBound(this.ts, t) : lowerBound(this.ts, t)) - 1;
    return i >= 0 ? this.ts[i] : -Infinity;
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
    const list = this.codes.list;
    const { state, reason } = list[this.code[n - 1]];
    let i = n - 1;
    while (i > 0 && list[this.code[i - 1]].state === state && list[this.code[i - 1]].reason === reason) i--;
    let queueId: string | null = null;
    for (let j = n - 1; j >= 0 && queueId === null; j--) queueId = list[this.code[j]].queueId;
    return { state, reason, since: this.ts[i], queueId };
  }

  /** Calls `visit` for each stretch of one state within [from, min(to, now)), in time order. */
  forEachSegment(from: number, to: number, now: number, visit: (s: Segment) => void): void {
    const end = Math.min(to, now);
    if (end <= from) return;
    const list = this.codes.list;
    let i = upperBound(this.ts, from) - 1;
    let start = from;
    let c: StateCode = i >= 0 ? list[this.code[i]] : OFFLINE_CODE;
    for (i++; i < this.ts.length && this.ts[i] < end; i++) {
      if (this.ts[i] > start) visit({ start, end: this.ts[i], state: c.state, reason: c.reason, queueId: c.queueId });
      start = this.ts[i];
      c = list[this.code[i]];
    }
    visit({ start, end, state: c.state, reason: c.reason, queueId: c.queueId });
  }

  /**
   * The state (code of AGENT_STATES) set by the last change earlier than `end` (epoch ms), or
   * OFFLINE before the first: what the last segment of `forEachSegment(from, end, end)` holds,
   * found by one binary search with nothing allocated (the engine asks it per agent per queued call).
   */
  stateBefore(end: number): number {
    // Events mostly come in time order, so the latest change is usually the one in force.
    if (this.lastTs < end) return this.lastState;
    // Else a queue's next caller mostly asks a little after the last one asked: walk on from
    // the change found then (a hint only: inserts may have moved it) before searching anew.
    const ts = this.ts;
    let i = this.hint;
    if (i < ts.length && ts[i] < end) {
      const stop = Math.min(ts.length - 1, i + HINT_STEPS);
      while (i < stop && ts[i + 1] < end) i++;
      if (i === stop && i + 1 < ts.length && ts[i + 1] < end) i = lowerBound(ts, end) - 1;
    } else {
      i = lowerBound(ts, end) - 1;
    }
    if (i < 0) return OFFLINE;
    this.hint = i;
    return this.codes.list[this.code[i]].state;
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
      this.rank.splice(0, keepFrom);
      this.id.splice(0, keepFrom);
      this.code.splice(0, keepFrom);
    }
    this.syncLast();
    if (this.handled?.length && this.handled[0] < cut) this.handled = this.handled.filter((t) => t >= cut);
  }

  /** The timeline as plain arrays, for a snapshot; codes index this engine's StateCodes. */
  toJSON(): TimelineData {
    return { ts: this.ts, rank: this.rank, id: this.id, code: this.code, handled: this.handled };
  }

  /** Restores what `toJSON` gave (with the same StateCodes numbering). */
  load(d: TimelineData): void {
    this.ts = d.ts;
    this.rank = d.rank;
    this.id = d.id;
    this.code = d.code;
    this.handled = d.handled;
    this.syncLast();
  }

  private syncLast(): void {
    const n = this.ts.length;
    this.lastTs = n > 0 ? this.ts[n - 1] : -Infinity;
    this.lastState = n > 0 ? this.codes.list[this.code[n - 1]].state : OFFLINE;
  }
}
