/**
 * Values built at most once per push cycle ("epoch") per key: a reconnect storm of screens
 * with the same scope costs one snapshot, not one each. Everything is dropped when the hub
 * starts a new cycle, because that cycle's update is what brings a cached value up to date.
 */
export class EpochCache<T> {
  private entries = new Map<string, T>();
  /** Values built since the cache was made (for tests and figures). */
  builds = 0;

  constructor(private readonly maxEntries: number) {}

  /** The value of `key` in this epoch, built with `build` on first use. */
  get(key: string, build: () => T): T {
    let v = this.entries.get(key);
    if (v === undefined) {
      v = build();
      this.builds++;
      // Past the cap the value is still served, only not kept: memory stays bounded by design.
      if (this.entries.size < this.maxEntries) this.entries.set(key, v);
    }
    return v;
  }

  /** The value of `key` in this epoch, if built. */
  peek(key: string): T | undefined {
    return this.entries.get(key);
  }

  /** Starts a new epoch: every value is rebuilt on its next use. */
  advance(): void {
    this.entries.clear();
  }
}
