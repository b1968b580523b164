/**
 * The wait histories (the wait-time estimator's input) of a small, busy floor with overflow
 * answers, re-logins that change skills, aux breaks, priorities and calls queued in the same ms
 * are the same whatever order its events arrive in within the reorder window (5 s), with
 * repeats, and through a snapshot taken and restored part way. Few enough calls that every
 * departure, answer and handle is kept, so every place in line is compared, not the last ones.
 */
import { describe, expect, it } from 'vitest';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { HISTORY_DEFAULTS } from '../../server/domain/ewt-history.ts';
import { parse } from '../helpers/events.ts';
import { rng } from '../helpers/rng.ts';

const START = Date.parse('2026-11-20T09:00:00+08:00');
const QUEUES = ['q1', 'q2', 'q3'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const CALLS_PER_QUEUE = 30;

type Wire = Record<string, unknown> & { ts: string };

/** A floor of `seed`: 90 calls over 20 minutes, answered by any agent (skilled or not), times on 100 ms steps so some tie. */
function floor(seed: number): Wire[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const at = (ms: number) => new Date(START + Math.round(ms / 100) * 100).toISOString();
  const skills = () => QUEUES.filter(() => r() < 0.5).concat(pick(QUEUES)).filter((q, i, all) => all.indexOf(q) === i);
  let n = 0;
  const out: Wire[] = [];
  const add = (type: string, ms: number, fields: Record<string, unknown>) => out.push({ id: `e${++n}`, type, ts: at(ms), ...fields });
  for (const agentId of AGENTS) add('agent.login', -60_000, { agentId, state: 'available', queues: skills() });
  for (let k = 0; k < 8; k++) add('agent.login', r() * 1_200_000, { agentId: pick(AGENTS), state: 'available', queues: skills() });
  for (let k = 0; k < 12; k++) add('agent.state', r() * 1_200_000, r() < 0.5 ? { agentId: pick(AGENTS), state: 'aux', reason: 'break' } : { agentId: pick(AGENTS), state: 'available' });
  for (const queueId of QUEUES) {
    for (let k = 0; k < CALLS_PER_QUEUE; k++) {
      const callId = `${queueId}-c${k}`;
      const queued = r() * 1_200_000;
      add('call.queued', queued, { callId, queueId, priority: r() < 0.3 ? 1 : 0 });
      const left = queued + 1_000 + r() * 120_000;
      const o = r();
      if (o < 0.6) {
        const agentId = pick(AGENTS);
        add('call.answered', left, { callId, queueId, agentId });
        const ended = left + 30_000 + r() * 170_000;
        add('call.ended', ended, { callId, queueId, agentId });
        add('call.wrapped', ended + 5_000 + r() * 25_000, { callId, queueId, agentId });
      } else if (o < 0.9) add('call.abandoned', left, { callId, queueId });
      else add('call.dequeued', left, { callId, queueId, reason: 'transfer' });
    }
  }
  // Long after: every window has passed.
  add('agent.login', 3_600_000, { agentId: 'late', queues: ['q9'] });
  return out.sort((x, y) => Date.parse(x.ts) - Date.parse(y.ts));
}

/** Each event arrives up to 4.9 s after its time, one in ten twice. */
function shuffled(events: Wire[], seed: number): Wire[] {
  const r = rng(seed);
  return events
    .flatMap((e) => Array.from({ length: r() < 0.1 ? 2 : 1 }, () => ({ e, arrives: Date.parse(e.ts) + r() * 4_900 })))
    .sort((x, y) => x.arrives - y.arrives)
    .map((x) => x.e);
}

/** Every queue's history after the events, restored from a snapshot after the first `restoreAfter` when given. */
function histories(events: Wire[], restoreAfter?: number): string {
  let engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
  parse(events).forEach((ev, i) => {
    if (i === restoreAfter) {
      const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
      engine = restored;
    }
    engine.apply(ev);
  });
  return JSON.stringify(QUEUES.map((id) => engine.queue('default', id)!.history.toData()));
}

describe('wait histories in any arrival order, with agents joining and leaving queues', () => {
  it('keeps every departure and answer of these floors (so the comparison covers all of them)', () => {
    expect(CALLS_PER_QUEUE).toBeLessThan(HISTORY_DEFAULTS.answered);
    const first = JSON.parse(histories(floor(1))) as { answered: unknown[] }[];
    expect(first.every((h) => h.answered.length > 5)).toBe(true);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`gives the same histories shuffled within 4.9 s with repeats, and through a snapshot (seed ${seed})`, () => {
      const events = floor(seed);
      const inOrder = histories(events);
      const mixed = shuffled(events, seed * 7);
      expect(histories(mixed)).toBe(inOrder);
      expect(histories(mixed, Math.floor(mixed.length / 3))).toBe(inOrder);
    });
  }
});
