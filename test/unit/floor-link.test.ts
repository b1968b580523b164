import { describe, expect, it } from 'vitest';
import { linkAt } from '../../client/src/lib/link-state.ts';
import { missedUpdate, newerThan, withQueueUpdate } from '../../client/src/lib/version-gap.ts';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, STALE_AFTER_MS } from '../../server/protocol/heartbeat.ts';
import { diffRow } from '../../server/protocol/row-patch.ts';
import type { Update } from '../../server/protocol/socket.ts';

describe('the connection badge without idle messages', () => {
  const heard = 1_000_000;
  it('stays live on a quiet floor as long as the heartbeat pings arrive', () => {
    // Pings every 10 s: the last one 10 s ago, the next due now; 10 s <= 12.5 s: live.
    expect(linkAt('live', heard, heard + PING_INTERVAL_MS)).toBe('live');
    expect(linkAt('live', heard, heard + 12_500)).toBe('live');
  });
  it('turns stale 12.5 s after the last message or ping, and live again when one comes', () => {
    // 12,501 ms since anything was heard > 12,500: the numbers may be old.
    expect(STALE_AFTER_MS).toBe(12_500);
    expect(linkAt('live', heard, heard + 12_501)).toBe('stale');
    expect(linkAt('stale', heard, heard + 20_000)).toBe('stale');
    // A ping at +20 s is heard: live again.
    expect(linkAt('stale', heard + 20_000, heard + 20_000)).toBe('live');
  });
  it('shows stale before the transport gives up on the link (offline)', () => {
    // The client drops a link with no ping for interval + timeout = 20 s; stale shows from 12.5 s.
    expect(STALE_AFTER_MS).toBeLessThan(PING_INTERVAL_MS + PING_TIMEOUT_MS);
  });
  it('leaves states set by connection events alone', () => {
    for (const s of ['connecting', 'offline', 'denied'] as const) expect(linkAt(s, 0, heard)).toBe(s);
  });
});

/** A queue row cut down to the fields these cases change. */
const q = (key: string, waiting: number, available: number) => ({ key, waiting, agents: { available, aux: 0 } });

describe('a screen applying updates', () => {
  it('applies whole rows and patches, and leaves the old record as it was', () => {
    const have = { a: q('a', 1, 3), b: q('b', 0, 2) };
    const patch = diffRow(have.a, q('a', 2, 3))!;
    const u = { queues: [q('c', 5, 1)], queuePatches: [patch] };
    const next = withQueueUpdate(have, u)!;
    expect(next).toEqual({ a: q('a', 2, 3), b: q('b', 0, 2), c: q('c', 5, 1) });
    expect(have.a.waiting).toBe(1);
    // The untouched row is the same object (the board does not redraw it).
    expect(next.b).toBe(have.b);
  });
  it('asks for a snapshot when a patch names a queue it never got', () => {
    const patch = diffRow(q('x', 0, 1), q('x', 1, 1))!;
    expect(withQueueUpdate({}, { queues: [], queuePatches: [patch] })).toBeNull();
  });
  it('keeps the updates that arrived while subscribing and are newer than the snapshot', () => {
    const u = (version: number, base: number): Update => ({ now: 0, queues: [], agents: [], version, base });
    // Snapshot at 7: the update 7 is already in it; 8 (base 7) and 9 (base 8) are not.
    const kept = newerThan(7, [u(7, 5), u(8, 7), u(9, 8)]);
    expect(kept.map((x) => x.version)).toEqual([8, 9]);
    expect(missedUpdate(7, kept[0])).toBe(false);
    expect(missedUpdate(8, kept[1])).toBe(false);
  });
});
