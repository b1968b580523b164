import type { QueueView } from '../../../server/protocol/metrics.ts';
import { applyRowPatch, type RowPatch } from '../../../server/protocol/row-patch.ts';
import type { Update } from '../../../server/protocol/socket.ts';

/**
 * Whether a push skipped something this screen never got: the update builds on version
 * `base`, and the screen has applied everything up to `have` (its snapshot's or last update's
 * version). Updates without versions (an older server) are never gaps.
 */
export function missedUpdate(have: number, u: { base?: number }): boolean {
  return u.base !== undefined && u.base > have;
}

/**
 * The updates that arrived while a subscription was on its way and are newer than its
 * snapshot (version `have`), oldest first: the snapshot already holds the others. Without
 * this a screen would drop them and, on a quiet floor, show old numbers until the next change.
 */
export function newerThan(have: number, waiting: readonly Update[]): Update[] {
  return waiting.filter((u) => u.version === undefined || u.version > have);
}

/**
 * The screen's queues with an update's whole rows and patches applied, or null when a patch
 * names a queue the screen does not hold (it missed that queue's first push: ask for a snapshot).
 * `queues` is left as it was.
 */
export function withQueueUpdate<R extends { key: string } = QueueView>(queues: Record<string, R>, u: { queues: R[]; queuePatches?: RowPatch<R>[] }): Record<string, R> | null {
  if (!u.queues.length && !u.queuePatches?.length) return queues;
  const next = { ...queues };
  for (const q of u.queues) next[q.key] = q;
  for (const p of u.queuePatches ?? []) {
    const row = next[p.key];
    if (!row) return null;
    next[p.key] = applyRowPatch(row, p);
  }
  return next;
}

/**
 * Whether an update names a tenant the screen does not list: updates carry queues and agents
 * but not the tenants' list (names, filters, the report's clients), which comes only with a
 * snapshot, so a client's first events must be followed by one.
 */
export function bringsNewTenant(tenants: readonly { id: string }[], u: { queues: readonly { tenant: string }[]; agents: readonly { tenant: string }[] }): boolean {
  const known = (t: string) => tenants.some((x) => x.id === t);
  return u.queues.some((q) => !known(q.tenant)) || u.agents.some((a) => !known(a.tenant));
}
