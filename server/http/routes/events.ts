import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../../auth/principals.ts';
import { checkSteps, submitInParts, type EventSink, type IngestOptions } from '../../ingest/ingest-batch.ts';
import { ingestLines, MAX_LISTED_REJECTIONS, ndjsonItems, translatedItems } from '../../ingest/ingest-stream.ts';
import { jsonArraySteps, type JsonArrayOptions } from '../../ingest/plan-import.ts';
import { MAX_JSON_DEPTH } from '../../ingest/json-depth.ts';
import { QueueLogTranslator } from '../../ingest/queue-log.ts';
import { readLineBatches, StreamTooLarge, type NumberedLine } from '../../ingest/read-lines.ts';
import { AmazonConnectTranslator } from '../../ingest/amazon-connect.ts';
import type { QueueLogResult } from '../../protocol/api.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { knownParams, oneParam, writeTenant } from '../query.ts';
import { feedBody, remaining } from '../request-body.ts';
import { quote } from '../../validation/quote.ts';
import type { SlicedWork } from '../../realtime/sliced.ts';
import { readImport } from '../sliced-import.ts';

/**
 * queue_log sources (`?source=`) a tenant's feed may name: each keeps a translator with its
 * members for as long as the server runs, and a feed naming a new one in every post kept one each.
 */
const MAX_QUEUE_LOG_SOURCES = 100;

/**
 * Characters one element of a JSON array body may have: the largest event the checks take (an
 * agent.login naming 500 queues of 200-character ids) has about 102,000, an Amazon Connect agent
 * event record a few thousand. Elements are parsed a slice at a time, a slice ending between
 * elements, so one element is parsed in one go: 128 KiB of nested arrays is about 15 ms.
 */
export const MAX_EVENT_CHARS = 128 * 1024;

/** How the elements of an events array are read; `name` counts them as the answers do. */
const arrayOf = (name: (i: number) => string, kind: string): JsonArrayOptions => ({ maxChars: MAX_EVENT_CHARS, name, kind });
// An event nests a few levels: one past MAX_JSON_DEPTH is refused unparsed, as an NDJSON line is (an unparseable
// element refuses a JSON array whole). Amazon Connect records keep their own per-record limit (32 levels, after parsing).
const EVENTS: JsonArrayOptions = { ...arrayOf((i) => `event ${i}`, 'an event'), maxDepth: MAX_JSON_DEPTH };
// Amazon Connect records are counted from 1, as the answer's `line`s are.
const RECORDS = arrayOf((i) => `record ${i + 1}`, 'a record');

export interface EventsRouterOptions {
  /** Where validated events go (the floor's log); the answer waits for them to be applied. */
  sink: EventSink;
  auth: Authenticator;
  logger: Logger;
  /** Limit for a JSON array body, which must be held whole (bytes). */
  maxBodyBytes: number;
  /** Limit for an NDJSON or queue_log stream, which is read line by line (bytes). */
  maxStreamBytes: number;
  maxTs: () => number;
  /** The turns JSON array bodies are parsed and checked in, shared with the imports. */
  importWork: SlicedWork;
}

/**
 * Reads until the first non-blank byte, to tell a JSON array from NDJSON without buffering; the
 * rest stays in `body`. The blank bytes before it count against `limit` (bytes): a body of
 * nothing but white space was held whole.
 */
async function peek(body: AsyncIterator<Buffer>, limit: number): Promise<{ head: Buffer[]; first: string | null }> {
  const head: Buffer[] = [];
  let size = 0;
  const next = () => tooLarge(body.next(), ' before its first character');
  for (let r = await next(); !r.done; r = await next()) {
    size += r.value.length;
    if (size > limit) throw new HttpError(413, `${new StreamTooLarge(limit).message} before its first character`);
    head.push(r.value);
    const at = firstNonBlank(r.value);
    if (at >= 0) return { head, first: String.fromCharCode(r.value[at]) };
  }
  return { head, first: null };
}

