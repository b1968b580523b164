import type { TenantFloor } from './tenant-floor.ts';

/** What a leave check is told: the floor and the call. */
export type LeaveJudge = (t: TenantFloor, callId: string) => void;

/**
 * Calls answered or abandoned in one queue while another leg may still wait elsewhere
 * (call-legs.ts, `leftEverywhereAt`), judged once the reorder window after that time has passed:
 * until then the other queue's own call.dequeued may still arrive. (floor, call id, outcome time)
 * as three aligned arrays, so a check allocates nothing; it is derived from the legs on restore.
 */
export class PendingLeaves {
  private tenants: TenantFloor[] = [];
  private calls: string[] = [];
  private times: number[] = [];
  /** The earliest time pending (Infinity when none): a pass with nothing due costs nothing. */
  private earliest = Infinity;

  get length(): number {
    return this.times.length;
  }

  /** Notes that call `callId` of floor `t` left every queue at `ts` (epoch ms). */
  push(t: TenantFloor, callId: string, ts: number): void {
    this.tenants.push(t);
    this.calls.push(callId);
    this.times.push(ts);
    if (ts < this.earliest) this.earliest = ts;
  }

  /** Hands each call noted before `cut` (epoch ms) to `judge`, in the order noted, and keeps the rest. */
  takeBefore(cut: number, judge: LeaveJudge): void {
    if (cut <= this.earliest) return;
    const { tenants, calls, times } = this;
    let kept = 0;
    let earliest = Infinity;
    const dueTenants: TenantFloor[] = [];
    const dueCalls: string[] = [];
    for (let i = 0; i < times.length; i++) {
      if (times[i] < cut) {
        dueTenants.push(tenants[i]);
        dueCalls.push(calls[i]);
        continue;
      }
      if (times[i] < earliest) earliest = times[i];
      tenants[kept] = tenants[i];
      calls[kept] = calls[i];
      times[kept++] = times[i];
    }
    tenants.length = calls.length = times.length = kept;
    this.earliest = earliest;
    // Judged after the arrays are settled, as judging may note new checks.
    for (let k = 0; k < dueCalls.length; k++) judge(dueTenants[k], dueCalls[k]);
  }

  clear(): void {
    this.tenants = [];
    this.calls = [];
    this.times = [];
    this.earliest = Infinity;
  }
}
