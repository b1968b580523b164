import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { snapshot } from '../../server/views/snapshot.ts';
import { runToEnd } from '../../server/domain/steps.ts';
import { jsonBodySteps } from '../../server/http/send-json-parts.ts';
import { SnapshotCache } from '../../server/views/snapshot-cache.ts';
import { parse } from '../helpers/events.ts';

describe("the engine's revision, which keeps cached snapshot bodies right", () => {
  it('moves on a duplicate, so a cached body shows its count (a clean-clone CI run served 24 duplicates for 72)', async () => {
    const engine = new Engine({ timezone: 'Asia/Taipei' });
    const [login] = parse([{ id: 'l1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', agentId: 'a1', queues: ['q1'], state: 'available' }]);
    engine.apply(login);
    // An hour's cache, and no clock: only the revision can tell the body is stale.
    const cache = new SnapshotCache(3_600_000, { perSignIn: 1, total: 1 }, () => 0);
    const build = async () => runToEnd(jsonBodySteps([JSON.stringify(snapshot(engine, { tenants: null, queues: null }))]));
    const duplicates = async () => (JSON.parse((await cache.get(engine, 'all', 'me', build)).body.toString()) as { counters: { duplicates: number } }).counters.duplicates;
    expect(await duplicates()).toBe(0);
    expect(await duplicates()).toBe(0);
    expect(cache.builds).toBe(1);
    engine.apply(login);
    engine.apply(login);
    expect(await duplicates()).toBe(2);
    expect(cache.builds).toBe(2);
  });
});
