import type { Engine } from '../domain/engine.ts';
import type { HistoryStore } from '../history/types.ts';
import { engineDayCounts, type DayCounts } from './call-reasons.ts';

/**
 * Last week's call reasons for `tenants` (null: all of the engine's): what the engine still
 * holds of that day, else the history store's rows of the day (read once per tenant here, so
 * the view itself stays synchronous). A queue the store has no rows for that day is not known.
 */
export async function lastWeekCounts(engine: Engine, store: HistoryStore, tenants: ReadonlySet<string> | null): Promise<DayCounts> {
  const fromEngine = engineDayCounts(engine);
  const today = engine.clock.dayOf(engine.now);
  // Noon a week back lands inside the right local day across a daylight-saving change (as the view picks it).
  const week = engine.clock.dayOf(today.start - 7 * 86_400_000 + 43_200_000);
  const stored = new Map<string, Map<string, Record<string, number>>>();
  if (fromEngine('', '', week.start) === null) {
    for (const t of engine.tenants.keys()) if (!tenants || tenants.has(t)) stored.set(t, await store.queueDispositions(t, week.start, week.end));
  }
  return (tenant, queueId, dayStart) => {
    const held = fromEngine(tenant, queueId, dayStart);
    if (held !== null) return held;
    const counts = dayStart === week.start ? stored.get(tenant)?.get(queueId) : undefined;
    return counts ? new Map(Object.entries(counts)) : null;
  };
}
