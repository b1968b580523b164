import { describe, expect, it } from 'vitest';
import { FloorLogBuilder } from '../../server/domain/past-day/floor-log.ts';
import { actualCounts, rerunDay, type RerunOptions } from '../../server/domain/past-day/rerun.ts';

const T = Date.parse('2026-11-25T09:00:00+08:00');
const at = (s: number) => T + s * 1000;
const OPTS: RerunOptions = { thresholdSeconds: () => 20, patienceSeconds: () => 60, intervalOf: () => T, seed: 7 };

/**
 * A tiny day: one agent a1 on billing from 0 s. c1 arrives at 0 s, answered at once, 60 s of
 * work; c2 arrives at 10 s, answered at 60 s (waited 50 s), 30 s of work; c3 arrives at 20 s
 * and hangs up at 60 s (waited 40 s).
 */
function tinyDay() {
  const b = new FloorLogBuilder(T);
  const ev = (s: number, type: string, f: Record<string, unknown>) => b.add({ type, ts: new Date(at(s)).toISOString(), ...f });
  ev(0, 'agent.login', { agentId: 'a1', queues: ['billing'], state: 'available' });
  ev(0, 'call.queued', { callId: 'c1', queueId: 'billing' });
  ev(0, 'call.answered', { callId: 'c1', queueId: 'billing', agentId: 'a1' });
  ev(10, 'call.queued', { callId: 'c2', queueId: 'billing' });
  ev(20, 'call.queued', { callId: 'c3', queueId: 'billing' });
  ev(50, 'call.ended', { callId: 'c1', agentId: 'a1' });
  ev(60, 'call.wrapped', { callId: 'c1', agentId: 'a1' });
  ev(60, 'call.answered', { callId: 'c2', queueId: 'billing', agentId: 'a1' });
  ev(60, 'call.abandoned', { callId: 'c3', queueId: 'billing' });
  ev(90, 'call.wrapped', { callId: 'c2', agentId: 'a1' });
  ev(3600, 'agent.logout', { agentId: 'a1' });
  return b.build(at(7200));
}

describe('past-day re-run', () => {
  it('reads calls and the agent stretch from the events', () => {
    const log = tinyDay();
    expect(log.calls.map((c) => [c.callId, c.outcome, c.waitMs / 1000, c.handleMs / 1000])).toEqual([
      ['c1', 'answered', 0, 60],
      ['c2', 'answered', 50, 30],
      ['c3', 'abandoned', 40, 0],
    ]);
    expect(log.agents).toEqual([{ agentId: 'a1', queues: ['billing'], windows: [[at(0), at(3600)]] }]);
  });

  it('with its own staffing reproduces the day: 1 of 3 in 20 s', () => {
    // c1 served at 0 (in SL). At 60 s a1 frees and c3's patience (40 s) ends: the agent frees
    // first and takes the older caller c2 (waited 50 s, out of SL); c3 abandons after 40 s
    // (not short, not within 20 s). SL = answeredInSL / (answered + abandoned - short) = 1 / 3.
    const log = tinyDay();
    const expected = { offered: 3, answered: 2, abandoned: 1, shortAbandoned: 0, flowedOut: 0, answeredInSL: 1, abandonedInSL: 0 };
    expect(actualCounts(log, OPTS).get('billing')!.get(T)).toEqual(expected);
    expect(rerunDay(log, [], OPTS).get('billing')!.get(T)).toEqual(expected);
  });

  it('+1 agent from the start: every call within 20 s', () => {
    // a1 takes c1 at 0 (busy to 60 s); the added agent takes c2 at 10 s (busy to 40 s);
    // c3 waits from 20 s until the added agent frees at 40 s: 20 s, within the threshold.
    const r = rerunDay(tinyDay(), [{ queueId: 'billing', from: at(0), to: at(3600), agents: 1 }], OPTS).get('billing')!.get(T)!;
    expect(r).toEqual({ offered: 3, answered: 3, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 3, abandonedInSL: 0 });
  });

  it('-1 agent from 30 s: c2 and c3 are never answered', () => {
    // a1 is cut at 30 s while on c1; it finishes c1 (to 60 s) and leaves. c3 abandons at its
    // 40 s; c2, whose patience is over its 50 s wait, abandons too.
    const r = rerunDay(tinyDay(), [{ queueId: 'billing', from: at(30), to: at(3600), agents: -1 }], OPTS).get('billing')!.get(T)!;
    expect(r.answered).toBe(1);
    expect(r.answeredInSL).toBe(1);
    expect(r.abandoned).toBe(2);
  });
});
