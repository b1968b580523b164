import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { IntervalClock } from '../domain/intervals.ts';
import type { FloorEvent } from '../protocol/events.ts';

/**
 * Appends every accepted event to `<dir>/<local date>.ndjson` (the date of the event's own
 * time), in canonical form, so any day can be replayed through the same engine later.
 * Writes are buffered by the streams; nothing is read back here.
 */
export class Journal {
  private files = new Map<string, WriteStream>();

  constructor(
    readonly dir: string,
    private readonly clock: IntervalClock,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  append(ev: FloorEvent): void {
    const date = this.clock.dayOf(ev.ts).date;
    let file = this.files.get(date);
    if (!file) {
      // A few days stay open: today, and whatever a backfill touches.
      if (this.files.size >= 4) {
        const [oldest, stream] = this.files.entries().next().value!;
        stream.end();
        this.files.delete(oldest);
      }
      file = createWriteStream(this.pathOf(date), { flags: 'a' });
      this.files.set(date, file);
    }
    file.write(JSON.stringify(ev) + '\n');
  }

  pathOf(date: string): string {
    return join(this.dir, `${date}.ndjson`);
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => new Promise<void>((resolve) => f.end(resolve))));
    this.files.clear();
  }
}
