/**
 * Arrival order within the reorder window never changes a number (DESIGN.md section 3), for calls
 * that move between queues: random small floors (test/helpers/leg-floors.ts) of calls that flow
 * out or are transferred (sometimes in the same millisecond), are queued to two queues at once and
 * answered in one, abandon, are answered, held, ended, wrapped, and answered again after a
 * transfer; each event moved by up to 3 s of event time, with and without a JSON restart at a
 * random event. The last block pins the orders that still differ, each by its smallest events.
 */
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { BASE, figures, jitter, randomFloor, runOrder, type FloorOptions } from '../helpers/leg-floors.ts';
import { rng } from '../helpers/rng.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';

const SEEDS = 80;
const ORDERS = 3;

function legsLeft(events: FloorEvent[], restartAfter = -1): number {
  let n = 0;
  for (const head of runOrder(events, restartAfter).tenants.get('default')!.calls.values()) for (let l: typeof head | null = head; l; l = l.next) n++;
  return n;
}

describe('calls across queues in any arrival order', () => {
  const noRevisits: FloorOptions = { calls: 6, reanswer: true, backToSame: false, revisit: false, twoAtOnce: true };

  it('gives the in-order figures in every jittered order, with and without a restart, when no call comes back to a queue', { timeout: 120_000 }, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = rng(seed);
      const events = randomFloor(r, noRevisits);
      const inOrder = figures(runOrder(events));
      expect(inOrder.anomalies, `seed ${seed}`).toEqual({});
      for (let k = 0; k < ORDERS; k++) {
        const order = jitter(events, r);
        expect(figures(runOrder(order)), `seed ${seed} order ${k}`).toEqual(inOrder);
        const cut = Math.floor(r() * order.length);
        expect(figures(runOrder(order, cut)), `seed ${seed} order ${k} restart after ${cut}`).toEqual(inOrder);
        expect(legsLeft(order, cut), `seed ${seed} order ${k}`).toBe(0);
      }
    }
  });

  it('finds nothing wrong in order, and keeps no leg past the window, when calls come back to queues and to agents', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const events = randomFloor(rng(seed), { calls: 8, reanswer: true, backToSame: true, revisit: true, twoAtOnce: true, sameAgent: true });
      const { anomalies } = figures(runOrder(events));
      // Floors overlap nothing, but one agent may take a call while wrapping up another: capacity is not what this is about.
      delete anomalies['over-capacity'];
      expect(anomalies, `seed ${seed}`).toEqual({});
      expect(legsLeft(events), `seed ${seed}`).toBe(0);
    }
  });
});

let n = 0;
/** Engine events at `s` seconds after BASE. */
function at(s: number, type: string, fields: Record<string, unknown>): FloorEvent {
  const v = validateEvent({ id: `r${String(++n).padStart(3, '0')}`, type, ts: BASE + s * 1000, tenant: 'default', ...fields });
  if (!v.ok) throw new Error(v.error);
  return v.event;
}

const q0 = { callId: 'c', queueId: 'q0' };

describe('a call back in a queue it visited, in the orders that were wrong', () => {
  it('counts a flow-out back into the same queue in the same millisecond whose queuing arrives first (it was queued-twice, the second visit lost)', () => {
    const inOrder = [at(0, 'call.queued', q0), at(2, 'call.dequeued', { ...q0, reason: 'overflow' }), at(2, 'call.queued', q0), at(3, 'call.abandoned', q0)];
    const [first, dq, again, ab] = inOrder;
    const f = figures(runOrder([first, again, dq, ab]));
    // Offered 2: flowed out after 2 s, abandoned after 1 s.
    expect(f.queues.q0[0]).toMatchObject({ offered: 2, flowedOut: 1, abandoned: 1, waiting: 0, maxWaitSeconds: 2 });
    expect(f).toEqual(figures(runOrder(inOrder)));
  });

  it('counts a call answered, transferred back to its queue and answered there before that queuing arrives (the answer was answered-twice, a1 agent-mismatch, and a phantom caller waited for good)', () => {
    const inOrder = [
      at(0, 'call.queued', q0),
      at(1, 'call.answered', { ...q0, agentId: 'a0' }),
      at(2, 'call.ended', { callId: 'c', agentId: 'a0' }),
      at(3, 'call.wrapped', { callId: 'c', agentId: 'a0' }),
      at(3, 'call.queued', q0),
      at(3.5, 'call.answered', { ...q0, agentId: 'a1' }),
      at(4, 'call.ended', { callId: 'c', agentId: 'a1' }),
      at(4.5, 'call.wrapped', { callId: 'c', agentId: 'a1' }),
    ];
    const [queued, answered, ended, wrapped, again, answeredAgain, ...rest] = inOrder;
    // Offered 2, answered 2 (after 1 s and 0.5 s), each talked 0.5-1 s and wrapped up 0.5-1 s, nobody waiting.
    const f = figures(runOrder([queued, answered, ended, wrapped, answeredAgain, again, ...rest]));
    expect(f.queues.q0[0]).toMatchObject({ offered: 2, answered: 2, asaSeconds: 0.75, handled: 2, waiting: 0 });
    expect(f).toEqual(figures(runOrder(inOrder)));
  });
});

// Known order dependences left (docs/events.md): a visit's count once made is not taken back, so
// an outcome or queuing of a later visit that overtakes an earlier visit's events there takes the
// earlier visit's place. These pass while the engine differs; when one starts failing, it has
// been fixed: make it a plain test.
describe('orders that still differ (a call back in a queue it visited)', () => {
  it.fails('the second visit answered before the first visit left: its wait counted from the first queuing', () => {
    const inOrder = [
      at(0, 'call.queued', q0),
      at(1, 'call.dequeued', { ...q0, reason: 'overflow' }),
      at(1, 'call.queued', { callId: 'c', queueId: 'q1' }),
      at(2, 'call.dequeued', { callId: 'c', queueId: 'q1', reason: 'transfer' }),
      at(2, 'call.queued', q0),
      at(3, 'call.answered', { ...q0, agentId: 'a0' }),
    ];
    const [first, dq1, q1, dq1b, again, ans] = inOrder;
    // In order q0: offered 2, flowed out 1, answered 1 after 1 s. This order: the answer takes
    // the first visit (wait 3 s), its dequeue is already-left-queue, the second queuing queued-twice.
    const f = figures(runOrder([ans, dq1, first, q1, dq1b, again]));
    expect(f.queues.q0[0]).toMatchObject({ offered: 2, flowedOut: 1, answered: 1, asaSeconds: 1, waiting: 0 });
    expect(f).toEqual(figures(runOrder(inOrder)));
  });

  it.fails('the second visit queued before the first visit left, that leaving before the first queuing: the waiting visit has the first queuing time', () => {
    const inOrder = [at(0, 'call.queued', q0), at(1, 'call.dequeued', { ...q0, reason: 'transfer' }), at(2, 'call.queued', q0)];
    const [first, dq, again] = inOrder;
    // In order q0: offered 2, flowed out 1 (after 1 s), one waiting since +2 s: 20 s at the event 20 s after the last (+22 s).
    // This order: the dequeue ends the second visit, and the first waits since +0 s.
    const f = figures(runOrder([again, dq, first]));
    expect(f.queues.q0[0]).toMatchObject({ offered: 2, flowedOut: 1, waiting: 1, maxWaitSeconds: 20 });
    expect(f).toEqual(figures(runOrder(inOrder)));
  });
});
