import type { Logger } from 'pino';
import type { Follower, LogRecord } from './store.ts';

/**
 * JSON handed to a follower per onRecords call, at most (one larger entry goes alone), in
 * characters (string length; bytes for ASCII, up to three times as many for Chinese text): the
 * records are parsed in one go before they are applied in turns, and parsing costs by length.
 */
export const FOLLOW_CHUNK_BYTES = 4 * 1024 * 1024;

/** The longest pause between two attempts to read a failing log, in ms. */
const MAX_RETRY_MS = 2_000;

/** How a backend feeds a follower: the next records (waiting for some), and how to cut a wait short. */
export interface RecordSource {
  /** Resolves with the next records in log order; may resolve [] when woken by interrupt(). */
  next(): Promise<LogRecord[]>;
  /** Called once by stop(): make a pending next() resolve soon. */
  interrupt(): void;
}

/**
 * Pulls from `source` and hands each batch to `onRecords`, one call at a time, until stop().
 * A failing read (Redis down, disk error) is retried with back-off from where it stopped, logged
 * once per outage. A throwing onRecords is logged and the loop goes on with the following records:
 * the log has moved on, and redelivering could apply a batch twice.
 */
export function followLoop(source: RecordSource, onRecords: (records: LogRecord[]) => void | Promise<void>, logger?: Logger): Follower {
  let stopped = false;
  let wakeSleep: (() => void) | null = null;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    wakeSleep = () => {
      clearTimeout(t);
      resolve();
    };
  });
  const done = (async () => {
    let failures = 0;
    while (!stopped) {
      let records: LogRecord[];
      try {
        records = await source.next();
      } catch (err) {
        if (stopped) break;
        if (failures++ === 0) logger?.warn({ err }, 'a log follower cannot read the log; retrying with back-off');
        await sleep(Math.min(50 * 2 ** failures, MAX_RETRY_MS));
        continue;
      }
      if (failures > 0) logger?.info({ failures }, 'a log follower reads the log again');
      failures = 0;
      if (stopped || records.length === 0) continue;
      try {
        await onRecords(records);
      } catch (err) {
        logger?.error({ err, from: records[0].position, to: records.at(-1)!.position }, 'a log follower failed on these records; it goes on after them');
      }
    }
  })();
  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        source.interrupt();
        wakeSleep?.();
      }
      await done;
    },
  };
}

/**
 * Parses raw JSON records into LogRecords, `maxBytes` of JSON at a time (at least one record).
 * A record that carries its entry as `value` (appended in this process, see file-log.ts) gives
 * it up instead of being parsed: once, so a second reader parses the text like any other.
 */
export function takeChunk<T extends { json: string; value?: unknown }>(raw: T[], from: number, maxBytes: number, positionOf: (r: T) => string): { records: LogRecord[]; next: number } {
  const records: LogRecord[] = [];
  let bytes = 0;
  let i = from;
  for (; i < raw.length && (i === from || bytes + raw[i].json.length <= maxBytes); i++) {
    const r = raw[i];
    bytes += r.json.length;
    let entry = r.value;
    if (entry === undefined) entry = JSON.parse(r.json);
    else r.value = undefined;
    records.push({ position: positionOf(r), entry });
  }
  return { records, next: i };
}