/**
 * Index of the first byte that is not white space as /\s/ reads a latin1 byte (tab to CR, space,
 * no-break space 0xA0), or -1: read from the bytes, as converting a whole chunk to text for one
 * character cost a string as large as the chunk per request.
 */
function firstNonBlank(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b !== 0x20 && b !== 0xa0 && (b < 0x09 || b > 0x0d)) return i;
  }
  return -1;
}

async function readWhole(body: AsyncIterator<Buffer>, head: Buffer[], limit: number): Promise<string> {
  const chunks = [...head];
  let size = head.reduce((n, b) => n + b.length, 0);
  const next = () => tooLarge(body.next(), '; nothing was applied');
  for (let r = await next(); !r.done; r = await next()) {
    size += r.value.length;
    if (size > limit) throw new HttpError(413, `body is larger than the limit of ${limit} bytes; send NDJSON (streamed) or smaller batches`);
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POST /api/v1/events (canonical events: a JSON array, or NDJSON read as it arrives) and
 * POST /api/v1/ingest/queue-log (raw Asterisk queue_log lines, streamed, with line numbers).
 */
export function eventsRouter(opts: EventsRouterOptions): Router {
  const router = Router();
  const translators = new Map<string, QueueLogTranslator>();
  /** Translators kept per tenant. */
  const sourcesOf = new Map<string, number>();
  const ingestOptions = (req: Request): IngestOptions => ({ tenants: req.principal!.tenants, maxTs: opts.maxTs() });

  router.post('/events', requireRole(opts.auth, 'write'), async (req, res) => {
    // Each event names its tenant: a `?tenant=` here was ignored, so it is refused with the rest.
    knownParams(req, []);
    const body = feedBody(req);
    const { head, first } = await peek(body, opts.maxStreamBytes);
    if (first === null) throw new HttpError(400, 'body is empty: send a JSON array of events or NDJSON');
    if (first === '[') {
      const text = await readWhole(body, head, opts.maxBodyBytes);
      const { good, rejected, rejectedCount } = await readImport(opts.importWork, checkedArray(text, ingestOptions(req)));
      const counts = await submitInParts(opts.sink, good);
      // All rejections are listed up to the stream's limit; past it, how many there were.
      res.json({ ...counts, rejected, ...(rejectedCount > rejected.length ? { rejectedCount } : {}) });
      return;
    }
    const result = await streamed(() => ingestLines(opts.sink, readLineBatches(remaining(body), head, opts.maxStreamBytes), ndjsonItems, ingestOptions(req)));
    if (!result.parsedAny) throw new HttpError(400, 'body is neither a JSON array nor NDJSON: no line is valid JSON');
    const { lines: _lines, parsedAny: _parsed, ...answer } = result;
    if (answer.rejectedCount) opts.logger.info({ rejected: answer.rejectedCount, first: answer.rejected[0] }, 'rejected events');
    res.json(answer);
  });

  router.post('/ingest/queue-log', requireRole(opts.auth, 'write'), async (req, res) => {
    const tenant = writeTenant(req);
    // A misspelt ?sourc=pbx2 (or a repeated ?source=) fed the default source: two PBXs' members in one translator.
    knownParams(req, ['tenant', 'source']);
    const body = feedBody(req);
    const source = oneParam(req, 'source') ?? 'queue_log';
    if (!/^[\w.-]{1,64}$/.test(source)) throw new HttpError(400, 'source: 1-64 letters, digits, dots, dashes or underscores');
    const key = `${tenant}\u0000${source}`;
    let translator = translators.get(key);
    if (!translator) {
      const sources = sourcesOf.get(tenant) ?? 0;
      if (sources >= MAX_QUEUE_LOG_SOURCES) throw new HttpError(400, `source: tenant ${quote(tenant)} has ${MAX_QUEUE_LOG_SOURCES} queue_log sources already; send with one of those`);
      sourcesOf.set(tenant, sources + 1);
      translators.set(key, (translator = new QueueLogTranslator(tenant, source)));
    }
    const t = translator;
    const before = structuredClone(t.stats);
    const result = await streamed(() =>
      ingestLines(
        opts.sink,
        readLineBatches(remaining(body), [], opts.maxStreamBytes),
        (l, index) => translatedItems(l, index, t.line(l.line, l.lineNo)),
        ingestOptions(req),
      ),
    );
    const { parsedAny: _parsed, ...rest } = result;
    const answer: QueueLogResult = { ...rest, ignored: diff(t.stats.ignored, before.ignored), unknownVerbs: diff(t.stats.unknown, before.unknown) };
    res.json(answer);
  });

  router.post('/ingest/amazon-connect', requireRole(opts.auth, 'write'), async (req, res) => {
    const translator = new AmazonConnectTranslator(writeTenant(req));
    knownParams(req, ['tenant']);
    const ignored: Record<string, number> = Object.create(null);
    const body = feedBody(req);
    const { head, first } = await peek(body, opts.maxStreamBytes);
    if (first === null) throw new HttpError(400, 'body is empty: send agent event stream records or contact events as NDJSON');
    // A JSON array of records is held whole and parsed a slice at a time; NDJSON streams.
    const lines = first === '[' ? arrayLines(opts.importWork, await readWhole(body, head, opts.maxBodyBytes)) : readLineBatches(remaining(body), head, opts.maxStreamBytes);
    const result = await streamed(() =>
      ingestLines(
        opts.sink,
        lines,
        (l, index) => {
          const [record] = ndjsonItems(l, index);
          if (!record || 'error' in record) return record ? [record] : [];
          const r = translator.record(record.value, l.lineNo);
          if (r.ignored) ignored[r.ignored] = (ignored[r.ignored] ?? 0) + 1;
          return translatedItems(l, index, r);
        },
        ingestOptions(req),
      ),
    );
    const { parsedAny: _parsed, ...rest } = result;
    res.json({ ...rest, ignored });
  });

  return router;
}

/** The events of a JSON array body checked, in steps (for `runSliced`): parsed a slice at a time, then checked a part at a time. */
export function* checkedArray(text: string, ingest: IngestOptions): ReturnType<typeof checkSteps> {
  const values = yield* jsonArraySteps(text, EVENTS);
  return yield* checkSteps(values, ingest, MAX_LISTED_REJECTIONS);
}

/** Records of a JSON array handed on at a time, so the stream's reader gives other work its turns between them. */
const RECORDS_PER_CHUNK = 2000;

/**
 * The records of a JSON array as numbered lines (record i is "line" i + 1), parsed a slice at a
 * time as jobs of `work`; 400 naming the record when the array is not valid JSON.
 */
async function* arrayLines(work: SlicedWork, text: string): AsyncGenerator<NumberedLine[]> {
  const parsed = await readImport(work, jsonArraySteps(text, RECORDS));
  // Records go on parsed: stringifying outside input again could throw on a deeply nested one.
  for (let i = 0; i < parsed.length; i += RECORDS_PER_CHUNK) yield parsed.slice(i, i + RECORDS_PER_CHUNK).map((record, k) => ({ line: '', lineNo: i + k + 1, value: record }));
}

/** `p`, with a stream over its limit (or inflating past its ratio) as 413, its message followed by `after`. */
async function tooLarge<T>(p: Promise<T>, after: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof StreamTooLarge) throw new HttpError(413, e.message + after);
    throw e;
  }
}

/** Turns a stream over the limit into 413 (events before the limit were applied). */
async function streamed<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof StreamTooLarge) throw new HttpError(413, `${e.message}; events before the limit were applied`);
    throw e;
  }
}

function diff(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const [k, v] of Object.entries(now)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}
