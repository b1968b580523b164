import type { Logger } from 'pino';

/**
 * The storage seam: one ordered, durable log of opaque JSON entries, one snapshot, and named
 * leases. It knows nothing of the engine; the floor folds the log, the store only keeps it.
 */

/** A log position, "<ms>-<seq>" like a Redis stream id; order them with comparePositions. */
export type Position = string;

/** One log entry with the position the store gave it. */
export interface LogRecord {
  position: Position;
  /** Any JSON value, as appended (followers get a parsed copy, never the appender's object). */
  entry: unknown;
}

/** The newest state the caller saved, with the log position it covers (inclusive). */
export interface Snapshot {
  position: Position;
  /** The caller's format version; a reader of another version ignores the snapshot. */
  version: number;
  data: string;
}

/** A named lease: while `held`, no other process sharing the store holds the same name. */
export interface Lease {
  readonly name: string;
  readonly held: boolean;
  /** Gives the lease up at once, so another process may take it without waiting for expiry. */
  release(): Promise<void>;
  /** Called once if the lease is lost (renewal refused, or not confirmed within its ttl). */
  onLost(cb: () => void): void;
}

/** A running follow; stop() resolves once no onRecords call is running or will start. */
export interface Follower {
  stop(): Promise<void>;
}

export interface Store {
  readonly kind: 'file' | 'redis';
  /**
   * Appends entries in order, contiguously; resolves with their positions once they are durable.
   * Rejects with StoreUnavailable when the backend is down. A rejection acknowledges nothing, but
   * (Redis, on a timeout) the entries may still have been logged: callers dedupe by their own ids.
   */
  append(entries: unknown[]): Promise<Position[]>;
  /**
   * Delivers every record after `after` (null = from the oldest retained) in log order, then
   * keeps following new ones (from any process sharing the store) until stop(). onRecords calls
   * never overlap; a rejection from onRecords is logged and the same records are not redelivered.
   */
  follow(after: Position | null, onRecords: (records: LogRecord[]) => void | Promise<void>): Follower;
  readSnapshot(): Promise<Snapshot | null>;
  /** Replaces the snapshot atomically: a reader sees the old one or the new one, never a mix. */
  writeSnapshot(s: Snapshot): Promise<void>;
  /** Drops records strictly before `position` (the caller guarantees a snapshot covers them). */
  trimBefore(position: Position): Promise<void>;
  /** Exactly one holder per name across processes sharing the store; null while another holds it. */
  acquireLease(name: string, ttlMs: number): Promise<Lease | null>;
  /** 'ok', or 'degraded' while the backend is unreachable (or the disk refused a write). */
  health(): 'ok' | 'degraded';
  close(): Promise<void>;
}

/** The backend cannot take writes now (Redis unreachable, disk error); retry later. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}

/** Orders two positions: negative when a is before b, 0 when equal, positive after. */
export function comparePositions(a: Position, b: Position): number {
  const [am, as] = splitPosition(a);
  const [bm, bs] = splitPosition(b);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

function splitPosition(p: Position): [number, number] {
  const dash = p.indexOf('-');
  const ms = Number(dash < 0 ? p : p.slice(0, dash));
  const seq = dash < 0 ? 0 : Number(p.slice(dash + 1));
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(seq) || ms < 0 || seq < 0) {
    throw new Error(`not a log position: "${p.slice(0, 40)}" (expected "<ms>-<seq>")`);
  }
  return [ms, seq];
}

export interface StoreOptions {
  /** Where the file store keeps its log, snapshot and lock (unused with Redis). */
  dataDir: string;
  /** redis://host:port; when set, the log, snapshot and leases live in Redis. */
  redisUrl?: string;
  /** File store: the longest a busy store waits between group commits (write + fsync), in ms. */
  fsyncIntervalMs?: number;
  /** Prefix of every Redis key, so several floors (and tests) can share one Redis. */
  keyPrefix?: string;
  logger?: Logger;
}

/** Opens the Redis store when redisUrl is set, else the file store in dataDir. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.redisUrl) {
    const { openRedisStore } = await import('./redis-store.ts');
    return openRedisStore({ url: opts.redisUrl, keyPrefix: opts.keyPrefix, logger: opts.logger });
  }
  const { openFileStore } = await import('./file-store.ts');
  return openFileStore({ dataDir: opts.dataDir, fsyncIntervalMs: opts.fsyncIntervalMs, logger: opts.logger });
}
