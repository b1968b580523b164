import { dropFirst, insertAt, lowerBound, removeAt } from './sorted.ts';

/**
 * Most steps a count of `agents` agents keeps; past that it switches off (see `on`). Eight a
 * member holds a few minutes of a busy queue's changes, and makes a change cost at most about
 * what reading every member's timeline once costs.
 */
export function stepLimit(agents: number): number {
  return Math.max(2048, 8 * agents);
}

/**
 * Steps an insert may shift (those later than the new one); a change further back in time than
 * that switches the count off. Live feeds are seconds late, so their inserts shift a few steps.
 */
const SHIFT_MAX = 512;

/**
 * How many of a queue's agents are available at a given instant, kept as a step function so a
 * queued call asks it in a few steps instead of reading every agent's timeline (a queue of the
 * big floor has 400 agents, and the walk was a quarter of the engine's time on the ingest mix).
 * Each agent adds +1 where its timeline turns available and -1 where it stops being so; the
 * count before `end` is the sum of the steps earlier than `end`. Steps older than the fold
 * point are summed into one number, so memory holds only recent steps; an instant before the
 * fold point is not answered and the caller reads the timelines, as before.
 *
 * The work a change costs is bounded: a count that would keep more than `limit` steps (a
 * feed flapping agents' states, thousands of changes in minutes), or insert a step behind more
 * than SHIFT_MAX later ones, switches off, answers nothing and costs nothing until it is rebuilt
 * (queue-members.ts `recount`, at a fold, within a budget).
 */
export class AvailableCount {
  /** Step times (epoch ms), ascending and distinct, and the change at each. */
  private times: number[] = [];
  private deltas: number[] = [];
  /** Sum of every step, folded ones included: the count after the last step. */
  private total = 0;
  /** Steps earlier than this (epoch ms) are folded into `total`. */
  private foldedTo = -Infinity;
  /** False once switched off: nothing is kept or answered. */
  private live = true;

  /** Most steps kept (queue-members.ts sets it from the queue's agents: `stepLimit`). */
  limit: number;

  constructor(limit = stepLimit(0)) {
    this.limit = limit;
  }

  /** Whether the count is kept (and answers). */
  get on(): boolean {
    return this.live;
  }

  /** Stops keeping the count: it answers nothing until replaced by a rebuilt one. */
  switchOff(): void {
    this.live = false;
    this.times = [];
    this.deltas = [];
    this.total = 0;
  }

  /** Adds `d` to the count over [from, to) (epoch ms; `to` may be Infinity). */
  addSpan(from: number, to: number, d: number): void {
    this.add(from, d);
    if (to !== Infinity) this.add(to, -d);
  }

  /** Adds `d` to the count from `t` (epoch ms) on. */
  add(t: number, d: number): void {
    if (!this.live) return;
    this.total += d;
    if (t < this.foldedTo) return;
    const times = this.times;
    const n = times.length;
    const i = n === 0 || t > times[n - 1] ? n : lowerBound(times, t);
    const existing = i < n && times[i] === t;
    if (!existing && (n >= this.limit || n - i > SHIFT_MAX)) return this.switchOff();
    if (existing) {
      const sum = this.deltas[i] + d;
      if (sum === 0) {
        removeAt(times, i);
        removeAt(this.deltas, i);
      } else {
        this.deltas[i] = sum;
      }
    } else if (i === n) {
      times.push(t);
      this.deltas.push(d);
    } else {
      insertAt(times, i, t);
      insertAt(this.deltas, i, d);
    }
  }

  /**
   * Agents available just before `end` (epoch ms): the sum of the steps earlier than `end`, as
   * AgentTimeline.stateBefore reads a state. Returns -1 (not known here) when `end` is before the
   * fold point or more than `maxSteps` steps lie at or after it: the caller then reads the
   * timelines, which costs about as much as those steps would.
   */
  before(end: number, maxSteps: number): number {
    if (!this.live || end < this.foldedTo) return -1;
    const times = this.times;
    let count = this.total;
    const stop = Math.max(0, times.length - maxSteps);
    let i = times.length - 1;
    for (; i >= stop && times[i] >= end; i--) count -= this.deltas[i];
    return i >= 0 && i < stop && times[i] >= end ? -1 : count;
  }

  /** Folds the steps earlier than `cut` (epoch ms) into one sum: instants before it are no longer answered. */
  foldBefore(cut: number): void {
    if (cut <= this.foldedTo) return;
    this.foldedTo = cut;
    const k = lowerBound(this.times, cut);
    // In place: splice (and copyWithin, in V8) allocate on every fold.
    if (k > 0) {
      dropFirst(this.times, k);
      dropFirst(this.deltas, k);
    }
  }

  /** Instants before this (epoch ms) are not answered; steps earlier than it are summed in one total. */
  get foldPoint(): number {
    return this.foldedTo;
  }

  /** Steps kept (not folded). */
  get length(): number {
    return this.times.length;
  }
}
