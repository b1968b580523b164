import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { errorCode, fsyncDir, writeAll } from './fs-durable.ts';
import { StoreUnavailable } from './store.ts';

/**
 * The file store's log: NDJSON segment files `<dir>/<first seq, 20 digits>.ndjson`, one line
 * `{"p":<seq>,"e":<entry>}` per entry, seq 1, 2, 3, ... Appends are group-committed: one write
 * and one fdatasync carry every append that arrived since the last commit, and an append resolves
 * only after the fdatasync that covers it. A commit starts at once when the previous one began
 * at least `fsyncIntervalMs` ago, else when that interval is up: an idle log answers after one
 * fsync, a busy one commits every interval (0 = as soon as the previous commit is done). It also
 * starts as soon as the previous commit is done once `commitBytes` of JSON are waiting: then
 * the fsync is paid by that much data, and waiting for the timer would only idle the writers.
 */
export interface FileLogOptions {
  fsyncIntervalMs: number;
  /** JSON waiting (UTF-16 units, about bytes) that starts a commit before the interval is up. */
  commitBytes: number;
  /** A new segment starts once the current one reaches this size, in bytes. */
  segmentBytes: number;
  /** Recently committed entries kept in memory for live followers, in bytes of JSON. */
  recentBytes: number;
  logger?: Logger;
}

/** One committed entry: its sequence number and its JSON text. */
export interface RawRecord {
  seq: number;
  json: string;
  /**
   * The entry as appended, when the appender said it is what parsing `json` gives: the first
   * reader in this process takes it (and clears it) instead of parsing the text again.
   */
  value?: unknown;
}

interface Segment {
  firstSeq: number;
  path: string;
  /** Bytes known durable; a reader never looks past them. */
  size: number;
}

interface Waiter {
  count: number;
  resolve: (seqs: number[]) => void;
  reject: (err: Error) => void;
}

