import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ev, parse } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { runToEnd } from '../../server/domain/steps.ts';
import { packScheduleSteps } from '../../server/protocol/packed-schedule.ts';

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
      // Between the capture and the serialisation, a post goes in and the test waits until the
      // fold has held its record: what the snapshot writes must still be the state it captured.
      let during: Promise<Response> | null = null;
      floor.snapshotGate = async () => {
        during = server.post('/api/v1/events', ndjson(calls(3000, 100)));
        while (floor.heldRecords === 0) await new Promise((r) => setTimeout(r, 5));
      };
      floor.snapshotBudgetMs = 0;
      expect(await floor.saveSnapshot(server.clock.now, 86_400_000)).toBe(true);
      floor.snapshotGate = null;
      expect(floor.heldRecords).toBeGreaterThanOrEqual(1);
      expect((await during!).status).toBe(200);
      const posted = 3100;
      expect((await counters(server.base)).accepted).toBe(posted);

      // The file holds the 3,000 calls of its position, not the 100 that waited.
      const file = readFileSync(join(dir, 'snapshot.dat'), 'utf8');
      const data = JSON.parse(file.slice(file.indexOf('\n') + 1)) as { engine: { counters: { accepted: number } } };
      expect(data.engine.counters.accepted).toBe(3000);

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

      // Snapshots asked for while one is written do not pile up: they share the one waiting.
      expect((await server.post('/api/v1/events', ndjson(calls(3100, 100)))).status).toBe(200);
      const first = floor.saveSnapshot(server.clock.now, 86_400_000);
      await new Promise((r) => setImmediate(r)); // it starts, and serialises a piece a turn
      const second = floor.saveSnapshot(server.clock.now, 86_400_000);
      const third = floor.saveSnapshot(server.clock.now, 86_400_000);
      expect(third).toBe(second);
      expect(second).not.toBe(first);
      expect(await first).toBe(true);
      expect(await second).toBe(false); // nothing new since the first
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('a batch from the log applied over turns of the loop', () => {
  it('lets the loop run between its records, and a snapshot begun in a pause holds the rest until it is written', async () => {
    const dir = tempDir();
    const server = await startServer({ DATA_DIR: dir, SNAPSHOT_INTERVAL_SECONDS: '86400' });
    try {
      const floor = server.floor.floor;
      const accepted = () => floor.engine.counters.accepted;
      floor.applyBudgetMs = 0; // one record a turn
      floor.snapshotBudgetMs = 0; // and the snapshot a piece a turn, so it spans the batch's pauses
      // Five entries of 100 calls each in one append: the follower gets them as one batch.
      const entries = [0, 1, 2, 3, 4].map((k) => ({ k: 'events' as const, events: parse(calls(10_000 + k * 100, 100)) }));
      await floor.store.append(entries);
      // Watch the count at each turn until the first record is in, then ask for a snapshot there.
      const seen: number[] = [];
      while (accepted() === 0) await new Promise((r) => setImmediate(r));
      seen.push(accepted());
      const saved = floor.saveSnapshot(server.clock.now, 86_400_000);
      while (accepted() < 500) {
        await new Promise((r) => setImmediate(r));
        if (seen.at(-1) !== accepted()) seen.push(accepted());
      }
      expect(await saved).toBe(true);
      // The batch went in a record (100 calls) at a time, never all at once.
      expect(seen[0]).toBe(100);
      expect(seen.every((n) => n % 100 === 0)).toBe(true);
      // The snapshot holds the state of its position, the first record: the batch's next records
      // met it while it was serialised, waited, and were applied after it.
      expect(floor.heldRecords).toBeGreaterThanOrEqual(1);
      const file = readFileSync(join(dir, 'snapshot.dat'), 'utf8');
      const data = JSON.parse(file.slice(file.indexOf('\n') + 1)) as { engine: { counters: { accepted: number } } };
      expect(data.engine.counters.accepted).toBe(100);
      expect((await counters(server.base)).accepted).toBe(500);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('a schedule applied from the log in steps', () => {
  it('is let finish by a snapshot asked for part-way: the snapshot is of its position and holds all of it', async () => {
    const dir = tempDir();
    const server = await startServer({ DATA_DIR: dir, SNAPSHOT_INTERVAL_SECONDS: '86400' });
    try {
      const floor = server.floor.floor;
      floor.applyBudgetMs = 0; // a step a turn
      floor.snapshotBudgetMs = 0;
      // 2,000 agents of 6 segments: unpacked, staged and its new agents looked up, then registered 500 a step, then put in place.
      const day = floor.engine.clock.dayOfDate('2026-11-21')!;
      const segments = Array.from({ length: 12_000 }, (_, i) => ({ agentId: `s${Math.floor(i / 6)}`, start: day.start + (8 + (i % 6)) * 3_600_000, end: day.start + (9 + (i % 6)) * 3_600_000, activity: 'phone' }));
      const [position] = await floor.store.append([runToEnd(packScheduleSteps('acme', day.start, day.end, segments))]);
      // Once it registers agents, the schedule is part-way: the plan has none of it yet.
      const agents = () => floor.engine.tenants.get('acme')?.agents.size ?? 0;
      while (agents() === 0) await new Promise((r) => setImmediate(r));
      expect(floor.plan.rowCount('acme')).toBe(0);
      expect(await floor.saveSnapshot(server.clock.now, 86_400_000)).toBe(true);
      const snap = (await floor.store.readSnapshot())!;
      expect(snap.position).toBe(position);
      const data = JSON.parse(snap.data) as { plan: { schedules: [string, unknown[]][] } };
      expect(data.plan.schedules.reduce((n, [, list]) => n + list.length, 0)).toBe(12_000);
      expect(floor.plan.rowCount('acme')).toBe(12_000);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
