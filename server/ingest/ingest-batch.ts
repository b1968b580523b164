import { ANOMALY, DUPLICATE, type Engine } from '../domain/engine.ts';
import type { FloorEvent } from '../protocol/events.ts';
import type { IngestResult } from '../protocol/api.ts';
import type { BodyItem } from './parse-body.ts';
import { validateEvent } from './validate-event.ts';

/** What applying some events did. */
export interface ApplyCounts {
  accepted: number;
  duplicates: number;
  anomalies: number;
  /** The anomalies by reason, when there are any (null prototype): they add up to `anomalies`. */
  anomalyReasons?: Record<string, number>;
}

/**
 * Where validated events go: the floor's durable log (the answer waits until they are logged
 * and applied), or an engine directly (a replay workspace, tests).
 */
export type EventSink = (events: FloorEvent[]) => Promise<ApplyCounts>;

export interface IngestOptions {
  /** Tenants the writer may send events for; null means any tenant. */
  tenants?: ReadonlySet<string> | null;
  /** Latest acceptable event time (epoch ms): a clock far ahead would corrupt every wait. */
  maxTs?: number;
}

export interface ApplyHooks {
  onAnomaly?: (ev: FloorEvent, reason: string, detail: string) => void;
  /** Called with every event the engine took (not duplicates), e.g. to journal it. */
  onAccepted?: (ev: FloorEvent) => void;
}

type Rejection = IngestResult['rejected'][number];

/** Validates every item: the good events in order, and each bad one with its index and reason. */
export function checkBatch(items: BodyItem[], opts: IngestOptions = {}): { good: FloorEvent[]; rejected: Rejection[] } {
  const { tenants = null, maxTs = Infinity } = opts;
  const good: FloorEvent[] = [];
  const rejected: Rejection[] = [];
  for (const item of items) {
    if ('error' in item) {
      rejected.push(rejection(item, item.error));
      continue;
    }
    const v = validateEvent(item.value);
    if (!v.ok) rejected.push(rejection(item, v.error));
    else if (v.event.ts > maxTs) rejected.push(rejection(item, `ts: ${new Date(v.event.ts).toISOString()} is too far in the future (limit ${new Date(maxTs).toISOString()})`));
    else if (tenants && !tenants.has(v.event.tenant)) rejected.push(rejection(item, `tenant: this token may not write events for tenant "${v.event.tenant}"`));
    else good.push(v.event);
  }
  return { good, rejected };
}

/**
 * Applies validated events to an engine in order; the pure step every sink ends in. The
 * anomalies it counts are every one the engine counted against the events' tenants since their
 * previous batch: the events' own, at once, and those of earlier events that the sweep judged
 * once the reorder window had passed (while applying this batch or another tenant's), so a
 * feed's answers add up to its tenants' anomaly counters, each with its reason.
 */
export function applyEvents(engine: Engine, events: readonly FloorEvent[], hooks: ApplyHooks = {}): ApplyCounts {
  const out: ApplyCounts = { accepted: 0, duplicates: 0, anomalies: 0 };
  const tenants = new Set<string>();
  let last: string | null = null;
  for (const ev of events) {
    // A batch is mostly one tenant's: the set is touched only where the tenant changes.
    if (ev.tenant !== last) tenants.add((last = ev.tenant));
    const outcome = engine.apply(ev);
    if (outcome === DUPLICATE) {
      out.duplicates++;
      continue;
    }
    out.accepted++;
    hooks.onAccepted?.(ev);
    if (outcome === ANOMALY) {
      const { reason, detail } = engine.lastAnomaly!;
      hooks.onAnomaly?.(ev, reason, detail);
    }
  }
  // The feed's own answer says why (an ingest token may not read /anomalies): a full tenant's
  // refusals were a bare count, and anomalies judged after the window were not counted at all.
  for (const id of tenants) {
    for (const [reason, n] of Object.entries(engine.takeUnreportedAnomalies(id))) {
      const reasons = (out.anomalyReasons ??= Object.create(null) as Record<string, number>);
      reasons[reason] = (reasons[reason] ?? 0) + n;
      out.anomalies += n;
    }
  }
  return out;
}

/** A sink straight into an engine (no log): for a replay workspace and tests. */
export function engineSink(engine: Engine, hooks: ApplyHooks = {}): EventSink {
  return async (events) => applyEvents(engine, events, hooks);
}

/**
 * Validates every item first, then hands the good ones to the sink in order: a bad event is
 * rejected with its index and reason and never half-applied, and good events around it still count.
 */
export async function ingestBatch(sink: EventSink, items: BodyItem[], opts: IngestOptions = {}): Promise<IngestResult> {
  const { good, rejected } = checkBatch(items, opts);
  const counts = good.length ? await sink(good) : { accepted: 0, duplicates: 0, anomalies: 0 };
  return { ...counts, rejected };
}

function rejection(item: BodyItem, error: string): Rejection {
  return item.line === undefined ? { index: item.index, error } : { index: item.index, line: item.line, error };
}
