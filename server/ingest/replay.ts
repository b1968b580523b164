import { createReadStream, statSync } from 'node:fs';
import type { Engine } from '../domain/engine.ts';
import { ingestBatch } from './ingest-batch.ts';
import { readLines } from './read-lines.ts';
import type { BodyItem } from './parse-body.ts';
import type { ReplayStatus } from '../protocol/api.ts';

export type { ReplayStatus };


/**
 * Plays a day of canonical NDJSON into its own engine, line by line (bounded memory), paced
 * by the events' own times at `speed` times real time. The live engine is never touched.
 */
export class Replay {
  readonly status: ReplayStatus;
  private stopped = false;
  private firstTs: number | null = null;
  private started = 0;

  constructor(
    readonly engine: Engine,
    file: string,
    date: string,
    speed: number,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.status = { date, file, speed: Number.isFinite(speed) ? speed : 'max', state: 'running', events: 0, rejected: 0, progress: 0, now: 0 };
  }

  /** Runs to the end of the file (or until stopped); resolves with the final status. */
  async run(): Promise<ReplayStatus> {
    const speed = this.status.speed === 'max' ? Infinity : this.status.speed;
    const size = statSync(this.status.file).size || 1;
    let bytes = 0;
    let firstTs: number | null = null;
    const started = this.wallClock();
    let batch: BodyItem[] = [];
    const flush = () => {
      const r = ingestBatch(this.engine, batch);
      this.status.events += r.accepted + r.duplicates;
      this.status.rejected += r.rejected.length;
      this.status.now = this.engine.now;
      batch = [];
    };
    try {
      for await (const { line, lineNo } of readLines(createReadStream(this.status.file))) {
        if (this.stopped) break;
        bytes += Buffer.byteLength(line) + 1;
        this.status.progress = Math.min(1, bytes / size);
        if (!line.trim()) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          this.status.rejected++;
          continue;
        }
        const ts = typeof (value as { ts?: unknown }).ts === 'number' ? (value as { ts: number }).ts : Date.parse(String((value as { ts?: unknown }).ts));
        if (speed !== Infinity && Number.isFinite(ts)) {
          firstTs ??= ts;
          this.firstTs = firstTs;
          this.started = started;
          const due = started + (ts - firstTs) / speed;
          for (let wait = due - this.wallClock(); wait > 0 && !this.stopped; wait = due - this.wallClock()) {
            flush();
            await new Promise((r) => setTimeout(r, Math.min(wait, 250)));
          }
          if (this.stopped) break;
        }
        batch.push({ index: lineNo - 1, line: lineNo, value });
        if (batch.length >= 2000) {
          flush();
          // Let sockets and timers breathe between batches of a fast replay.
          await new Promise((r) => setImmediate(r));
        }
      }
      flush();
      this.status.state = this.stopped ? 'stopped' : 'done';
      this.status.progress = this.stopped ? this.status.progress : 1;
    } catch (e) {
      this.status.state = 'failed';
      this.status.error = (e as Error).message;
    }
    return this.status;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The replayed day's clock now (epoch ms), so waits and times in state grow between events. */
  simulatedNow(): number | null {
    if (this.firstTs === null || this.status.speed === 'max' || this.status.state !== 'running') return null;
    return this.firstTs + (this.wallClock() - this.started) * this.status.speed;
  }
}
