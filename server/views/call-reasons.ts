/**
 * Call reasons for the wallboard: each queue's and each client's (tenant's) top dispositions
 * today from the engine (`q.dispositions`, per local day), compared with the same weekday last
 * week. The engine keeps only `retentionDays` (3) of days, so last week usually comes from the
 * history store: pass `lastWeek` (the seam for server/history/) and it is used instead.
 */
import { addCounts, callReasons } from '../domain/call-reasons.ts';
import type { CallReasonsView } from '../protocol/call-reasons.ts';
import type { Engine, QueueState } from '../domain/engine.ts';

/** A queue's (or a tenant's, queueId null) disposition counts on the local day starting at `dayStart` (epoch ms), or null when not known. */
export type DayCounts = (tenant: string, queueId: string, dayStart: number) => ReadonlyMap<string, number> | null;

/** What the engine itself still holds of a queue's day (none coded: empty), or null when that day is past its retention. */
export function engineDayCounts(engine: Engine): DayCounts {
  const kept = engine.clock.dayOf(engine.now - (engine.config.retentionDays - 1) * 86_400_000 + 43_200_000).start;
  return (tenant, queueId, dayStart) => (dayStart < kept ? null : (engine.queue(tenant, queueId)?.dispositions.get(dayStart) ?? new Map()));
}

/** Top `limit` call reasons today per queue and per tenant of `tenants` (null: all), at the engine clock. */
export function callReasonsView(engine: Engine, tenants: ReadonlySet<string> | null, limit = 5, lastWeek: DayCounts = engineDayCounts(engine)): CallReasonsView {
  const today = engine.clock.dayOf(engine.now);
  // Noon a week back lands inside the right local day across a daylight-saving change.
  const week = engine.clock.dayOf(today.start - 7 * 86_400_000 + 43_200_000);
  const out: CallReasonsView = { date: today.date, comparedWith: week.date, tenants: [], queues: [] };
  for (const t of engine.tenants.values()) {
    if (tenants && !tenants.has(t.id)) continue;
    const tenantToday = new Map<string, number>();
    let tenantWeek: Map<string, number> | null = new Map();
    const queues: QueueState[] = [...t.queues.values()].sort((a, b) => a.config.name.localeCompare(b.config.name));
    for (const q of queues) {
      const counts = q.dispositions.get(today.start);
      const before = lastWeek(t.id, q.config.id, week.start);
      addCounts(tenantToday, counts);
      // A client's last week is known only when every one of its queues' is.
      tenantWeek = before && tenantWeek ? addCounts(tenantWeek, before) : null;
      if (counts?.size) out.queues.push({ tenant: t.id, queueId: q.config.id, name: q.config.name, ...callReasons(counts, before, limit) });
    }
    if (tenantToday.size) out.tenants.push({ tenant: t.id, name: t.name, ...callReasons(tenantToday, tenantWeek, limit) });
  }
  return out;
}
