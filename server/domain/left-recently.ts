/**
 * The calls that left a queue (answered, abandoned, flowed out) within about one reorder window:
 * a call queued late, counted once the window has passed (pending-places.ts), still finds the
 * callers who were waiting ahead of it then, though they have left since. Four aligned arrays.
 */
export class LeftRecently {
  private callIds: string[] = [];
  private queuedAt: number[] = [];
  private priorities: number[] = [];
  private leftAt: number[] = [];

  get size(): number {
    return this.leftAt.length;
  }

  /** Records that `callId`, queued at `queuedAt` with `priority`, left at `leftAt` (epoch ms). */
  push(callId: string, queuedAt: number, priority: number, leftAt: number): void {
    this.callIds.push(callId);
    this.queuedAt.push(queuedAt);
    this.priorities.push(priority);
    this.leftAt.push(leftAt);
  }

  /** Callers of at least `priority` queued before (`ts`, `callId`) who were still waiting at `ts` (epoch ms). */
  countAhead(ts: number, priority: number, callId: string): number {
    let n = 0;
    for (let i = 0; i < this.leftAt.length; i++) {
      if (this.leftAt[i] > ts && this.priorities[i] >= priority && isBefore(this.queuedAt[i], this.callIds[i], ts, callId)) n++;
    }
    return n;
  }

  /** Forgets those that left at or before `cut` (epoch ms): no call still to be counted was queued before it. */
  forgetUpTo(cut: number): void {
    let kept = 0;
    for (let i = 0; i < this.leftAt.length; i++) {
      if (this.leftAt[i] <= cut) continue;
      this.callIds[kept] = this.callIds[i];
      this.queuedAt[kept] = this.queuedAt[i];
      this.priorities[kept] = this.priorities[i];
      this.leftAt[kept++] = this.leftAt[i];
    }
    this.callIds.length = this.queuedAt.length = this.priorities.length = this.leftAt.length = kept;
  }

  /** As (call id, queued at, priority, left at) for a snapshot. */
  toData(): [callId: string, queuedAt: number, priority: number, leftAt: number][] {
    return this.leftAt.map((at, i) => [this.callIds[i], this.queuedAt[i], this.priorities[i], at]);
  }
}

/** Whether a caller queued at `aTs` as `aId` is ahead of one queued at `bTs` as `bId`: earlier, or at the same ms with a smaller call id. */
export function isBefore(aTs: number, aId: string, bTs: number, bId: string): boolean {
  return aTs < bTs || (aTs === bTs && aId < bId);
}