const SEGMENT_NAME = /^(\d{20})\.ndjson$/;
const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(20, '0')}.ndjson`;

export class FileLog {
  /** The last durable sequence number (0 when the log has never held an entry). */
  durableSeq: number;
  /** Set while the disk refuses writes; cleared by the next successful commit. */
  failure: Error | null = null;
  /** Set when a failed write could not be cut back: appending more would bury a torn line. */
  private broken: Error | null = null;
  private pendingJson: string[] = [];
  /** Length of the JSON in pendingJson. */
  private pendingBytes = 0;
  /** Aligned with pendingJson: the entry objects handed over with it, or undefined. */
  private pendingValues: unknown[] = [];
  private waiters: Waiter[] = [];
  private committing = false;
  private timer: NodeJS.Timeout | null = null;
  private lastCommitStart = -Infinity;
  private active: FileHandle | null = null;
  private recent: RawRecord[] = [];
  private recentStart = 0;
  private recentSize = 0;
  private listeners = new Set<() => void>();
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  /** Where a commit encodes its lines; reused, so a busy log does not allocate a buffer per commit. */
  private commitBuffer: Buffer = Buffer.allocUnsafe(START_BUFFER);

  private constructor(
    readonly dir: string,
    private readonly segments: Segment[],
    private readonly opts: FileLogOptions,
  ) {
    this.durableSeq = 0;
  }

  /** Opens (creating) the log in `dir`, cutting a torn last line left by a crash mid-write. */
  static async open(dir: string, opts: FileLogOptions): Promise<FileLog> {
    await mkdir(dir, { recursive: true });
    const segments = (await readdir(dir))
      .map((name) => SEGMENT_NAME.exec(name))
      .filter((m) => m !== null)
      .map((m) => ({ firstSeq: Number(m[1]), path: join(dir, m[0]), size: 0 }))
      .sort((a, b) => a.firstSeq - b.firstSeq);
    // Segments before the last were complete when the next began; the last one is checked below.
    for (const seg of segments.slice(0, -1)) seg.size = (await stat(seg.path)).size;
    const log = new FileLog(dir, segments, opts);
    const last = segments.at(-1);
    if (last) {
      const { size, lastSeq } = await recoverSegment(last, opts.logger);
      last.size = size;
      log.durableSeq = lastSeq ?? last.firstSeq - 1;
      log.active = await open(last.path, 'a');
    }
    return log;
  }

  /** The oldest retained sequence number, or null when the log is empty. */
  get firstSeq(): number | null {
    const first = this.segments[0];
    return first && first.firstSeq <= this.durableSeq ? first.firstSeq : null;
  }

  /**
   * Queues entries (as JSON text) for the next commit; resolves with their seqs once durable.
   * `values[i]`, when given, is entry i as parsing `jsons[i]` would give it (see RawRecord.value).
   */
  append(jsons: string[], values?: unknown[]): Promise<number[]> {
    if (this.closed) return Promise.reject(new StoreUnavailable('the store is closed'));
    if (this.broken) return Promise.reject(new StoreUnavailable(`the log is damaged and needs a restart: ${this.broken.message}`));
    if (jsons.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      for (let i = 0; i < jsons.length; i++) {
        this.pendingJson.push(jsons[i]);
        this.pendingValues.push(values?.[i]);
        this.pendingBytes += jsons[i].length;
      }
      this.waiters.push({ count: jsons.length, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Lets the next entry start after `seq` when the log ends before it: a snapshot restored with
   * an older copy of the log covers positions the log no longer has, and new entries must not
   * reuse them (a restart would skip them as already in the snapshot).
   */
  skipPast(seq: number): void {
    if (seq > this.durableSeq && !this.committing && this.pendingJson.length === 0) this.durableSeq = seq;
  }

  /** Calls `cb` after each commit (followers read what is new). Returns the unsubscribe. */
  onCommit(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Durable records after `afterSeq` (from the oldest retained when it is older), from memory
   * when they are recent, else the rest of one segment from disk.
   */
  async readAfter(afterSeq: number): Promise<RawRecord[]> {
    if (afterSeq >= this.durableSeq) return [];
    const inMemory = this.recent.length > this.recentStart ? this.recent[this.recentStart].seq : Infinity;
    if (afterSeq + 1 >= inMemory) {
      const from = this.recentStart + (afterSeq + 1 - inMemory);
      return this.recent.slice(from);
    }
    return this.readSegmentAfter(afterSeq);
  }

  /** Deletes every segment whose records all come before `seq` (never the active one). */
  async trimBefore(seq: number): Promise<void> {
    let dropped = 0;
    while (this.segments.length > 1 && this.segments[1].firstSeq <= seq) {
      const [old] = this.segments.splice(0, 1);
      await unlink(old.path).catch((err: unknown) => {
        if (errorCode(err) !== 'ENOENT') throw err;
      });
      dropped++;
    }
    if (dropped > 0) await fsyncDir(this.dir);
    // What was trimmed is gone for every reader, the in-memory copy included.
    const first = this.segments[0]?.firstSeq ?? 0;
    while (this.recentStart < this.recent.length && this.recent[this.recentStart].seq < first) {
      this.recentSize -= this.recent[this.recentStart++].json.length;
    }
  }

  /** Commits what is pending, then refuses further appends. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.committing || this.pendingJson.length > 0) {
      if (this.committing) {
        await this.idle;
      } else {
        if (this.timer) clearTimeout(this.timer);
        await this.commit();
      }
    }
    await this.active?.close();
    this.active = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.committing) return;
    if (this.pendingBytes >= this.opts.commitBytes) {
      if (this.timer) clearTimeout(this.timer);
      void this.commit();
      return;
    }
    if (this.timer) return;
    const wait = this.lastCommitStart + this.opts.fsyncIntervalMs - performance.now();
    if (wait <= 0) void this.commit();
    else this.timer = setTimeout(() => void this.commit(), wait);
  }

  private async commit(): Promise<void> {
    this.timer = null;
    this.committing = true;
    let done!: () => void;
    this.idle = new Promise((r) => (done = r));
    this.lastCommitStart = performance.now();
    const jsons = this.pendingJson;
    const values = this.pendingValues;
    const waiters = this.waiters;
    this.pendingJson = [];
    this.pendingValues = [];
    this.pendingBytes = 0;
    this.waiters = [];
    const first = this.durableSeq + 1;
    try {
      const encoded = encodeLines(first, jsons, this.commitBuffer);
      // Kept for the next commit (commits never overlap), unless one huge commit grew it.
      this.commitBuffer = encoded.buf.length <= MAX_KEPT_BUFFER ? encoded.buf : Buffer.allocUnsafe(START_BUFFER);
      const buf = encoded.buf.subarray(0, encoded.length);
      const seg = await this.segmentFor(first);
      try {
        await writeAll(this.active!, buf);
        await this.active!.datasync();
      } catch (err) {
        // Cut back to the last durable byte so the failed batch leaves no half line behind.
        await this.active!.truncate(seg.size).catch((cut: unknown) => {
          this.broken = cut instanceof Error ? cut : new Error(String(cut));
        });
        throw err;
      }
      seg.size += buf.length;
      this.durableSeq = first + jsons.length - 1;
      this.failure = null;
      this.remember(first, jsons, values);
      let seq = first;
      for (const w of waiters) {
        w.resolve(Array.from({ length: w.count }, (_, i) => seq + i));
        seq += w.count;
      }
      for (const cb of this.listeners) cb();
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      this.opts.logger?.error({ err }, 'the log could not be written; appends are refused until a write succeeds');
      for (const w of waiters) w.reject(new StoreUnavailable(`the log could not be written: ${this.failure.message}`));
    } finally {
      this.committing = false;
      done();
      if (this.pendingJson.length > 0) this.schedule();
    }
  }

  /** The segment the next write goes to, starting a new one when the current one is full. */
  private async segmentFor(firstSeq: number): Promise<Segment> {
    const cur = this.segments.at(-1);
    if (cur && this.active && cur.size < this.opts.segmentBytes) return cur;
    const seg: Segment = { firstSeq, path: join(this.dir, segmentName(firstSeq)), size: 0 };
    const fh = await open(seg.path, 'a');
    await fsyncDir(this.dir);
    await this.active?.close();
    this.active = fh;
    this.segments.push(seg);
    return seg;
  }

  private remember(first: number, jsons: string[], values: unknown[]): void {
    for (let i = 0; i < jsons.length; i++) {
      this.recent.push(values[i] === undefined ? { seq: first + i, json: jsons[i] } : { seq: first + i, json: jsons[i], value: values[i] });
      this.recentSize += jsons[i].length;
    }
    while (this.recentSize > this.opts.recentBytes && this.recent.length - this.recentStart > 1) {
      this.recentSize -= this.recent[this.recentStart++].json.length;
    }
    if (this.recentStart > 1024 && this.recentStart * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.recentStart);
      this.recentStart = 0;
    }
  }

  private async readSegmentAfter(afterSeq: number): Promise<RawRecord[]> {
    let i = this.segments.length - 1;
    while (i > 0 && this.segments[i].firstSeq > afterSeq + 1) i--;
    const seg = this.segments[i];
    if (!seg) return [];
    let text: string;
    try {
      text = await readPrefix(seg.path, seg.size);
    } catch (err) {
      // Trimmed while we looked: read again from what is now the oldest segment.
      if (errorCode(err) === 'ENOENT' && this.segments[0] !== seg) return this.readSegmentAfter(afterSeq);
      throw err;
    }
    const out: RawRecord[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const rec = parseLine(line);
      if (rec.seq > afterSeq && rec.seq <= this.durableSeq) out.push(rec);
    }
    return out;
  }
}

/** Size of the buffer commits are encoded into, kept between commits up to MAX_KEPT_BUFFER (bytes). */
const START_BUFFER = 1024 * 1024;
const MAX_KEPT_BUFFER = 16 * 1024 * 1024;

/**
 * Encodes the lines `{"p":<seq>,"e":<json>}\n` of entries `first`, `first + 1`, ... as UTF-8 into
 * `buf` (a larger one when it is too small), piece by piece: encoding one string built by `+=`
 * walks a rope of thousands of pieces and took four times as long. Room is reserved at 3 bytes
 * per UTF-16 unit (the most UTF-8 needs), so no piece is read twice (once to measure it).
 */
function encodeLines(first: number, jsons: string[], buf: Buffer): { buf: Buffer; length: number } {
  let off = 0;
  for (let i = 0; i < jsons.length; i++) {
    const head = `{"p":${first + i},"e":`;
    const need = off + head.length + 3 * jsons[i].length + 2;
    if (need > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, 2 * buf.length));
      buf.copy(bigger, 0, 0, off);
      buf = bigger;
    }
    off += buf.write(head, off, 'latin1');
    off += buf.write(jsons[i], off, 'utf8');
    off += buf.write('}\n', off, 'latin1');
  }
  return { buf, length: off };
}

/** Splits a line `{"p":<seq>,"e":<json>}` without parsing the entry. */
function parseLine(line: string): RawRecord {
  const comma = line.indexOf(',"e":');
  const seq = Number(line.slice(5, comma));
  if (!line.startsWith('{"p":') || comma < 0 || !Number.isSafeInteger(seq) || !line.endsWith('}')) {
    throw new Error(`unreadable log line: ${line.slice(0, 60)}`);
  }
  return { seq, json: line.slice(comma + 5, -1) };
}

async function readPrefix(path: string, bytes: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = await readBytes(fh, bytes);
    return buf.toString('utf8');
  } finally {
    await fh.close();
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter). */
async function readBytes(fh: FileHandle, bytes: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(bytes);
  let off = 0;
  while (off < bytes) {
    const { bytesRead } = await fh.read(buf, off, bytes - off, off);
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return buf.subarray(0, off);
}

/**
 * Cuts the segment back to its last whole, parseable line (a kill -9 or power loss mid-write
 * can leave a torn one) and returns its size and last seq (null when it holds no line).
 */
async function recoverSegment(seg: Segment, logger?: Logger): Promise<{ size: number; lastSeq: number | null }> {
  const fh = await open(seg.path, 'r+');
  try {
    const buf = await readBytes(fh, (await fh.stat()).size);
    const off = buf.length;
    let end = buf.lastIndexOf(10, off - 1) + 1;
    let lastSeq: number | null = null;
    while (end > 0) {
      const start = buf.lastIndexOf(10, end - 2) + 1;
      try {
        const line = buf.toString('utf8', start, end - 1);
        JSON.parse(line);
        lastSeq = parseLine(line).seq;
        break;
      } catch {
        end = start;
      }
    }
    if (end < off) {
      logger?.warn({ segment: seg.path, droppedBytes: off - end }, 'cut a torn last line from the log (a crash mid-write; it was never acknowledged)');
      await fh.truncate(end);
      await fh.sync();
    }
    return { size: end, lastSeq };
  } finally {
    await fh.close();
  }
}
