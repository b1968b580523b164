import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'floorboard-sliced-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `n` calls queued on acme's billing queue from 08:00 plus `from` seconds (one a second, ids numbered from `from`). */
const calls = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const hh = String(8 + Math.floor(k / 3600)).padStart(2, '0');
    return ev('call.queued', `${hh}:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`, { tenant: 'acme', callId: `c${k}`, queueId: 'billing' });
  });
const counters = async (base: string) => ((await (await fetch(`${base}/api/v1/snapshot`)).json()) as { counters: { accepted: number; duplicates: number } }).counters;

describe('a snapshot serialised over many turns of the loop', () => {
  it('holds the state of its position: entries posted meanwhile wait, are applied after it, and a restart counts them once', async () => {
    const dir = tempDir();
    const server = await startServer({ DATA_DIR: dir, SNAPSHOT_INTERVAL_SECONDS: '86400' });
    try {
      expect((await server.post('/api/v1/events', ndjson(calls(0, 3000)))).status).toBe(200);
      const floor = server.floor.floor;
      // A turn per 64 members: the serialisation spans many turns. A post sent as it starts lands
      // in one of them most times; it is tried until one did (the figures hold either way).
      floor.snapshotBudgetMs = 0;
      let posted = 3000;
      for (let attempt = 0; attempt < 20 && floor.heldRecords === 0; attempt++) {
        const snapshotting = floor.saveSnapshot(server.clock.now, 86_400_000);
        const during = server.post('/api/v1/events', ndjson(calls(posted, 100)));
        expect(await snapshotting).toBe(true);
        expect((await during).status).toBe(200);
        posted += 100;
      }
      expect(floor.heldRecords).toBeGreaterThan(0);
      expect((await counters(server.base)).accepted).toBe(posted);

      // The file holds the calls of its position and not the 100 that waited.
      const file = readFileSync(join(dir, 'snapshot.dat'), 'utf8');
      const data = JSON.parse(file.slice(file.indexOf('\n') + 1)) as { engine: { counters: { accepted: number } } };
      expect(data.engine.counters.accepted).toBe(posted - 100);

      // A copy of the data directory now is what a kill -9 would leave: the snapshot plus the log after it.
      const copy = tempDir();
      cpSync(dir, copy, { recursive: true, filter: (src) => !src.endsWith('LOCK') });
      const restarted = await startServer({ DATA_DIR: copy, SNAPSHOT_INTERVAL_SECONDS: '86400' });
      try {
        expect(await counters(restarted.base)).toMatchObject({ accepted: posted, duplicates: 0 });
        // Counted once each: a snapshot that took in entries applied while it was serialised would count the 500 twice.
        const { body } = await restarted.get('/api/v1/snapshot');
        const billing = (body as { queues: { id: string; waiting: number; today: { offered: number } }[] }).queues.find((q) => q.id === 'billing');
        expect(billing?.waiting).toBe(posted);
        expect(billing?.today.offered).toBe(posted);
      } finally {
        await restarted.stop();
      }
    } finally {
      await server.stop();
    }
  }, 60_000);
});
