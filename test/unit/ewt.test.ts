import { describe, expect, it } from 'vitest';
import {
  abandonHazard,
  answerDelay,
  arrivalPosition,
  completionsNeeded,
  effectiveAgents,
  estimateWait,
  handleStats,
  positionOf,
  serviceOrder,
  type EwtInput,
  type ServingAgent,
  type WaitingCall,
} from '../../server/domain/ewt.ts';
import { QueueHistory } from '../../server/domain/ewt-history.ts';

const T0 = Date.parse('2026-11-20T10:00:00+08:00');
const call = (callId: string, atSeconds: number, priority = 0): WaitingCall => ({ callId, queuedAt: T0 + atSeconds * 1000, priority });
const busy = (agentId: string, otherQueuesWaiting = 0): ServingAgent => ({ agentId, state: 'busy', otherQueuesWaiting });
const free = (agentId: string): ServingAgent => ({ agentId, state: 'available', otherQueuesWaiting: 0 });

function input(over: Partial<EwtInput> = {}): EwtInput {
  return {
    tenant: 't1',
    queueId: 'q1',
    now: T0 + 60_000,
    waiting: [call('c1', 0), call('c2', 10), call('c3', 20)],
    agents: [busy('a1'), busy('a2')],
    // mean 300 s; sample sd = sqrt((100^2 + 100^2) / 1) = 141.42, cv = 0.4714, cv^2 = 2/9
    recentHandleSeconds: [200, 400],
    recentAnswered: [],
    abandonment: { departures: 0, abandoned: 0, exposureSeconds: 0 },
    fallbackAhtSeconds: null,
    ...over,
  };
}

/** The bare position model: no median, no residual handle time, no answer delay. */
const BARE = { method: 'position', median: false, residual: false, answerDelaySeconds: 0 } as const;

describe('service order and positions', () => {
  const waiting = [call('a', 0), call('b', 10, 2), call('c', 5)];

  it('serves higher priority first, then first come first served', () => {
    expect(serviceOrder(waiting).map((w) => w.callId)).toEqual(['b', 'a', 'c']);
    expect(positionOf(waiting, 'c')).toBe(3);
    expect(positionOf(waiting, 'b')).toBe(1);
    expect(positionOf(waiting, 'gone')).toBeNull();
  });

  it('places a new caller behind everyone of equal or higher priority', () => {
    expect(arrivalPosition(waiting)).toBe(4);
    expect(arrivalPosition(waiting, 2)).toBe(2); // behind b only
    expect(arrivalPosition(waiting, 5)).toBe(1);
  });

  it('lets free agents take the first callers at once', () => {
    // 3 free agents, caller at position 3: no completion to wait for; at position 5: two.
    const i = input({ agents: [free('a1'), free('a2'), free('a3'), busy('a4')] });
    expect(completionsNeeded(i, 3)).toBe(0);
    expect(completionsNeeded(i, 5)).toBe(2);
  });
});

