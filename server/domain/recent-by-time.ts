/**
 * The latest `capacity` entries of a stream by event time, each with up to two numbers: kept in
 * (time, id) order whatever order they were recorded in, so a queue's wait history is the same
 * for the same calls however their events arrived (DESIGN.md: arrival order within the reorder
 * window never changes a number). An entry older than all kept ones when full is dropped, as
 * a recording in time order would have overwritten it.
 */
export class RecentByTime {
  private readonly ts: number[] = [];
  private readonly ids: string[] = [];
  private readonly a: number[] = [];
  private readonly b: number[] = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.ts.length;
  }

  /** Records (`a`, `b`) at event time `ts` (epoch ms) for `id`; equal keys keep recording order. */
  add(ts: number, id: string, a: number, b = 0): void {
    const n = this.ts.length;
    // Usually the newest: one comparison. A late entry walks back from the end (at most capacity).
    let i = n;
    while (i > 0 && (this.ts[i - 1] > ts || (this.ts[i - 1] === ts && this.ids[i - 1] > id))) i--;
    if (n === this.capacity) {
      if (i === 0) return;
      this.ts.splice(i, 0, ts);
      this.ids.splice(i, 0, id);
      this.a.splice(i, 0, a);
      this.b.splice(i, 0, b);
      this.ts.shift();
      this.ids.shift();
      this.a.shift();
      this.b.shift();
      return;
    }
    this.ts.splice(i, 0, ts);
    this.ids.splice(i, 0, id);
    this.a.splice(i, 0, a);
    this.b.splice(i, 0, b);
  }

  /** The first numbers of the latest `n` entries, oldest first. */
  latestA(n: number): number[] {
    return this.a.slice(Math.max(0, this.a.length - n));
  }

  /** The second numbers of the latest `n` entries, oldest first. */
  latestB(n: number): number[] {
    return this.b.slice(Math.max(0, this.b.length - n));
  }

  /** The kept entries' (time, id), oldest first, for a snapshot. */
  keys(): [ts: number, id: string][] {
    return this.ts.map((ts, i) => [ts, this.ids[i]]);
  }
}
