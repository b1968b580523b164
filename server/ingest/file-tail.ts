import { closeSync, openSync, readSync, renameSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { MAX_LINE_CHARS, tooLong, type NumberedLine } from './read-lines.ts';

/** Where a tail stopped: the file (by inode), the byte after the last whole line, its number. */
export interface TailState {
  ino: number;
  offset: number;
  lineNo: number;
}

export interface FileTailOptions {
  /** Receives whole lines only; a line still being written waits for its newline. */
  onLines: (lines: NumberedLine[]) => void | Promise<void>;
  /** Persist the position here after each batch, so a restarted tail resumes, not repeats. */
  stateFile?: string;
  pollMs?: number;
  onError?: (e: Error) => void;
}

const CHUNK = 256 * 1024;

/**
 * Follows a growing file, as `tail -F` does: polls its size, reads what was appended, and
 * survives rotation (the file renamed and a new one created: the old one is read to its end
 * first) and truncation (copytruncate: starts again at 0). Memory holds one chunk.
 */
export class FileTail {
  private fd: number | null = null;
  private ino = -1;
  private offset = 0;
  private lineNo = 0;
  private partial: Buffer = Buffer.alloc(0);
  /** Bytes of an over-long line dropped so far (reported as one error at its newline). */
  private skipped = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    readonly path: string,
    private readonly opts: FileTailOptions,
  ) {
    if (opts.stateFile && existsSync(opts.stateFile)) {
      const saved = JSON.parse(readFileSync(opts.stateFile, 'utf8')) as TailState;
      this.ino = saved.ino;
      this.offset = saved.offset;
      this.lineNo = saved.lineNo;
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.poll().catch((e: Error) => this.opts.onError?.(e));
    }, this.opts.pollMs ?? 250);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Reads whatever is new; safe to call at any time (overlapping calls are skipped). */
  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      let st;
      try {
        st = statSync(this.path);
      } catch {
        return; // not there yet (or between rotation steps)
      }
      if (this.fd !== null && st.ino !== this.ino) {
        // Rotated: finish the old file through the descriptor we still hold, then switch.
        await this.drain();
        closeSync(this.fd);
        this.fd = null;
        this.ino = -1;
      }
      if (this.fd === null) {
        this.fd = openSync(this.path, 'r');
        if (st.ino !== this.ino) {
          this.ino = st.ino;
          this.offset = 0;
          this.lineNo = 0;
        }
        this.partial = Buffer.alloc(0);
      }
      if (st.size < this.offset + this.partial.length) {
        // Truncated in place: start again from the top.
        this.offset = 0;
        this.lineNo = 0;
        this.partial = Buffer.alloc(0);
      }
      await this.drain();
    } finally {
      this.busy = false;
    }
  }

  private async drain(): Promise<void> {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = readSync(this.fd!, buf, 0, CHUNK, this.offset + this.partial.length);
      if (n === 0) return;
      const fresh = buf.subarray(0, n);
      const nlInFresh = fresh.lastIndexOf(0x0a);
      if (nlInFresh < 0) {
        // No newline yet: keep the unfinished line, unless it is over the limit (then only its length is kept).
        if (this.partial.length + n > MAX_LINE_CHARS) {
          this.skipped += this.partial.length + n;
          this.offset += this.partial.length + n;
          this.partial = Buffer.alloc(0);
        } else this.partial = Buffer.concat([this.partial, fresh]);
        continue;
      }
      const data = Buffer.concat([this.partial, fresh]);
      const lastNl = this.partial.length + nlInFresh;
      const text = data.subarray(0, lastNl).toString('utf8');
      const lines: NumberedLine[] = text.split('\n').map((line) => ({ line, lineNo: ++this.lineNo }));
      if (this.skipped > 0) {
        lines[0] = tooLong(lines[0].lineNo);
        this.skipped = 0;
      }
      this.partial = Buffer.from(data.subarray(lastNl + 1));
      await this.opts.onLines(lines);
      this.offset += lastNl + 1;
      this.save();
    }
  }

  private save(): void {
    if (!this.opts.stateFile) return;
    const state: TailState = { ino: this.ino, offset: this.offset, lineNo: this.lineNo };
    writeFileSync(`${this.opts.stateFile}.tmp`, JSON.stringify(state));
    renameSync(`${this.opts.stateFile}.tmp`, this.opts.stateFile);
  }
}
