import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { snapshot } from '../../server/views/snapshot.ts';
import { SnapshotCache } from '../../server/views/snapshot-cache.ts';
import { parse } from '../helpers/events.ts';

describe("the engine's revision, which keeps cached snapshot bodies right", () => {
  it('moves on a duplicate, so a cached body shows its count (a clean-clone CI run served 24 duplicates for 72)', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei' });
    const [login] = parse([{ id: 'l1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', agentId: 'a1', queues: ['q1'], state: 'available' }]);
    engine.apply(login);
    // An hour's cache, and no clock: only the revision can tell the body is stale.
    const cache = new SnapshotCache(3_600_000, () => 0);
    const duplicates = () => (JSON.parse(cache.get(engine, 'all', () => snapshot(engine, { tenants: null, queues: null }))) as { counters: { duplicates: number } }).counters.duplicates;
    expect(duplicates()).toBe(0);
    engine.apply(login);
    engine.apply(login);
    expect(duplicates()).toBe(2);
  });
});
