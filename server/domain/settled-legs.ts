import type { CallLeg } from './call-leg.ts';
import type { TenantFloor } from './tenant-floor.ts';
import { unlinkLeg } from './call-legs.ts';

/**
 * Legs settled in full, kept one reorder window for late repeats: a FIFO in settling order of
 * (leg, its floor, event time then), as three aligned arrays so settling allocates nothing.
 */
export class SettledLegs {
  private legs: CallLeg[] = [];
  private tenants: TenantFloor[] = [];
  private at: number[] = [];
  private head = 0;

  /** Records that `leg` of floor `t` settled at event time `at` (epoch ms). */
  push(leg: CallLeg, t: TenantFloor, at: number): void {
    this.legs.push(leg);
    this.tenants.push(t);
    this.at.push(at);
  }

  /** Drops from their floors' calls the legs settled more than `window` ms before `now` (epoch ms). */
  forgetOlder(now: number, window: number): void {
    let head = this.head;
    while (head < this.legs.length && now - this.at[head] > window) {
      const tenant = this.tenants[head];
      const leg = this.legs[head++];
      unlinkLeg(tenant.calls, leg);
    }
    if (head > 1024 && head * 2 > this.legs.length) {
      // Drop the forgotten prefix now and then, so the arrays do not grow without bound.
      this.legs = this.legs.slice(head);
      this.tenants = this.tenants.slice(head);
      this.at = this.at.slice(head);
      head = 0;
    }
    this.head = head;
  }

  /**
   * The legs still kept, as (tenant id, call id, settle time, queue id, queue time) for a
   * snapshot: the call id alone may name a newer leg by then (a call that flowed out and was
   * queued again), which must not be forgotten in its place.
   */
  toData(): [tenant: string, callId: string, at: number, queueId: string, queuedTs: number | null][] {
    const out: [string, string, number, string, number | null][] = [];
    for (let i = this.head; i < this.legs.length; i++) {
      const leg = this.legs[i];
      out.push([this.tenants[i].id, leg.callId, this.at[i], leg.queueId, Number.isNaN(leg.queuedTs) ? null : leg.queuedTs]);
    }
    return out;
  }

  clear(): void {
    this.legs = [];
    this.tenants = [];
    this.at = [];
    this.head = 0;
  }
}
