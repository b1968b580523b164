import type { Engine, QueueState } from '../domain/engine.ts';
import type { QueueView } from '../protocol/metrics.ts';
import { diffRow, type RowPatch } from '../protocol/row-patch.ts';
import { queueView } from '../views/queue-view.ts';

/** What a push carries for one changed queue: its whole view (first push) or the changed fields. */
export type QueueChange = { full: QueueView; patch?: undefined } | { patch: RowPatch<QueueView>; full?: undefined };

/**
 * The queue views as last pushed, so a push sends only the fields that changed since. Subscribe
 * answers read their queues from here too: a snapshot then shows exactly the floor of the last
 * push (its version), and the next push's patches apply to it field for field. A queue never
 * pushed is read live; it is not dirty (nothing to push) or its first push sends it whole.
 */
export class PublishedQueues {
  private readonly views = new Map<QueueState, QueueView>();

  /** The view of `q` as of the last push. */
  view(engine: Engine, q: QueueState): QueueView {
    return this.views.get(q) ?? queueView(engine, q);
  }

  /** Takes `q`'s view now as pushed; null when no field changed since the last push. */
  publish(engine: Engine, q: QueueState): QueueChange | null {
    const next = queueView(engine, q);
    const prev = this.views.get(q);
    this.views.set(q, next);
    if (!prev) return { full: next };
    const patch = diffRow(prev, next);
    return patch ? { patch } : null;
  }

  /** Forgets every view (the hub serves another engine). */
  clear(): void {
    this.views.clear();
  }
}
