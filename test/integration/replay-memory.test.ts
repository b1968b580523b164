import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { Replay } from '../../server/ingest/replay.ts';

/** A 100 MB day: 20,000 distinct events written again and again (a feed resending after outages). */
async function bigJournal(path: string): Promise<number> {
  const out = createWriteStream(path);
  const base = Date.parse('2026-11-20T01:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const ts = base + i * 300;
    lines.push(JSON.stringify({ id: `q${i}`, type: 'call.queued', ts, tenant: 'big', callId: `c${i}`, queueId: `q${i % 20}`, channel: 'voice', note: 'x'.repeat(60) }));
    lines.push(JSON.stringify({ id: `a${i}`, type: 'call.abandoned', ts: ts + 9000, tenant: 'big', callId: `c${i}`, queueId: `q${i % 20}`, note: 'x'.repeat(60) }));
  }
  const block = lines.join('\n') + '\n';
  let written = 0;
  while (written < 100 * 1024 * 1024) {
    if (!out.write(block)) await once(out, 'drain');
    written += Buffer.byteLength(block);
  }
  out.end();
  await once(out, 'finish');
  return written;
}

describe('replaying a 100 MB journal', () => {
  it('reads it line by line in bounded memory, and every repeat is a duplicate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, '2026-11-20.ndjson');
    const size = await bigJournal(file);
    expect(statSync(file).size).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    const engine = new Engine({ timezone: 'UTC' });
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const status = await new Replay(engine, file, '2026-11-20', Infinity).run();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(status).toMatchObject({ state: 'done', progress: 1, rejected: 0 });
    expect(engine.counters.accepted).toBe(20_000);
    expect(engine.counters.duplicates).toBe(status.events - 20_000);
    // The file never sits in memory whole: the heap grows by a small part of its size.
    expect(peak - before).toBeLessThan(size / 4);
    console.log(`replayed ${Math.round(size / 1e6)} MB, ${status.events} events; heap grew at most ${Math.round((peak - before) / 1e6)} MB`);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
