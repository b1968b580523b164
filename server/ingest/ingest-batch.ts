import { ANOMALY, DUPLICATE, type Engine } from '../domain/engine.ts';
import type { FloorEvent } from '../protocol/events.ts';
import type { IngestResult } from '../protocol/api.ts';
import type { BodyItem } from './parse-body.ts';
import { validateEvent } from './validate-event.ts';

export interface IngestOptions {
  /** Tenants the writer may send events for; null means any tenant. */
  tenants?: ReadonlySet<string> | null;
  /** Latest acceptable event time (epoch ms): a clock far ahead would corrupt every wait. */
  maxTs?: number;
  onAnomaly?: (ev: FloorEvent, reason: string, detail: string) => void;
  /** Called with every event the engine took (not duplicates), e.g. to journal it. */
  onAccepted?: (ev: FloorEvent) => void;
}

/**
 * Validates every item first, then applies the good ones in order: a bad event is rejected
 * with its index and reason and never half-applied, and good events around it still count.
 */
export function ingestBatch(engine: Engine, items: BodyItem[], opts: IngestOptions = {}): IngestResult {
  const { tenants = null, maxTs = Infinity, onAnomaly, onAccepted } = opts;
  const result: IngestResult = { accepted: 0, duplicates: 0, anomalies: 0, rejected: [] };
  const good: FloorEvent[] = [];
  for (const item of items) {
    if ('error' in item) {
      result.rejected.push(rejection(item, item.error));
      continue;
    }
    const v = validateEvent(item.value);
    if (!v.ok) {
      result.rejected.push(rejection(item, v.error));
    } else if (v.event.ts > maxTs) {
      result.rejected.push(rejection(item, `ts: ${new Date(v.event.ts).toISOString()} is too far in the future (limit ${new Date(maxTs).toISOString()})`));
    } else if (tenants && !tenants.has(v.event.tenant)) {
      result.rejected.push(rejection(item, `tenant: this token may not write events for tenant "${v.event.tenant}"`));
    } else {
      good.push(v.event);
    }
  }
  for (const ev of good) {
    const outcome = engine.apply(ev);
    if (outcome === DUPLICATE) {
      result.duplicates++;
      continue;
    }
    result.accepted++;
    onAccepted?.(ev);
    if (outcome === ANOMALY) {
      result.anomalies++;
      onAnomaly?.(ev, engine.lastAnomaly!.reason, engine.lastAnomaly!.detail);
    }
  }
  return result;
}

function rejection(item: BodyItem, error: string): IngestResult['rejected'][number] {
  return item.line === undefined ? { index: item.index, error } : { index: item.index, line: item.line, error };
}
