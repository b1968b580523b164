import { createReadStream, statSync } from 'node:fs';
import type { Engine } from '../domain/engine.ts';
import type { ReplayStatus } from '../protocol/api.ts';
import { engineSink } from './ingest-batch.ts';
import { ingestLines, ndjsonItems } from './ingest-stream.ts';
import { Pacer } from './pacer.ts';
import { readLineBatches, type NumberedLine } from './read-lines.ts';

export type { ReplayStatus };

const TS_NUMBER = /"ts":(\d+(?:\.\d+)?)/;
const TS_STRING = /"ts":"([^"]+)"/;

/** The `ts` of a canonical NDJSON line without parsing all of it (epoch ms, NaN if none). */
function lineTs(line: string): number {
  const n = TS_NUMBER.exec(line);
  if (n) return Number(n[1]);
  const s = TS_STRING.exec(line);
  return s ? Date.parse(s[1]) : NaN;
}

/**
 * Plays a day of canonical NDJSON into its own engine through the same streaming ingest as
 * HTTP (bounded memory), paced by the events' own times at `speed` times real time. The live
 * engine is never touched.
 */
export class Replay {
  readonly status: ReplayStatus;
  private stopped = false;
  private readonly pacer: Pacer;

  constructor(
    readonly engine: Engine,
    file: string,
    date: string,
    speed: number,
    wallClock: () => number = Date.now,
  ) {
    this.status = { date, file, speed: Number.isFinite(speed) ? speed : 'max', state: 'running', events: 0, rejected: 0, progress: 0, now: 0 };
    this.pacer = new Pacer(speed, wallClock);
  }

  /** Runs to the end of the file (or until stopped); resolves with the final status. */
  async run(): Promise<ReplayStatus> {
    try {
      const result = await ingestLines(engineSink(this.engine), this.lines(), ndjsonItems, {});
      this.status.rejected = result.rejectedCount ?? 0;
      this.noteProgress();
      this.status.state = this.stopped ? 'stopped' : 'done';
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
    return this.status.state === 'running' ? this.pacer.now() : null;
  }

  /** The file's lines, each handed over only when it is due; stops when asked. */
  private async *lines(): AsyncGenerator<NumberedLine[]> {
    const size = statSync(this.status.file).size || 1;
    let bytes = 0;
    for await (const chunk of readLineBatches(createReadStream(this.status.file))) {
      let due: NumberedLine[] = [];
      for (const l of chunk) {
        for (let wait = this.pacer.waitFor(lineTs(l.line)); wait > 0 && !this.stopped; wait = this.pacer.waitFor(lineTs(l.line))) {
          // Hand over what is due before waiting, so the replay floor moves in real time.
          if (due.length) yield due;
          due = [];
          this.noteProgress();
          await new Promise((r) => setTimeout(r, Math.min(wait, 250)));
        }
        if (this.stopped) return;
        bytes += Buffer.byteLength(l.line) + 1;
        due.push(l);
      }
      this.status.progress = Math.min(1, bytes / size);
      if (due.length) yield due;
      this.noteProgress();
      // Let sockets and timers breathe between chunks of a fast replay.
      await new Promise((r) => setImmediate(r));
    }
    this.status.progress = 1;
  }

  private noteProgress(): void {
    this.status.events = this.engine.counters.accepted + this.engine.counters.duplicates;
    this.status.now = this.engine.now;
  }
}
