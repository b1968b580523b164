/**
 * The latest `capacity` entries of a stream by event time, each with two numbers: kept in
 * (time, id) order whatever order they were recorded in, so a queue's wait history is the same
 * for the same calls however their events arrived (DESIGN.md: arrival order within the reorder
 * window never changes a number). An entry older than all kept ones when full is dropped, as
 * a recording in time order would have overwritten it. A ring of typed arrays: the usual entry,
 * the newest, costs a few stores; a late one moves the few entries newer than it.
 */
export class RecentByTime {
  private readonly ts: Float64Array;
  private readonly ids: string[];
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  /** Slot of the oldest entry. */
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.ts = new Float64Array(capacity);
    this.ids = new Array<string>(capacity).fill('');
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
  }

  /** Slot of the `i`-th oldest entry. */
  private slot(i: number): number {
    const s = this.head + i;
    return s >= this.capacity ? s - this.capacity : s;
  }

  /** Whether the `i`-th oldest entry sorts after (`ts`, `id`); equal keys keep recording order. */
  private after(i: number, ts: number, id: string): boolean {
    const s = this.slot(i);
    return this.ts[s] > ts || (this.ts[s] === ts && this.ids[s] > id);
  }

  /** Records (`a`, `b`) at event time `ts` (epoch ms) for `id`. */
  add(ts: number, id: string, a: number, b = 0): void {
    if (this.capacity === 0) return;
    let i = this.size;
    while (i > 0 && this.after(i - 1, ts, id)) i--;
    if (this.size === this.capacity) {
      if (i === 0) return;
      // The oldest goes; the entry lands one place lower.
      this.head = this.slot(1);
      this.size--;
      i--;
    }
    // Move the entries newer than it one place up (none for the newest).
    for (let j = this.size; j > i; j--) {
      const to = this.slot(j);
      const from = this.slot(j - 1);
      this.ts[to] = this.ts[from];
      this.ids[to] = this.ids[from];
      this.a[to] = this.a[from];
      this.b[to] = this.b[from];
    }
    const s = this.slot(i);
    this.ts[s] = ts;
    this.ids[s] = id;
    this.a[s] = a;
    this.b[s] = b;
    this.size++;
  }

  /** The first numbers of the latest `n` entries, oldest first. */
  latestA(n: number): number[] {
    return this.latest(this.a, n);
  }

  /** The second numbers of the latest `n` entries, oldest first. */
  latestB(n: number): number[] {
    return this.latest(this.b, n);
  }

  private latest(values: Float64Array, n: number): number[] {
    const k = Math.min(n, this.size);
    const out = new Array<number>(k);
    for (let i = 0; i < k; i++) out[i] = values[this.slot(this.size - k + i)];
    return out;
  }

  /** The kept entries' (time, id), oldest first, for a snapshot. */
  keys(): [ts: number, id: string][] {
    const out: [number, string][] = [];
    for (let i = 0; i < this.size; i++) {
      const s = this.slot(i);
      out.push([this.ts[s], this.ids[s]]);
    }
    return out;
  }
}
