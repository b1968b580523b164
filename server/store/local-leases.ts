import type { Lease } from './store.ts';

/**
 * Leases for a store one process owns (the file store): the names this process holds. The ttl
 * has nothing to guard against here (no other process can open the data directory), so a lease
 * is never lost; it lasts until released or the store closes.
 */
export class LocalLeases {
  private held = new Set<string>();

  /** The lease on `name`, or null while this process already holds it. */
  acquire(name: string): Lease | null {
    if (this.held.has(name)) return null;
    this.held.add(name);
    const held = this.held;
    let mine = true;
    return {
      name,
      get held() {
        return mine && held.has(name);
      },
      async release() {
        if (mine) held.delete(name);
        mine = false;
      },
      onLost() {
        // Never lost: see the class comment.
      },
    };
  }

  /** Drops every lease (the store is closing). */
  releaseAll(): void {
    this.held.clear();
  }
}
