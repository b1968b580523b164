import type { AuditEntry } from '../domain/directory.ts';

/** How many readers' counts are kept; past it they are dropped and counted again from the start. */
const MAX_READERS = 1000;

/**
 * Numbers audit entries for each reader: an entry's number is its place among the entries the
 * reader may see (1 the oldest), so a manager's numbers have no gaps where other tenants' changes
 * were. The log's entries are numbered globally, and a manager who saw 7 then 12 learnt that four
 * changes were made elsewhere. Counts are kept per set of tenants and brought up to date with the
 * entries added since, so a request costs the new entries and the page, not the whole log. The
 * log only grows and is rebuilt in the same order after a restart, so numbers stay the same.
 */
export class AuditNumbers {
  private readonly counts = new Map<string, { scanned: number; count: number }>();

  /** How many of `log`'s entries a reader of `tenants` may see (null: every entry). */
  visibleCount(log: readonly AuditEntry[], tenants: ReadonlySet<string> | null): number {
    if (tenants === null) return log.length;
    const key = JSON.stringify([...tenants].sort());
    let c = this.counts.get(key);
    if (!c) {
      if (this.counts.size >= MAX_READERS) this.counts.clear();
      this.counts.set(key, (c = { scanned: 0, count: 0 }));
    }
    for (; c.scanned < log.length; c.scanned++) if (auditVisibleTo(log[c.scanned], tenants)) c.count++;
    return c.count;
  }
}

/**
 * Whether a reader of `tenants` (null: all) may see `a`: one of named tenants only an entry all of
 * whose tenants are its own, as people, displays and tokens are listed to it (an entry of acme and
 * jade names jade's display, token or person); an entry of no tenant (an all-tenant grant) only an
 * all-tenant reader.
 */
export function auditVisibleTo(a: AuditEntry, tenants: ReadonlySet<string> | null): boolean {
  return tenants === null || (a.tenants.length > 0 && a.tenants.every((t) => tenants.has(t)));
}
