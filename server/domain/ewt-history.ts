/**
 * A queue's recent past as the wait-time estimator needs it: the latest departures from the
 * queue (answered, abandoned, flowed out, with their waits) and the latest handle times, each
 * bounded and kept in event-time order. Pure: the engine keeps one per queue and feeds it from
 * the calls it settles; the accuracy harness feeds its own.
 */

import { RecentByTime } from './recent-by-time.ts';

export type Departure = 'answered' | 'abandoned' | 'flowedOut';

export interface HistoryLimits {
  /** How many departures (any outcome) are kept for the abandonment hazard. */
  departures: number;
  /** How many answered waits are kept. */
  answered: number;
  /** How many handle times are kept. */
  handled: number;
}

export const HISTORY_DEFAULTS: HistoryLimits = { departures: 100, answered: 50, handled: 50 };

/**
 * A QueueHistory as JSON-ready data, oldest first; an unknown `behind` is null. Each entry ends
 * with its event time (epoch ms) and call id, which order it; snapshots from before entries were
 * ordered by time have neither, and restore as older than every entry recorded since.
 */
export interface QueueHistoryData {
  answered: [waitSeconds: number, behind: number | null, ts?: number, callId?: string][];
  handled: (number | [handleSeconds: number, ts: number, callId: string])[];
  departed: [waitSeconds: number, abandoned: 0 | 1, ts?: number, callId?: string][];
}

/**
 * The recent departures and handle times of one queue, each kept by its event time (a
 * departure's answer, abandon or flow-out; a handle's end) and call id, not by when it was
 * recorded: late events land where they belong.
 */
export class QueueHistory {
  /** Answered waits (a) and completions waited for (b, NaN when unknown). */
  private readonly answered: RecentByTime;
  private readonly handled: RecentByTime;
  /** Waits (a) and 1 for an abandon, 0 otherwise (b). */
  private readonly departed: RecentByTime;
  /** Keys for entries recorded without an event time: in recording order, after one another. */
  private sequence = 0;

  constructor(readonly limits: HistoryLimits = HISTORY_DEFAULTS) {
    this.answered = new RecentByTime(limits.answered);
    this.handled = new RecentByTime(limits.handled);
    this.departed = new RecentByTime(limits.departures);
  }

  /**
   * Records a call leaving the queue after `waitSeconds`; `behind` is how many service
   * completions it had to wait for when it arrived (its position less the agents then free;
   * 0 or less: an agent was free), when known. `ts` (epoch ms) and `callId` place it among the
   * others; a history fed without them (the accuracy harness) keeps recording order, and must
   * not be fed both ways (a recording number sorts before any epoch time).
   */
  recordDeparture(outcome: Departure, waitSeconds: number, behind?: number, ts = this.sequence++, callId = ''): void {
    this.recordLeft(outcome, waitSeconds, ts, callId);
    if (outcome === 'answered') this.recordAnswered(waitSeconds, behind, ts, callId);
  }

  /** Records a departure of any outcome after `waitSeconds`, at `ts` (epoch ms), for the abandonment hazard. */
  recordLeft(outcome: Departure, waitSeconds: number, ts: number, callId: string): void {
    this.departed.add(ts, callId, waitSeconds, outcome === 'abandoned' ? 1 : 0);
  }

  /** Records an answer after `waitSeconds` at `ts` (epoch ms), `behind` completions back when queued (unknown: undefined). */
  recordAnswered(waitSeconds: number, behind: number | undefined, ts: number, callId: string): void {
    this.answered.add(ts, callId, waitSeconds, behind ?? NaN);
  }

  /** Records one handled call's talk + hold + after-call work, seconds, ending at `ts` (epoch ms). */
  recordHandle(seconds: number, ts = this.sequence++, callId = ''): void {
    this.handled.add(ts, callId, seconds);
  }

  /** The kept values as plain data (for the engine snapshot); `load` restores them exactly. */
  toData(): QueueHistoryData {
    const aKeys = this.answered.keys();
    const behind = this.answered.latestB(aKeys.length);
    const hKeys = this.handled.keys();
    const dKeys = this.departed.keys();
    const abandoned = this.departed.latestB(dKeys.length);
    return {
      answered: this.answered.latestA(aKeys.length).map((w, i) => [w, Number.isNaN(behind[i]) ? null : behind[i], ...aKeys[i]]),
      handled: this.handled.latestA(hKeys.length).map((h, i) => [h, ...hKeys[i]]),
      departed: this.departed.latestA(dKeys.length).map((w, i) => [w, abandoned[i] ? 1 : 0, ...dKeys[i]]),
    };
  }

  /** Adds the values of `d` (oldest first) to this history; into an empty one it restores `toData()` exactly. */
  load(d: QueueHistoryData): void {
    // Entries of an older snapshot carry no time: they keep their order, before any that do.
    for (const [w, b, ts = 0, id = ''] of d.answered) this.answered.add(ts, id, w, b ?? NaN);
    for (const h of d.handled) {
      if (typeof h === 'number') this.handled.add(0, '', h);
      else this.handled.add(h[1], h[2], h[0]);
    }
    for (const [w, a, ts = 0, id = ''] of d.departed) this.departed.add(ts, id, w, a);
  }

  /** The waits (seconds) of the latest `n` answered calls, oldest first. */
  answeredWaitSeconds(n = this.limits.answered): number[] {
    return this.answered.latestA(n);
  }

  /** The latest answered calls as { completions waited for at arrival (NaN when unknown), wait seconds }, oldest first. */
  answeredByBehind(n = this.limits.answered): { behind: number; waitSeconds: number }[] {
    const behind = this.answered.latestB(n);
    return this.answered.latestA(n).map((waitSeconds, i) => ({ behind: behind[i], waitSeconds }));
  }

  /** The latest `n` handle times, seconds, oldest first. */
  handleSeconds(n = this.limits.handled): number[] {
    return this.handled.latestA(n);
  }

  /**
   * Abandons and waiting exposure over the kept departures: the maximum-likelihood hazard of an
   * exponential patience is abandons / exposure (every departed call's wait counts as exposure,
   * an answered or flowed-out one as a censored observation).
   */
  abandonment(): { departures: number; abandoned: number; exposureSeconds: number } {
    const waits = this.departed.latestA(this.limits.departures);
    const flags = this.departed.latestB(this.limits.departures);
    let abandoned = 0;
    let exposureSeconds = 0;
    for (let i = 0; i < waits.length; i++) {
      abandoned += flags[i];
      exposureSeconds += waits[i];
    }
    return { departures: waits.length, abandoned, exposureSeconds };
  }
}
