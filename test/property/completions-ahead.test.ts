/**
 * `completionsAhead` (engine.ts) counts a new caller's place without walking the waiting list
 * when it was queued after every caller waiting and none of them has a lower priority. Its answer must be
 * the walk's, whatever arrives: random floors of calls queued (some with priorities from -2 to 2, some late),
 * answered, abandoned, through a snapshot restore; at every call.queued, for its queue and a
 * range of priorities and times, the answer is compared with the walk by its definition.
 */
import { describe, expect, it } from 'vitest';
import { completionsAhead, Engine } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { availableAt } from '../../server/domain/queue-members.ts';
import type { QueueState } from '../../server/domain/tenant-floor.ts';
import { parse } from '../helpers/events.ts';
import { rng } from '../helpers/rng.ts';

const START = Date.parse('2026-11-20T09:00:00+08:00');

/** By definition: callers waiting with equal or higher priority queued by `ts`, plus one, less the agents available then. */
function byWalk(q: QueueState, priority: number, ts: number): number {
  let ahead = 0;
  for (const w of q.waiting.values()) if (w.priority >= priority && w.queuedTs <= ts) ahead++;
  return ahead + 1 - availableAt(q, ts);
}

function randomFloor(seed: number, count: number, withPriorities: boolean): Record<string, unknown>[] {
  const r = rng(seed);
  const out: Record<string, unknown>[] = [];
  let n = 0;
  let clock = START;
  for (let i = 1; i <= 4; i++) out.push({ id: `l${seed}-${i}`, type: 'agent.login', ts: START, tenant: 'acme', agentId: `a${i}`, queues: ['q1', 'q2'], state: 'available' });
  while (out.length < count) {
    clock += Math.floor(r() * 3) * 1000;
    const callId = `c${seed}-${++n}`;
    const queueId = r() < 0.6 ? 'q1' : 'q2';
    // Now and then an event from up to a minute before (a late one).
    const ts = r() < 0.15 ? clock - Math.floor(r() * 60) * 1000 : clock;
    out.push({ id: `q${seed}-${n}`, type: 'call.queued', ts, tenant: 'acme', callId, queueId, ...(withPriorities && r() < 0.2 ? { priority: Math.floor(r() * 5) - 2 } : {}) });
    const k = r();
    if (k < 0.3) out.push({ id: `o${seed}-${n}`, type: 'call.answered', ts: ts + 5000, tenant: 'acme', callId, queueId, agentId: `a${1 + Math.floor(r() * 4)}` });
    else if (k < 0.45) out.push({ id: `o${seed}-${n}`, type: 'call.abandoned', ts: ts + 8000, tenant: 'acme', callId, queueId });
  }
  return out;
}

describe("a new caller's completions ahead", () => {
  for (const [seed, withPriorities] of [[1, false], [2, false], [3, true], [4, true]] as const) {
    it(`is what walking the waiting list gives (seed ${seed}, ${withPriorities ? 'some priorities' : 'no priorities'})`, () => {
      let engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      let fast = 0;
      let checks = 0;
      const events = parse(randomFloor(seed, 1500, withPriorities));
      for (let i = 0; i < events.length; i++) {
        const ev = events[i];
        if (ev.type === 'call.queued') {
          const q = engine.queue('acme', ev.queueId);
          if (q) {
            for (const priority of [0, ev.priority ?? 0, 2, -2]) {
              for (const ts of [ev.ts, ev.ts - 30_000, ev.ts + 1000]) {
                const walked = byWalk(q, priority, ts);
                if (q.waitingLowestPriority >= priority && q.waitingLatestTs <= ts) fast++;
                expect(completionsAhead(q, priority, ts), `${ev.callId} priority ${priority} at ${ts - START} ms`).toBe(walked);
                checks++;
              }
            }
          }
        }
        engine.apply(ev);
        // Halfway through, a restart: the restored lists keep their bounds.
        if (i === 700) {
          const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
          engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
          engine = restored;
        }
      }
      // Not empty: the answers were compared many times, and the shortcut answered many of them.
      expect(checks).toBeGreaterThan(2000);
      expect(fast).toBeGreaterThan(checks / (withPriorities ? 20 : 4));
    });
  }

  it('starts its bounds again when the queue empties: one low-priority caller does not turn the shortcut off for the day', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    const at = (s: number) => START + s * 1000;
    const [vip, gone] = parse([
      { id: 'e1', type: 'call.queued', ts: at(0), tenant: 'acme', callId: 'vip', queueId: 'q1', priority: -2 },
      { id: 'e2', type: 'call.abandoned', ts: at(5), tenant: 'acme', callId: 'vip', queueId: 'q1' },
    ]);
    engine.apply(vip);
    const q = engine.queue('acme', 'q1')!;
    expect([q.waitingLatestTs, q.waitingLowestPriority]).toEqual([at(0), -2]);
    engine.apply(gone);
    expect(q.waiting.size).toBe(0);
    expect([q.waitingLatestTs, q.waitingLowestPriority]).toEqual([-Infinity, Infinity]);
    // The next caller of priority 0 is behind nobody, by the shortcut (bounds of an empty list) and by the walk.
    expect(completionsAhead(q, 0, at(10))).toBe(byWalk(q, 0, at(10)));
  });
});

