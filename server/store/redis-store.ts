import type { Logger } from 'pino';
import { createClient } from 'redis';
import { entryJson } from './entry-json.ts';
import { FOLLOW_CHUNK_BYTES, followLoop, takeChunk } from './follow-loop.ts';
import { acquireRedisLease } from './redis-lease.ts';
import { StoreUnavailable, type Follower, type Lease, type LogRecord, type Position, type Snapshot, type Store } from './store.ts';

type Client = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  url: string;
  /** Default 'floorboard:': prefix of every key, so several floors (and tests) share one Redis. */
  keyPrefix?: string;
  /** Default 1000: an append not answered by then is refused as unavailable, in ms. */
  appendTimeoutMs?: number;
  /** Default 10000: how long openRedisStore waits for a first connection, in ms. */
  connectTimeoutMs?: number;
  logger?: Logger;
}

/** Entries per XREAD: bounds one reply (entries may be batches of hundreds of events); handed over FOLLOW_CHUNK_BYTES at a time. */
const READ_COUNT = 100;
/** XREAD BLOCK time; a wait ends this often even when nothing comes, in ms. */
const BLOCK_MS = 5_000;

/** Reconnect back-off: 50 ms doubling to 1 s, with jitter so replicas do not reconnect in step. */
const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 1_000) + Math.floor(Math.random() * 100);

/**
 * Opens the Redis store: the log is the stream `<prefix>log` (field `e` = the entry's JSON), the
 * snapshot the hash `<prefix>snapshot` (position, version, data), leases `<prefix>lease:<name>`.
 * Waits for a first connection (a replica with no Redis has no floor to serve), then rides out
 * outages: appends are refused at once while Redis is away, followers resume where they were.
 */
export async function openRedisStore(opts: RedisStoreOptions): Promise<Store> {
  const client: Client = createClient({
    url: opts.url,
    // Commands are refused while disconnected instead of queued: an append must not wait
    // unboundedly, nor be acknowledged long after the caller gave up.
    disableOfflineQueue: true,
    socket: { reconnectStrategy, connectTimeout: 2_000 },
  });
  const where = redactUrl(opts.url);
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) opts.logger?.warn({ err, redis: where }, 'Redis unreachable; the store is degraded until it is back');
    down = true;
  });
  client.on('ready', () => {
    if (down) opts.logger?.info({ redis: where }, 'Redis reachable again');
    down = false;
  });
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`cannot reach Redis at ${where} within ${connectTimeoutMs} ms (REDIS_URL)`)), connectTimeoutMs);
      }),
    ]);
  } catch (err) {
    client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return new RedisStore(client, opts.keyPrefix ?? 'floorboard:', opts.appendTimeoutMs ?? 1_000, opts.logger);
}

class RedisStore implements Store {
  readonly kind = 'redis';
  private readonly logKey: string;
  private readonly snapshotKey: string;
  private followers = new Set<Follower>();
  private leases = new Set<Lease>();
  private closed = false;
  /** Set when Redis stopped answering on a connection that looks open; cleared by an answer. */
  private unanswered = false;

  constructor(
    private readonly client: Client,
    private readonly prefix: string,
    private readonly appendTimeoutMs: number,
    private readonly logger?: Logger,
  ) {
    this.logKey = `${prefix}log`;
    this.snapshotKey = `${prefix}snapshot`;
  }

  async append(entries: unknown[]): Promise<Position[]> {
    const jsons = entries.map(entryJson);
    if (jsons.length === 0) return [];
    if (this.closed) throw new StoreUnavailable('the store is closed');
    if (!this.client.isReady) throw new StoreUnavailable('Redis is unreachable');
    // One MULTI/EXEC: the batch lands contiguously, all of it or none.
    const multi = this.client.multi();
    for (const json of jsons) multi.xAdd(this.logKey, '*', { e: json });
    const ids = await this.withTimeout(multi.exec(), 'append');
    this.unanswered = false;
    return ids.map(String);
  }

