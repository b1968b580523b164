import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { entryJson } from './entry-json.ts';
import { reusableEntry } from './reusable-entry.ts';
import { FileLog, type RawRecord } from './file-log.ts';
import { lockDataDir } from './file-lock.ts';
import { FOLLOW_CHUNK_BYTES, followLoop, takeChunk } from './follow-loop.ts';
import { LocalLeases } from './local-leases.ts';
import { readSnapshotFile, removeSnapshotLeftovers, writeSnapshotFile } from './snapshot-file.ts';
import { StoreUnavailable, type Follower, type Lease, type LogRecord, type Position, type Snapshot, type Store } from './store.ts';

export interface FileStoreOptions {
  dataDir: string;
  /** Default 50: the longest a busy store waits between group commits, in ms. */
  fsyncIntervalMs?: number;
  /** Default 256 KiB: JSON waiting that starts a commit before the interval is up (see file-log.ts). */
  commitBytes?: number;
  /** Default 64 MiB: log segment size, in bytes; trimming drops whole segments. */
  segmentBytes?: number;
  logger?: Logger;
}

const positionOf = (r: RawRecord): Position => `0-${r.seq}`;

/** The sequence number of a file store position "0-<seq>". */
function seqOf(p: Position): number {
  const seq = Number(p.slice(p.indexOf('-') + 1));
  if (!p.startsWith('0-') || !Number.isSafeInteger(seq)) throw new Error(`not a file store position: "${p.slice(0, 40)}"`);
  return seq;
}

/**
 * Opens the embedded store in `dataDir`: `log/` (segments), `snapshot.dat`, `LOCK`. One process
 * owns the directory; a second opener is refused with a message saying who holds it.
 */
export async function openFileStore(opts: FileStoreOptions): Promise<Store> {
  await mkdir(opts.dataDir, { recursive: true });
  const unlock = await lockDataDir(opts.dataDir, opts.logger);
  try {
    await removeSnapshotLeftovers(opts.dataDir);
    const log = await FileLog.open(join(opts.dataDir, 'log'), {
      fsyncIntervalMs: opts.fsyncIntervalMs ?? 50,
      commitBytes: opts.commitBytes ?? 256 * 1024,
      segmentBytes: opts.segmentBytes ?? 64 * 1024 * 1024,
      recentBytes: 16 * 1024 * 1024,
      logger: opts.logger,
    });
    const snapshot = await readSnapshotFile(opts.dataDir);
    if (snapshot && seqOf(snapshot.position) > log.durableSeq) {
      opts.logger?.warn({ snapshot: snapshot.position, logEnd: `0-${log.durableSeq}` }, 'the snapshot is newer than the end of the log (restored from a copy?); new entries go after the snapshot');
      log.skipPast(seqOf(snapshot.position));
    }
    return new FileStore(opts.dataDir, log, unlock, opts.logger);
  } catch (err) {
    await unlock();
    throw err;
  }
}

class FileStore implements Store {
  readonly kind = 'file';
  private followers = new Set<Follower>();
  private leases = new LocalLeases();
  private snapshotWrite: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly log: FileLog,
    private readonly unlock: () => Promise<void>,
    private readonly logger?: Logger,
  ) {}

  async append(entries: unknown[]): Promise<Position[]> {
    // Serialised now: the caller may change its objects once append returns. Only entries that
    // nobody changes and whose JSON round trip is themselves go along as objects (reusable-entry.ts).
    const seqs = await this.log.append(entries.map(entryJson), entries.map((e) => (reusableEntry(e) ? e : undefined)));
    return seqs.map((seq) => `0-${seq}`);
  }

  follow(after: Position | null, onRecords: (records: LogRecord[]) => void | Promise<void>): Follower {
    const log = this.log;
    let cursor = after === null ? 0 : seqOf(after);
    let raw: RawRecord[] = [];
    let at = 0;
    // Set by every commit, so a commit between an empty read and the wait is not missed.
    let committed = false;
    let stopped = false;
    let wake = (): void => undefined;
    const unsubscribe = log.onCommit(() => {
      committed = true;
      wake();
    });
    const follower = followLoop(
      {
        async next() {
          if (at >= raw.length) {
            committed = false;
            raw = await log.readAfter(cursor);
            at = 0;
            if (raw.length === 0) {
              if (!committed && !stopped) await new Promise<void>((resolve) => (wake = resolve));
              return [];
            }
          }
          const { records, next } = takeChunk(raw, at, FOLLOW_CHUNK_BYTES, positionOf);
          at = next;
          cursor = raw[next - 1].seq;
          return records;
        },
        interrupt: () => {
          stopped = true;
          wake();
        },
      },
      onRecords,
      this.logger,
    );
    const handle: Follower = {
      stop: async () => {
        await follower.stop();
        unsubscribe();
        this.followers.delete(handle);
      },
    };
    this.followers.add(handle);
    return handle;
  }

  readSnapshot(): Promise<Snapshot | null> {
    return readSnapshotFile(this.dir);
  }

  writeSnapshot(s: Snapshot): Promise<void> {
    if (this.closed) return Promise.reject(new StoreUnavailable('the store is closed'));
    // One at a time: they share the temporary file.
    const write = this.snapshotWrite.catch(() => undefined).then(() => writeSnapshotFile(this.dir, s));
    this.snapshotWrite = write;
    return write;
  }

  trimBefore(position: Position): Promise<void> {
    return this.log.trimBefore(seqOf(position));
  }

  async acquireLease(name: string): Promise<Lease | null> {
    return this.leases.acquire(name);
  }

  health(): 'ok' | 'degraded' {
    return this.log.failure ? 'degraded' : 'ok';
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.followers].map((f) => f.stop()));
    await this.log.close();
    await this.snapshotWrite.catch(() => undefined);
    this.leases.releaseAll();
    await this.unlock();
  }
}
