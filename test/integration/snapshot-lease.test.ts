import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createFloor, type FloorRuntime } from '../../server/floor/create-floor.ts';
import { openStore } from '../../server/store/store.ts';
import type { Lease, Snapshot, Store } from '../../server/store/store.ts';
import { ev, parse } from '../helpers/events.ts';

const dir = mkdtempSync(join(tmpdir(), 'floorboard-lease-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file store, with its snapshot lease under the test's control and its snapshot writes counted. */
function controlledStore(inner: Store) {
  const lost: (() => void)[] = [];
  const held: Lease[] = [];
  const control = {
    writes: 0,
    grant: true,
    /** As if another process took the lease: the inner one is given up and the holder told. */
    async loseLease() {
      for (const l of held.splice(0)) await l.release();
      for (const cb of lost.splice(0)) cb();
    },
  };
  const store: Store = {
    kind: inner.kind,
    append: (entries) => inner.append(entries),
    follow: (after, onRecords) => inner.follow(after, onRecords),
    readSnapshot: () => inner.readSnapshot(),
    writeSnapshot: (s: Snapshot) => {
      control.writes++;
      return inner.writeSnapshot(s);
    },
    trimBefore: (p) => inner.trimBefore(p),
    async acquireLease(name, ttlMs) {
      if (name === 'snapshots' && !control.grant) return null;
      const lease = await inner.acquireLease(name, ttlMs);
      if (!lease || name !== 'snapshots') return lease;
      held.push(lease);
      const wrapped: Lease = { name: lease.name, get held() { return lease.held; }, release: () => lease.release(), onLost: (cb) => void lost.push(cb) };
      return wrapped;
    },
    health: () => inner.health(),
    close: () => inner.close(),
  };
  return { store, control };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the snapshot source under a lease', () => {
  it('stops writing snapshots when its lease is lost, and writes again once it has the lease back', async () => {
    const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: 'silent', TIMEZONE: 'Asia/Taipei', DATA_DIR: dir, SNAPSHOT_INTERVAL_SECONDS: '1', DIRECTORY_FILE: 'none' }, '/nonexistent');
    const { store, control } = controlledStore(await openStore({ dataDir: dir, fsyncIntervalMs: 2 }));
    const wallNow = Date.parse('2026-11-20T09:31:00+08:00');
    const runtime: FloorRuntime = await createFloor({ config, logger: pino({ level: 'silent' }), wallClock: () => wallNow, store });
    await runtime.start();
    let n = 0;
    // A new entry every 200 ms, so every snapshot tick has something new to save.
    const feed = setInterval(() => void runtime.floor.submitEvents(parse([ev('call.queued', '09:30:00', { tenant: 'acme', callId: `c${n++}`, queueId: 'q1' })])).catch(() => {}), 200);
    try {
      await sleep(2500);
      expect(control.writes).toBeGreaterThanOrEqual(1);
      // Another process takes the lease: this one must stop writing, not keep going beside it.
      control.grant = false;
      await control.loseLease();
      await sleep(100);
      const atLoss = control.writes;
      await sleep(2500);
      expect(control.writes).toBe(atLoss);
      // The lease is free again: the source asks every 3 s, gets it and writes again (7 s: room for a slow machine).
      control.grant = true;
      await sleep(7000);
      expect(control.writes).toBeGreaterThan(atLoss);
    } finally {
      clearInterval(feed);
      await runtime.stop();
    }
  }, 30_000);
});