  follow(after: Position | null, onRecords: (records: LogRecord[]) => void | Promise<void>): Follower {
    // A connection of its own: XREAD BLOCK holds it. It queues commands while reconnecting, so a
    // read issued during an outage simply runs once Redis is back, from the same cursor.
    const reader = this.client.duplicate({ disableOfflineQueue: false });
    reader.on('error', () => undefined); // the loop reports outages; the client reconnects by itself
    let cursor = after ?? '0-0';
    let stopped = false;
    const key = this.logKey;
    // Entries of the last read not handed over yet: parsed a chunk at a time, as the file store's.
    let raw: StreamEntry[] = [];
    let at = 0;
    const follower = followLoop(
      {
        async next() {
          if (stopped) return [];
          if (at >= raw.length) {
            if (!reader.isOpen) await reader.connect();
            raw = streamEntries(await reader.xRead({ key, id: cursor }, { BLOCK: BLOCK_MS, COUNT: READ_COUNT }));
            at = 0;
            if (raw.length === 0) return [];
            cursor = raw[raw.length - 1].id;
          }
          const { records, next } = takeChunk(raw, at, FOLLOW_CHUNK_BYTES, (r) => r.id);
          at = next;
          return records;
        },
        interrupt: () => {
          stopped = true;
          if (reader.isOpen) reader.destroy();
        },
      },
      onRecords,
      this.logger,
    );
    const handle: Follower = {
      stop: async () => {
        await follower.stop();
        this.followers.delete(handle);
      },
    };
    this.followers.add(handle);
    return handle;
  }

  async readSnapshot(): Promise<Snapshot | null> {
    const h = await this.unavailableOnError(this.client.hGetAll(this.snapshotKey));
    if (h.position === undefined || h.data === undefined) return null;
    return { position: h.position, version: Number(h.version), data: h.data };
  }

  async writeSnapshot(s: Snapshot): Promise<void> {
    // One HSET: the three fields change together.
    await this.unavailableOnError(this.client.hSet(this.snapshotKey, { position: s.position, version: String(s.version), data: s.data }));
  }

  async trimBefore(position: Position): Promise<void> {
    await this.unavailableOnError(this.client.xTrim(this.logKey, 'MINID', position));
  }

  async acquireLease(name: string, ttlMs: number): Promise<Lease | null> {
    const lease = await this.unavailableOnError(acquireRedisLease(this.client, `${this.prefix}lease:${name}`, name, ttlMs, this.logger));
    if (lease) {
      this.leases.add(lease);
      lease.onLost(() => this.leases.delete(lease));
    }
    return lease;
  }

  health(): 'ok' | 'degraded' {
    return this.client.isReady && !this.unanswered ? 'ok' : 'degraded';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.followers].map((f) => f.stop()));
    await Promise.all([...this.leases].map((l) => l.release()));
    if (this.client.isReady) await this.client.close();
    else this.client.destroy();
  }

  /** Refuses as unavailable when Redis answers too late or fails (the append may still land). */
  private async withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.unavailableOnError(p),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            // A connection that swallows commands without closing (a network black hole) is
            // only noticed here: say degraded until Redis answers again.
            this.unanswered = true;
            void p.then(() => (this.unanswered = false), () => undefined);
            reject(new StoreUnavailable(`Redis did not answer the ${what} within ${this.appendTimeoutMs} ms`));
          }, this.appendTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async unavailableOnError<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (err) {
      throw err instanceof StoreUnavailable ? err : new StoreUnavailable(`Redis: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

/** A log entry as XREAD gives it: its stream id and its JSON text. */
interface StreamEntry {
  id: string;
  json: string;
}

/** The entries of an XREAD reply on one stream, unparsed (node-redis types it loosely). */
function streamEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const stream: unknown = reply[0];
  const messages: unknown = typeof stream === 'object' && stream !== null && 'messages' in stream ? stream.messages : [];
  if (!Array.isArray(messages)) return [];
  return messages.map((m: { id: string; message: { e: string } }) => ({ id: m.id, json: m.message.e }));
}

/** The URL without its password, for messages and logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
