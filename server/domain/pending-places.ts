import type { CallLeg } from './call-leg.ts';

/**
 * Queued calls whose place in line (`behind`) is counted once the reorder window after their
 * queueing has passed: by then every event up to that moment has arrived, so the count is the
 * same whatever order they came in. In queueing order of arrival, compacted as they are taken.
 */
export class PendingPlaces {
  private legs: CallLeg[] = [];
  /** The earliest queue time pending (Infinity when none): a check with nothing due costs nothing. */
  private earliest = Infinity;

  get length(): number {
    return this.legs.length;
  }

  /** Records that `leg`'s place is to be counted. */
  push(leg: CallLeg): void {
    this.legs.push(leg);
    if (leg.queuedTs < this.earliest) this.earliest = leg.queuedTs;
  }

  /** Hands each leg queued before `cut` (epoch ms) to `count`, in the order they were pushed, and keeps the rest. */
  takeBefore(cut: number, count: (leg: CallLeg) => void): void {
    if (cut <= this.earliest) return;
    const legs = this.legs;
    let kept = 0;
    let earliest = Infinity;
    for (let i = 0; i < legs.length; i++) {
      const leg = legs[i];
      if (leg.queuedTs >= cut) {
        if (leg.queuedTs < earliest) earliest = leg.queuedTs;
        legs[kept++] = leg;
        continue;
      }
      count(leg);
    }
    legs.length = kept;
    this.earliest = earliest;
  }

  /** The pending legs as (tenant, queue id, call id, queue time) for a snapshot. */
  toData(): [tenant: string, queueId: string, callId: string, queuedTs: number][] {
    return this.legs.map((l) => [l.q.config.tenant, l.queueId, l.callId, l.queuedTs]);
  }

  clear(): void {
    this.legs = [];
    this.earliest = Infinity;
  }
}
