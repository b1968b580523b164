/**
 * Values built at most once per push cycle ("epoch") per key: a reconnect storm of screens
 * with the same scope costs one snapshot, not one each. Everything is dropped when the hub
 * starts a new cycle, because that cycle's update is what brings a cached value up to date.
 */
export class EpochCache<T> {
  private entries = new Map<string, T>();
  /** What the kept values weigh together (`weigh`). */
  private weight = 0;
  /** Values built since the cache was made (for tests and figures). */
  builds = 0;

  /**
   * Keeps at most `maxEntries` values, and with `weigh` (a value's size, say its bytes) only
   * while they weigh `maxWeight` at most in all: one sign-in's subscriptions to many scopes of
   * a big floor with agents (up to 7.4 MB each) on a quiet floor kept every answer until a change.
   */
  constructor(
    private readonly maxEntries: number,
    private readonly limit: { weigh: (v: T) => number; maxWeight: number } | null = null,
  ) {}

  /** The value of `key` in this epoch, built with `build` on first use. */
  get(key: string, build: () => T): T {
    let v = this.entries.get(key);
    if (v === undefined) {
      v = build();
      this.builds++;
      // Past a cap the value is still served, only not kept: memory stays bounded by design.
      const w = this.limit ? this.limit.weigh(v) : 0;
      if (this.entries.size < this.maxEntries && (!this.limit || this.weight + w <= this.limit.maxWeight)) {
        this.entries.set(key, v);
        this.weight += w;
      }
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
    this.weight = 0;
  }
}
