import type { IngestResult } from '../protocol/api.ts';
import { addCounts, checkBatch, type ApplyCounts, type EventSink, type IngestOptions } from './ingest-batch.ts';
import type { BodyItem } from './parse-body.ts';
import type { NumberedLine } from './read-lines.ts';
import { nestsTooDeep, TOO_DEEP } from './json-depth.ts';

/** At most this many rejections are listed; `rejectedCount` has them all. */
export const MAX_LISTED_REJECTIONS = 1000;
const BATCH = 2000;
/** Batches handed to the sink before waiting for the oldest: the log keeps their order. */
const IN_FLIGHT = 8;
/** Longest stretch (ms) a stream is read and applied without letting other work run. */
const YIELD_EVERY_MS = 10;

/**
 * Applies a stream of lines in batches as they arrive: each line becomes zero or more items
 * (events with their line number, or an error); the items of each chunk of the stream (at most
 * 2,000 at a time) are validated and applied in order.
 * Memory stays bounded by the batch size whatever the length of the stream.
 */
export async function ingestLines(
  sink: EventSink,
  lines: AsyncIterable<NumberedLine[]>,
  toItems: (l: NumberedLine, nextIndex: number) => BodyItem[],
  opts: IngestOptions,
): Promise<IngestResult & { lines: number; parsedAny: boolean }> {
  const total: IngestResult & { lines: number; parsedAny: boolean } = { accepted: 0, duplicates: 0, anomalies: 0, rejected: [], rejectedCount: 0, lines: 0, parsedAny: false };
  let batch: BodyItem[] = [];
  let index = 0;
  let lastYield = performance.now();
  const pending: Promise<ApplyCounts>[] = [];
  const add = (c: ApplyCounts) => addCounts(total, c);
  const flush = async () => {
    if (!batch.length) return;
    const { good, rejected } = checkBatch(batch, opts);
    total.rejectedCount! += rejected.length;
    for (const x of rejected) if (total.rejected.length < MAX_LISTED_REJECTIONS) total.rejected.push(x);
    batch = [];
    if (good.length) {
      const applied = sink(good);
      // Awaited in order below; a failure is seen there, never as an unhandled rejection.
      applied.catch(() => {});
      pending.push(applied);
    }
    if (pending.length >= IN_FLIGHT) add(await pending.shift()!);
  };
  for await (const chunk of lines) {
    for (const l of chunk) {
      total.lines = l.lineNo;
      const items = l.error ? [{ index, line: l.lineNo, error: l.error }] : safeItems(toItems, l, index);
      for (const item of items) {
        if (!('error' in item)) total.parsedAny = true;
        batch.push(item);
        index++;
      }
      if (batch.length >= BATCH) await flush();
    }
    // Apply what has arrived: a slow stream (a tail, a paced replay) is never held back.
    await flush();
    // A body that arrives faster than it is applied would be read chunk after chunk in
    // microtasks alone; give timers and other requests their turn every few milliseconds.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  await flush();
  for (const p of pending) add(await p);
  return total;
}

/**
 * A line's items, or a rejection of that line if translating it threw: one strange line must
 * never cost the receipts of the lines around it.
 */
function safeItems(toItems: (l: NumberedLine, nextIndex: number) => BodyItem[], l: NumberedLine, index: number): BodyItem[] {
  try {
    return toItems(l, index);
  } catch {
    return [{ index, line: l.lineNo, error: `line ${l.lineNo}: could not be read` }];
  }
}

/** A translated line's items: its events, or its error, each carrying the line number. */
export function translatedItems(l: NumberedLine, index: number, r: { events: unknown[]; error?: string }): BodyItem[] {
  if (r.error) return [{ index, line: l.lineNo, error: r.error }];
  return r.events.map((value, k) => ({ index: index + k, line: l.lineNo, value }));
}

/** NDJSON: each non-blank line is one JSON value (an event, or a record to translate). */
export function ndjsonItems(l: NumberedLine, index: number): BodyItem[] {
  if (l.value !== undefined) return [{ index, line: l.lineNo, value: l.value }];
  const text = l.line.trim();
  if (!text) return [];
  if (nestsTooDeep(text)) return [{ index, line: l.lineNo, error: `line ${l.lineNo}: ${TOO_DEEP}` }];
  try {
    return [{ index, line: l.lineNo, value: JSON.parse(text) }];
  } catch (e) {
    return [{ index, line: l.lineNo, error: `line ${l.lineNo}: not valid JSON (${(e as Error).message})` }];
  }
}
