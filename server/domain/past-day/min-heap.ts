/** A binary min-heap ordered by `less`: push and pop in O(log n), for event-driven simulations. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1, p = (i - 1) >> 1; i > 0 && this.less(h[i], h[p]); i = p, p = (i - 1) >> 1) [h[p], h[i]] = [h[i], h[p]];
  }

  /** The least item, removed; undefined when empty. */
  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    h[0] = last;
    for (let i = 0; ; ) {
      const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < h.length);
      const m = kids.reduce((best, k) => (this.less(h[k], h[best]) ? k : best), i);
      if (m === i) return top;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
