import type { CallLeg } from './call-leg.ts';
import type { TenantFloor } from './tenant-floor.ts';
import { unlinkLeg } from './call-legs.ts';

/** Slots a new ring starts with (a power of two). */
const FIRST_CAPACITY = 1024;

/**
 * Legs settled in full, kept one reorder window for late repeats: a FIFO in settling order of
 * (leg, its floor, event time then), as three aligned arrays used as a ring, so settling and
 * forgetting allocate nothing once the ring is as large as a window's legs (it doubles when
 * full and never shrinks). Arrays trimmed by slicing, as before, were 18 B per event of the
 * simulated day's allocations.
 */
export class SettledLegs {
  private legs: (CallLeg | null)[] = new Array<CallLeg | null>(FIRST_CAPACITY).fill(null);
  private tenants: (TenantFloor | null)[] = new Array<TenantFloor | null>(FIRST_CAPACITY).fill(null);
  private at = new Float64Array(FIRST_CAPACITY);
  /** Slot of the oldest leg kept, and how many are kept from it on. */
  private head = 0;
  private count = 0;

  /** Legs kept. */
  get length(): number {
    return this.count;
  }

  /** Records that `leg` of floor `t` settled at event time `at` (epoch ms). */
  push(leg: CallLeg, t: TenantFloor, at: number): void {
    if (this.count === this.legs.length) this.grow();
    const i = (this.head + this.count) & (this.legs.length - 1);
    this.legs[i] = leg;
    this.tenants[i] = t;
    this.at[i] = at;
    this.count++;
  }

  /** Drops from their floors' calls the legs settled more than `window` ms before `now` (epoch ms). */
  forgetOlder(now: number, window: number): void {
    const mask = this.legs.length - 1;
    let head = this.head;
    while (this.count > 0 && now - this.at[head] > window) {
      unlinkLeg(this.tenants[head]!.calls, this.legs[head]!);
      // Let go of what the slot held: a quiet floor must not keep legs alive until the slot is reused.
      this.legs[head] = null;
      this.tenants[head] = null;
      head = (head + 1) & mask;
      this.count--;
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
    const mask = this.legs.length - 1;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      const leg = this.legs[i]!;
      out.push([this.tenants[i]!.id, leg.callId, this.at[i], leg.queueId, Number.isNaN(leg.queuedTs) ? null : leg.queuedTs]);
    }
    return out;
  }

  clear(): void {
    this.legs.fill(null);
    this.tenants.fill(null);
    this.head = 0;
    this.count = 0;
  }

  /** Twice the slots, the kept legs moved to the start in order. */
  private grow(): void {
    const size = this.legs.length;
    const legs = new Array<CallLeg | null>(2 * size).fill(null);
    const tenants = new Array<TenantFloor | null>(2 * size).fill(null);
    const at = new Float64Array(2 * size);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (size - 1);
      legs[k] = this.legs[i];
      tenants[k] = this.tenants[i];
      at[k] = this.at[i];
    }
    this.legs = legs;
    this.tenants = tenants;
    this.at = at;
    this.head = 0;
  }
}