describe('position-based estimate', () => {
  it('is k completions at agents / AHT without abandons', () => {
    // position 4 (3 waiting), 2 busy agents, AHT 300 s: mu = 2/300 per s, 4 / mu = 600 s.
    const e = estimateWait(input(), {}, BARE);
    expect(e.position).toBe(4);
    expect(e.method).toBe('position');
    expect(e.estimatedWaitSeconds).toBeCloseTo(600, 6);
  });

  it('answers for any position in the queue', () => {
    // position 2: 2 / mu = 300 s.
    expect(estimateWait(input(), { position: 2 }, BARE).estimatedWaitSeconds).toBeCloseTo(300, 6);
  });

  it('counts an agent shared with another busy queue as a share when asked', () => {
    // a2 also serves a queue with callers waiting: 1 + 1/2 = 1.5 agents; 4 * 300 / 1.5 = 800 s.
    const i = input({ agents: [busy('a1'), busy('a2', 1)] });
    expect(effectiveAgents(i.agents, true)).toBe(1.5);
    expect(estimateWait(i, {}, { ...BARE, shareAgents: true }).estimatedWaitSeconds).toBeCloseTo(800, 6);
    // By default every agent at work counts one: 4 * 300 / 2 = 600 s.
    expect(effectiveAgents(i.agents)).toBe(2);
    expect(estimateWait(i, {}, BARE).estimatedWaitSeconds).toBeCloseTo(600, 6);
  });

  it('shortens the wait by the callers ahead who will abandon', () => {
    // hazard 10 / 5000 = 0.002 per s; mu = 1/150; 3 ahead clear in ln(1 + 0.002 * 3 * 150) / 0.002
    // = ln(1.9) / 0.002 = 320.93 s, then one completion 150 s: 470.93 s.
    const i = input({ abandonment: { departures: 40, abandoned: 10, exposureSeconds: 5000 } });
    expect(abandonHazard(i)).toBe(0.002);
    const e = estimateWait(i, {}, { ...BARE, method: 'position-abandon' });
    expect(e.estimatedWaitSeconds).toBeCloseTo(Math.log(1.9) / 0.002 + 150, 6);
    expect(e.estimatedWaitSeconds).toBeCloseTo(470.93, 1);
  });

  it('ignores abandons until enough calls have left the queue', () => {
    const i = input({ abandonment: { departures: 19, abandoned: 10, exposureSeconds: 5000 } });
    expect(abandonHazard(i)).toBe(0);
  });

  it('starts from the residual of the calls under way', () => {
    // first completion (1 + 2/9) / 2 = 0.6111 of 150 s = 91.67 s, plus 3 * 150 = 450: 541.67 s.
    expect(handleStats(input())!.cv).toBeCloseTo(Math.sqrt(2) / 3, 9);
    const e = estimateWait(input(), {}, { ...BARE, residual: true });
    expect(e.estimatedWaitSeconds).toBeCloseTo(450 + (11 / 18) * 150, 6);
  });

  it('answers the median, not the mean, of the gamma-like wait', () => {
    // m = 4: (4 - 1/3 + 8/1620) / 4 = 0.917901 of 600 s = 550.74 s.
    const e = estimateWait(input(), {}, { ...BARE, median: true });
    expect(e.estimatedWaitSeconds).toBeCloseTo(550.74, 1);
  });

  it('says only the ringing time when an agent is free, learned from calls that found one free', () => {
    // immediate answers waited 2, 4 and 3 s: median 3 s; the 10 s call waited behind 2 others.
    const recentAnswered = [
      { behind: 0, waitSeconds: 2 },
      { behind: -1, waitSeconds: 4 },
      { behind: 2, waitSeconds: 10 },
      { behind: 0, waitSeconds: 3 },
    ];
    const i = input({ agents: [free('a1'), free('a2'), free('a3'), free('a4')], recentAnswered });
    expect(answerDelay(i)).toBe(3);
    expect(estimateWait(i).estimatedWaitSeconds).toBe(3);
    expect(estimateWait(i, {}, { answerDelaySeconds: 1.5 }).estimatedWaitSeconds).toBe(1.5);
  });

  it('uses the day AHT when no handle times are kept', () => {
    // 4 completions * 240 / 2 = 480 s.
    const i = input({ recentHandleSeconds: [], fallbackAhtSeconds: 240 });
    expect(estimateWait(i, {}, BARE).estimatedWaitSeconds).toBeCloseTo(480, 6);
  });
});

describe('fallbacks', () => {
  it('falls back to the recent mean wait when no agent serves the queue', () => {
    const i = input({ agents: [], recentAnswered: [{ behind: 1, waitSeconds: 30 }, { behind: 2, waitSeconds: 50 }] });
    expect(estimateWait(i)).toMatchObject({ estimatedWaitSeconds: 40, method: 'recent-mean', agentsServing: 0, waiting: 3 });
  });

  it('says nothing when nothing is known', () => {
    expect(estimateWait(input({ agents: [] }))).toMatchObject({ estimatedWaitSeconds: null, method: 'none' });
  });

  it('similar-position takes the median wait of calls that waited for about as many completions', () => {
    // new caller: position 4, 2 busy agents, m = 4; within 1: behind 3, 4, 5 -> waits 100, 300, 200: median 200.
    const recentAnswered = [3, 4, 5, 9].map((behind, k) => ({ behind, waitSeconds: [100, 300, 200, 999][k] }));
    expect(estimateWait(input({ recentAnswered }), {}, { method: 'similar-position' })).toMatchObject({ estimatedWaitSeconds: 200, method: 'similar-position' });
  });
});

describe('queue history', () => {
  it('keeps the latest answered waits, oldest first, and forgets the oldest', () => {
    const h = new QueueHistory({ departures: 4, answered: 3, handled: 2 });
    for (const w of [1, 2, 3, 4]) h.recordDeparture('answered', w, w - 2);
    expect(h.answeredWaitSeconds()).toEqual([2, 3, 4]);
    expect(h.answeredWaitSeconds(2)).toEqual([3, 4]);
    expect(h.answeredByBehind()).toEqual([
      { behind: 0, waitSeconds: 2 },
      { behind: 1, waitSeconds: 3 },
      { behind: 2, waitSeconds: 4 },
    ]);
    h.recordHandle(100);
    h.recordHandle(200);
    h.recordHandle(300);
    expect(h.handleSeconds()).toEqual([200, 300]);
  });

  it('sums abandons and waiting exposure over the latest departures', () => {
    const h = new QueueHistory({ departures: 3, answered: 3, handled: 3 });
    h.recordDeparture('abandoned', 50); // falls out of the ring of 3
    h.recordDeparture('answered', 10);
    h.recordDeparture('abandoned', 30);
    h.recordDeparture('flowedOut', 600);
    // 1 abandon in 10 + 30 + 600 = 640 s of waiting.
    expect(h.abandonment()).toEqual({ departures: 3, abandoned: 1, exposureSeconds: 640 });
    expect(h.answeredWaitSeconds()).toEqual([10]);
  });
});
