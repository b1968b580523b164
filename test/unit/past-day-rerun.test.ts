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

describe('past-day re-run across channels', () => {
  /** Events of one agent's morning at second offsets, through a fresh builder. */
  function dayOf(events: [number, string, Record<string, unknown>][]) {
    const b = new FloorLogBuilder(T);
    for (const [s, type, f] of events) b.add({ type, ts: new Date(at(s)).toISOString(), ...f });
    return b.build(at(7200));
  }

  it('serves chats side by side up to the login capacity', () => {
    // a1 takes two chats at once: k1 at 0 s and k2 at 10 s run together (100 s each); k3 from
    // 20 s waits for the first free slot, k1's at 100 s: 80 s, outside 20 s. SL 2 / 3.
    const log = dayOf([
      [0, 'agent.login', { agentId: 'a1', queues: ['web'], state: 'available', capacity: { chat: 2 } }],
      [0, 'call.queued', { callId: 'k1', queueId: 'web', channel: 'chat' }],
      [0, 'call.answered', { callId: 'k1', queueId: 'web', agentId: 'a1' }],
      [10, 'call.queued', { callId: 'k2', queueId: 'web', channel: 'chat' }],
      [10, 'call.answered', { callId: 'k2', queueId: 'web', agentId: 'a1' }],
      [20, 'call.queued', { callId: 'k3', queueId: 'web', channel: 'chat' }],
      [100, 'call.wrapped', { callId: 'k1', agentId: 'a1' }],
      [100, 'call.answered', { callId: 'k3', queueId: 'web', agentId: 'a1' }],
      [110, 'call.wrapped', { callId: 'k2', agentId: 'a1' }],
      [150, 'call.wrapped', { callId: 'k3', agentId: 'a1' }],
    ]);
    expect(log.agents[0].chatCapacity).toBe(2);
    const expected = { offered: 3, answered: 3, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 2, abandonedInSL: 0 };
    expect(actualCounts(log, OPTS).get('web')!.get(T)).toEqual(expected);
    expect(rerunDay(log, [], OPTS).get('web')!.get(T)).toEqual(expected);
  });

  it('holds a call until the chats close, and takes a waiting call before an older email', () => {
    // a1 (chat capacity 1) is on chat k1 from 0 to 60 s. The email e1 (5 s) and the call v1
    // (10 s) wait: neither goes to an agent with a chat open. At 60 s the call goes first (live
    // before deferred), answered after 50 s, 30 s of work; the email follows at 90 s.
    const log = dayOf([
      [0, 'agent.login', { agentId: 'a1', queues: ['web', 'billing', 'mail'], state: 'available', capacity: { chat: 1 } }],
      [0, 'call.queued', { callId: 'k1', queueId: 'web', channel: 'chat' }],
      [0, 'call.answered', { callId: 'k1', queueId: 'web', agentId: 'a1' }],
      [5, 'call.queued', { callId: 'e1', queueId: 'mail', channel: 'email' }],
      [10, 'call.queued', { callId: 'v1', queueId: 'billing', channel: 'voice' }],
      [60, 'call.wrapped', { callId: 'k1', agentId: 'a1' }],
      [60, 'call.answered', { callId: 'v1', queueId: 'billing', agentId: 'a1' }],
      [90, 'call.wrapped', { callId: 'v1', agentId: 'a1' }],
      [90, 'call.answered', { callId: 'e1', queueId: 'mail', agentId: 'a1' }],
      [150, 'call.wrapped', { callId: 'e1', agentId: 'a1' }],
    ]);
    const r = rerunDay(log, [], OPTS);
    expect(r.get('billing')!.get(T)).toMatchObject({ answered: 1, answeredInSL: 0, abandoned: 0 });
    expect(r.get('mail')!.get(T)).toMatchObject({ answered: 1, abandoned: 0 });
    expect(r).toEqual(actualCounts(log, OPTS));
    // A second agent on the phones from the start takes v1 at 10 s, within 20 s.
    const helped = rerunDay(log, [{ queueId: 'billing', from: at(0), to: at(3600), agents: 1 }], OPTS);
    expect(helped.get('billing')!.get(T)).toMatchObject({ answered: 1, answeredInSL: 1 });
  });
});
