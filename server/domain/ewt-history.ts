/**
 * A queue's recent past as the wait-time estimator needs it: bounded rings of the latest
 * departures from the queue (answered, abandoned, flowed out, with their waits) and of the
 * latest handle times. Pure and bounded: the engine can keep one per queue and feed it from
 * the call events it already settles; until it does, the accuracy harness feeds it.
 */

export type Departure = 'answered' | 'abandoned' | 'flowedOut';

/** A fixed-size ring of numbers, oldest overwritten first. */
class Ring {
  private readonly values: Float64Array;
  private next = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  push(v: number): void {
    this.values[this.next] = v;
    if (++this.next === this.capacity) this.next = 0;
    if (this.size < this.capacity) this.size++;
  }

  /** The latest `n` values, oldest first. */
  latest(n: number): number[] {
    const k = Math.min(n, this.size);
    const out = new Array<number>(k);
    for (let i = 0; i < k; i++) out[i] = this.values[(this.next - k + i + this.capacity) % this.capacity];
    return out;
  }
}

export interface HistoryLimits {
  /** How many departures (any outcome) are kept for the abandonment hazard. */
  departures: number;
  /** How many answered waits are kept. */
  answered: number;
  /** How many handle times are kept. */
  handled: number;
}

export const HISTORY_DEFAULTS: HistoryLimits = { departures: 100, answered: 50, handled: 50 };

/** A QueueHistory as JSON-ready data, oldest first; an unknown `behind` is null. */
export interface QueueHistoryData {
  answered: [waitSeconds: number, behind: number | null][];
  handled: number[];
  departed: [waitSeconds: number, abandoned: 0 | 1][];
}

/** The recent departures and handle times of one queue. */
export class QueueHistory {
  private readonly answeredWaits: Ring;
  private readonly answeredBehind: Ring;
  private readonly handleTimes: Ring;
  private readonly departWaits: Ring;
  /** 1 for an abandon, 0 otherwise, aligned with `departWaits`. */
  private readonly departAbandoned: Ring;

  constructor(readonly limits: HistoryLimits = HISTORY_DEFAULTS) {
    this.answeredWaits = new Ring(limits.answered);
    this.answeredBehind = new Ring(limits.answered);
    this.handleTimes = new Ring(limits.handled);
    this.departWaits = new Ring(limits.departures);
    this.departAbandoned = new Ring(limits.departures);
  }

  /**
   * Records a call leaving the queue after `waitSeconds`; `behind` is how many service
   * completions it had to wait for when it arrived (its position less the agents then free;
   * 0 or less: an agent was free), when known.
   */
  recordDeparture(outcome: Departure, waitSeconds: number, behind?: number): void {
    this.departWaits.push(waitSeconds);
    this.departAbandoned.push(outcome === 'abandoned' ? 1 : 0);
    if (outcome === 'answered') {
      this.answeredWaits.push(waitSeconds);
      this.answeredBehind.push(behind ?? NaN);
    }
  }

  /** The kept values as plain data (for the engine snapshot); `load` restores them exactly. */
  toData(): QueueHistoryData {
    const behind = this.answeredBehind.latest(this.limits.answered);
    const abandoned = this.departAbandoned.latest(this.limits.departures);
    return {
      answered: this.answeredWaits.latest(this.limits.answered).map((w, i) => [w, Number.isNaN(behind[i]) ? null : behind[i]]),
      handled: this.handleTimes.latest(this.limits.handled),
      departed: this.departWaits.latest(this.limits.departures).map((w, i) => [w, abandoned[i] ? 1 : 0]),
    };
  }

  /** Appends the values of `d` (oldest first) to this history; into an empty one it restores `toData()` exactly. */
  load(d: QueueHistoryData): void {
    for (const [w, b] of d.answered) {
      this.answeredWaits.push(w);
      this.answeredBehind.push(b ?? NaN);
    }
    for (const h of d.handled) this.handleTimes.push(h);
    for (const [w, a] of d.departed) {
      this.departWaits.push(w);
      this.departAbandoned.push(a);
    }
  }

  /** Records one handled call's talk + hold + after-call work, seconds. */
  recordHandle(seconds: number): void {
    this.handleTimes.push(seconds);
  }

  /** The waits (seconds) of the latest `n` answered calls, oldest first. */
  answeredWaitSeconds(n = this.limits.answered): number[] {
    return this.answeredWaits.latest(n);
  }

  /** The latest answered calls as { completions waited for at arrival (NaN when unknown), wait seconds }, oldest first. */
  answeredByBehind(n = this.limits.answered): { behind: number; waitSeconds: number }[] {
    const behind = this.answeredBehind.latest(n);
    return this.answeredWaits.latest(n).map((waitSeconds, i) => ({ behind: behind[i], waitSeconds }));
  }

  /** The latest `n` handle times, seconds, oldest first. */
  handleSeconds(n = this.limits.handled): number[] {
    return this.handleTimes.latest(n);
  }

  /**
   * Abandons and waiting exposure over the kept departures: the maximum-likelihood hazard of an
   * exponential patience is abandons / exposure (every departed call's wait counts as exposure,
   * an answered or flowed-out one as a censored observation).
   */
  abandonment(): { departures: number; abandoned: number; exposureSeconds: number } {
    const waits = this.departWaits.latest(this.limits.departures);
    const flags = this.departAbandoned.latest(this.limits.departures);
    let abandoned = 0;
    let exposureSeconds = 0;
    for (let i = 0; i < waits.length; i++) {
      abandoned += flags[i];
      exposureSeconds += waits[i];
    }
    return { departures: waits.length, abandoned, exposureSeconds };
  }
}
