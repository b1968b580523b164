import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { ev, parse, taipei } from '../helpers/events.ts';
import { permutations, runOrder } from '../helpers/orders.ts';

// A call in two queues at once (an ACD queuing it to two skills, or a flow-out whose dequeue is
// lost) cannot wait in one while it is answered or abandoned in the other. Before, a feed that
// never sent the other queue's call.dequeued left the call "waiting" there for good: the tile
// counted a caller who was long gone, and its longest wait grew all day.
// Every call's events lie within the reorder window (60 s here), so every arrival order must agree.
const CONFIG = { timezone: 'Asia/Taipei', intervalMinutes: 30, reorderWindowMs: 60_000 };
const SETUP = parse([
  ev('agent.login', '08:59:00', { agentId: 'a1', queues: ['qB'], state: 'available' }),
  ev('agent.login', '08:59:00', { agentId: 'a9', queues: ['qA'], state: 'available' }),
]);
// Later than the reorder window after every call event: sweeps follow event time.
const LATER = parse([ev('agent.state', '09:03:00', { agentId: 'a9', state: 'aux', reason: 'break' })]);
const SLOT_0900 = 18;

const run = (order: FloorEvent[], restartAfter = -1): Engine => runOrder(CONFIG, SETUP, order, LATER, restartAfter);

function figures(engine: Engine) {
  const noon = taipei('12:00:00');
  const row = (q: string) => queueIntervalRows(engine, engine.queue('default', q)!, noon)[SLOT_0900];
  return { qA: row('qA'), qB: row('qB'), waitingA: engine.queue('default', 'qA')!.waiting.size, anomalies: { ...engine.counters.anomaliesByReason } };
}

/** Every order, and a restart after each event of every 5th order, give `byHand`. */
function everyOrder(events: FloorEvent[], byHand: (f: ReturnType<typeof figures>) => void): void {
  const inOrder = figures(run(events));
  byHand(inOrder);
  permutations(events).forEach((order, k) => {
    const f = figures(run(order));
    expect(f).toEqual(inOrder);
    if (k % 5 === 0) for (let i = 0; i < order.length; i++) expect(figures(run(order, i))).toEqual(inOrder);
  });
}

describe('a call answered or abandoned in one queue leaves the others it waits in', () => {
  it('ends the wait in qA at the answer in qB when no dequeue from qA comes, in every order', { timeout: 120_000 }, () => {
    const call = parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qB' }),
      ev('call.answered', '09:00:10', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
      ev('call.ended', '09:00:40', { callId: 'c', agentId: 'a1' }),
      ev('call.wrapped', '09:00:45', { callId: 'c', agentId: 'a1' }),
    ]);
    everyOrder(call, (f) => {
      // qA: offered, left unanswered after 10 s (a flow-out: in no denominator), nobody waiting.
      expect(f.qA).toMatchObject({ offered: 1, answered: 0, abandoned: 0, flowedOut: 1, waiting: 0, maxWaitSeconds: 10, serviceLevel: null });
      expect(f.waitingA).toBe(0);
      // qB: answered after 10 s (in 20 s), talk 30 s, after-call work 5 s.
      expect(f.qB).toMatchObject({ offered: 1, answered: 1, answeredInSL: 1, asaSeconds: 10, handled: 1, talkSeconds: 30, acwSeconds: 5 });
      expect(f.anomalies).toEqual({});
    });
  });

  it('ends the wait in qA at the abandon in qB', { timeout: 60_000 }, () => {
    const call = parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qB' }),
      ev('call.abandoned', '09:00:30', { callId: 'c', queueId: 'qB' }),
    ]);
    everyOrder(call, (f) => {
      // The caller hung up on the call: qB counts the abandon; qA only that the call left it (30 s).
      expect(f.qA).toMatchObject({ offered: 1, abandoned: 0, flowedOut: 1, waiting: 0, maxWaitSeconds: 30, abandonRate: 0 });
      expect(f.qB).toMatchObject({ offered: 1, abandoned: 1, flowedOut: 0, maxWaitSeconds: 30, abandonRate: 1 });
      expect(f.waitingA).toBe(0);
    });
  });

  it("keeps qA's own dequeue when it comes within the window, in every order", { timeout: 120_000 }, () => {
    const call = parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qB' }),
      ev('call.dequeued', '09:00:08', { callId: 'c', queueId: 'qA', reason: 'overflow' }),
      ev('call.answered', '09:00:10', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
      ev('call.ended', '09:00:12', { callId: 'c', agentId: 'a1' }),
      ev('call.wrapped', '09:00:13', { callId: 'c', agentId: 'a1' }),
    ]);
    everyOrder(call, (f) => {
      expect(f.qA).toMatchObject({ offered: 1, flowedOut: 1, waiting: 0, maxWaitSeconds: 8 });
      expect(f.qB).toMatchObject({ offered: 1, answered: 1, asaSeconds: 10 });
      expect(f.anomalies).toEqual({});
    });
  });

  it('ends a flow-out whose dequeue was lost at the answer in the next queue', () => {
    const f = figures(run(parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.queued', '09:00:05', { callId: 'c', queueId: 'qB' }),
      ev('call.answered', '09:00:07', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
    ])));
    expect(f.qA).toMatchObject({ offered: 1, flowedOut: 1, waiting: 0, maxWaitSeconds: 7 });
    expect(f.waitingA).toBe(0);
  });

  it('leaves alone a visit queued after the answer (a transfer into qA), which waits for its own outcome', () => {
    const f = figures(run(parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qB' }),
      ev('call.answered', '09:00:02', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
      ev('call.queued', '09:00:30', { callId: 'c', queueId: 'qA' }),
    ])));
    expect(f.qA).toMatchObject({ offered: 1, flowedOut: 0, waiting: 1 });
    expect(f.waitingA).toBe(1);
  });

  it('leaves alone a wait in qA when the call only flowed out of qB', () => {
    const f = figures(run(parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qB' }),
      ev('call.dequeued', '09:00:10', { callId: 'c', queueId: 'qB', reason: 'timeout' }),
    ])));
    expect(f.qA).toMatchObject({ offered: 1, flowedOut: 0, waiting: 1 });
    expect(f.qB).toMatchObject({ offered: 1, flowedOut: 1, waiting: 0 });
  });
});
