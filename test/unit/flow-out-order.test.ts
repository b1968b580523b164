import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { MAX_LEGS_PER_CALL } from '../../server/domain/call-legs.ts';
import { agentIntervalRows } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { ev, parse, taipei } from '../helpers/events.ts';
import { permutations, runOrder } from '../helpers/orders.ts';

// A call waits 2 s in qA, flows out (overflow) to qB in the same millisecond, waits 1 s there,
// is answered by a1, talks 1 s and is wrapped 0.5 s later. All six events lie within 5 s, the
// reorder window, so every arrival order must give the same figures (DESIGN.md section 3).
const CONFIG = { timezone: 'Asia/Taipei', intervalMinutes: 30 };
const SETUP = parse([
  ev('agent.login', '08:59:00', { agentId: 'a1', queues: ['qB'], state: 'available' }),
  ev('agent.login', '08:59:00', { agentId: 'a9', queues: ['qA'], state: 'available' }),
]);
const CALL = parse([
  ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
  ev('call.dequeued', '09:00:02', { callId: 'c', queueId: 'qA', reason: 'overflow' }),
  ev('call.queued', '09:00:02', { callId: 'c', queueId: 'qB' }),
  ev('call.answered', '09:00:03', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
  ev('call.ended', '09:00:04', { callId: 'c', agentId: 'a1' }),
  ev('call.wrapped', '09:00:04.500', { callId: 'c', agentId: 'a1' }),
]);
// Later than the window, so orphans and parked events are judged (sweeps follow event time).
const LATER = parse([ev('agent.state', '09:00:20', { agentId: 'a9', state: 'aux', reason: 'break' })]);
const SLOT_0900 = 18;

const run = (order: FloorEvent[], restartAfter = -1): Engine => runOrder(CONFIG, SETUP, order, LATER, restartAfter);

function figures(engine: Engine) {
  const noon = taipei('12:00:00');
  const row = (q: string) => queueIntervalRows(engine, engine.queue('default', q)!, noon)[SLOT_0900];
  const a1 = agentIntervalRows(engine, engine.agent('default', 'a1')!, noon)[SLOT_0900];
  return { qA: row('qA'), qB: row('qB'), a1, anomalies: { ...engine.counters.anomaliesByReason } };
}

/** The figures worked out by hand from DESIGN.md section 4. */
function expectByHand(f: ReturnType<typeof figures>): void {
  // qA: offered and flowed out after 2 s; flow-outs are in no denominator.
  expect(f.qA).toMatchObject({ offered: 1, answered: 0, abandoned: 0, flowedOut: 1, waiting: 0, maxWaitSeconds: 2, serviceLevel: null, abandonRate: 0 });
  // qB: answered after 1 s (in SL), talk 1 s + after-call work 0.5 s.
  expect(f.qB).toMatchObject({ offered: 1, answered: 1, answeredInSL: 1, flowedOut: 0, waiting: 0, asaSeconds: 1, maxWaitSeconds: 1, serviceLevel: 1, handled: 1, talkSeconds: 1, acwSeconds: 0.5, ahtSeconds: 1.5 });
  expect(f.anomalies).toEqual({});
}

describe('a call that flows out of one queue into another, in any arrival order', () => {
  it('counts it in both queues by hand in every one of the 720 orders of its six events', { timeout: 120_000 }, () => {
    const inOrder = figures(run(CALL));
    expectByHand(inOrder);
    for (const order of permutations(CALL)) {
      const f = figures(run(order));
      expectByHand(f);
      expect(f).toEqual(inOrder);
    }
  });

  it('gives the same figures across a restart at any point of any order', { timeout: 120_000 }, () => {
    const inOrder = figures(run(CALL));
    // Every order's every prefix would be 4,320 restarts; every 7th order keeps the test quick and covers each first event.
    permutations(CALL).forEach((order, k) => {
      if (k % 7 !== 0) return;
      for (let cut = 0; cut < order.length; cut++) expect(figures(run(order, cut))).toEqual(inOrder);
    });
  });

  it('counts a call queued in two queues at once in both, and an answer in one as the end of its wait there', () => {
    // Some ACDs queue a call to several skills at once; the other queue's dequeue follows the answer.
    const events = parse([
      ev('call.queued', '09:00:00', { callId: 'm', queueId: 'qA' }),
      ev('call.queued', '09:00:00', { callId: 'm', queueId: 'qB' }),
      ev('call.answered', '09:00:06', { callId: 'm', queueId: 'qB', agentId: 'a1' }),
      ev('call.dequeued', '09:00:06', { callId: 'm', queueId: 'qA', reason: 'transfer' }),
      ev('call.ended', '09:01:06', { callId: 'm', agentId: 'a1' }),
      ev('call.wrapped', '09:01:16', { callId: 'm', agentId: 'a1' }),
    ]);
    for (const order of [events, [...events].reverse()]) {
      const f = figures(run(order));
      expect(f.qA).toMatchObject({ offered: 1, flowedOut: 1, answered: 0, waiting: 0, maxWaitSeconds: 6 });
      expect(f.qB).toMatchObject({ offered: 1, answered: 1, answeredInSL: 1, asaSeconds: 6, talkSeconds: 60, acwSeconds: 10, ahtSeconds: 70 });
      expect(f.anomalies).toEqual({});
    }
  });

  it('still calls a second queuing in the same queue an anomaly', () => {
    const engine = run(parse([ev('call.queued', '09:00:00', { callId: 'x', queueId: 'qA' }), ev('call.queued', '09:00:01', { callId: 'x', queueId: 'qA' })]));
    expect(engine.counters.anomaliesByReason).toMatchObject({ 'queued-twice': 1 });
    expect(figures(engine).qA).toMatchObject({ offered: 1, waiting: 1 });
  });

  it('keeps at most 16 legs of one call, so a feed naming one call in thousands of queues cannot make each of its events walk them all', () => {
    expect(MAX_LEGS_PER_CALL).toBe(16);
    const queued = Array.from({ length: 40 }, (_, i) => ev('call.queued', '09:00:00', { callId: 'flood', queueId: `f${i}` }));
    // An answer in a 41st queue would open a 17th leg too (an orphan waiting for its queuing).
    const engine = run(parse([...queued, ev('call.answered', '09:00:01', { callId: 'flood', queueId: 'f40', agentId: 'a1' })]));
    expect(engine.counters.anomaliesByReason).toEqual({ 'too-many-legs': 25 });
    const offered = Array.from({ length: 41 }, (_, i) => queueIntervalRows(engine, engine.queue('default', `f${i}`)!, taipei('12:00:00'))[SLOT_0900].offered);
    expect(offered).toEqual([...Array(16).fill(1), ...Array(25).fill(0)]);
  });
});
