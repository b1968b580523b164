import { ANOMALY, DUPLICATE, type Engine, type TenantAnomaly } from '../domain/engine.ts';
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
  /** Anomalies of the events' tenants judged after the reorder window since their previous batch, when there are any. */
  lateAnomalies?: number;
  /** Those by reason (null prototype): they add up to `lateAnomalies`. */
  lateAnomalyReasons?: Record<string, number>;
}

/** Adds `n` to `reason`'s count in `into`. */
function countReason(into: Record<string, number>, reason: string, n: number): void {
  into[reason] = (into[reason] ?? 0) + n;
}

/** Adds what `c` counted to `total` (a stream's answer sums its batches'). */
export function addCounts(total: ApplyCounts, c: ApplyCounts): void {
  total.accepted += c.accepted;
  total.duplicates += c.duplicates;
  total.anomalies += c.anomalies;
  if (c.anomalyReasons) for (const [reason, n] of Object.entries(c.anomalyReasons)) countReason((total.anomalyReasons ??= Object.create(null) as Record<string, number>), reason, n);
  if (c.lateAnomalies) total.lateAnomalies = (total.lateAnomalies ?? 0) + c.lateAnomalies;
  if (c.lateAnomalyReasons) for (const [reason, n] of Object.entries(c.lateAnomalyReasons)) countReason((total.lateAnomalyReasons ??= Object.create(null) as Record<string, number>), reason, n);
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
  /**
   * Called after a batch with each anomaly recorded while it was applied that was no event's own
   * (judged by the sweep once the reorder window passed, of any tenant), and with how many past
   * the engine's keep were not kept (0 mostly).
   */
  onLateAnomalies?: (anomalies: readonly TenantAnomaly[], dropped: number) => void;
  /** Called with every event the engine took (not duplicates), e.g. to journal it. */
  onAccepted?: (ev: FloorEvent) => void;
}

type Rejection = IngestResult['rejected'][number];

/** Validates every item: the good events in order, and each bad one with its index and reason. */
export function checkBatch(items: readonly BodyItem[], opts: IngestOptions = {}): { good: FloorEvent[]; rejected: Rejection[] } {
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

/** Items checked in one step of `checkSteps` (a few milliseconds). */
const CHECKED_PER_STEP = 2000;

/**
 * `checkBatch` of the elements of a JSON array (element i is item i), a part a step (for
 * `runSliced`), listing the first `listAtMost` rejections and counting them all: a 10 MiB array
 * of 3,490,000 empty objects checked in one go held the loop over a second, and its answer
 * listing each was 149 MB.
 */
export function* checkSteps(values: readonly unknown[], opts: IngestOptions = {}, listAtMost = Infinity): Generator<void, { good: FloorEvent[]; rejected: Rejection[]; rejectedCount: number }> {
  const good: FloorEvent[] = [];
  const rejected: Rejection[] = [];
  let rejectedCount = 0;
  for (let i = 0; i < values.length; i += CHECKED_PER_STEP) {
    if (i > 0) yield;
    // Items made a part at a time too: 3,490,000 of them at once were a step of their own.
    const part = checkBatch(values.slice(i, i + CHECKED_PER_STEP).map((value, k) => ({ index: i + k, value })), opts);
    for (const e of part.good) good.push(e);
    rejectedCount += part.rejected.length;
    for (const r of part.rejected) if (rejected.length < listAtMost) rejected.push(r);
  }
  return { good, rejected, rejectedCount };
}

/**
 * Applies validated events to an engine in order; the pure step every sink ends in. `anomalies`
 * are the events' own, found as each was applied. `lateAnomalies` are those the engine's sweep
 * judged once the reorder window had passed (an answer whose `call.queued` never came), counted
 * against the events' tenants since their previous batch, while this batch or another tenant's
 * was applied: with them a feed's answers add up to its tenants' anomaly counters.
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
      out.anomalies++;
      const { reason, detail } = engine.lastAnomaly!;
      // The feed's own answer says why (an ingest token may not read /anomalies): a full tenant's refusals were a bare count.
      countReason((out.anomalyReasons ??= Object.create(null) as Record<string, number>), reason, 1);
      hooks.onAnomaly?.(ev, reason, detail);
    }
  }
  // Taken whether or not anyone logs them: they are held until taken.
  const untold = engine.takeUntoldAnomalies();
  if (untold.anomalies.length || untold.dropped) hooks.onLateAnomalies?.(untold.anomalies, untold.dropped);
  // Judged later (of this batch's events or earlier ones): in no answer before.
  for (const id of tenants) {
    for (const [reason, n] of Object.entries(engine.takeUnreportedAnomalies(id))) {
      countReason((out.lateAnomalyReasons ??= Object.create(null) as Record<string, number>), reason, n);
      out.lateAnomalies = (out.lateAnomalies ?? 0) + n;
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
  return { ...(await submitInParts(sink, good)), rejected };
}

/** Events in one log record: the fold applies a record in one turn of the event loop (as a stream's batches, ingest-stream.ts). */
export const EVENTS_PER_RECORD = 2000;

/**
 * Hands `events` to the sink as records of at most EVENTS_PER_RECORD, in order (the log keeps
 * it), and sums what they did. One record of a socket batch's 5,000 events held the loop about
 * 100 ms when applied, a JSON array's 50,000 events 260 ms.
 */
export async function submitInParts(sink: EventSink, events: FloorEvent[]): Promise<ApplyCounts> {
  const total: ApplyCounts = { accepted: 0, duplicates: 0, anomalies: 0 };
  const parts: Promise<ApplyCounts>[] = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_RECORD) {
    const part = sink(events.slice(i, i + EVENTS_PER_RECORD));
    // Awaited in order below; a failure is seen there, never as an unhandled rejection.
    part.catch(() => {});
    parts.push(part);
  }
  for (const part of parts) addCounts(total, await part);
  return total;
}

function rejection(item: BodyItem, error: string): Rejection {
  return item.line === undefined ? { index: item.index, error } : { index: item.index, line: item.line, error };
}
