import { describe, expect, it } from 'vitest';
import { estimateWait } from '../../server/domain/ewt.ts';
import { QueueHistory } from '../../server/domain/ewt-history.ts';
import { ewtInput } from '../../server/views/ewt-input.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';

// a1 serves q1 only; a2 serves q1 and q2; a3 serves q1 but is on a break; a4 serves q1 and is
// talking to a q1 caller; a5 serves only q2. c1 and c2 wait in q1, c9 waits in q2.
const floor = [
  ev('agent.login', '09:00:00', { agentId: 'a1', queues: ['q1'], state: 'available' }),
  ev('agent.login', '09:00:00', { agentId: 'a2', queues: ['q1', 'q2'], state: 'available' }),
  ev('agent.login', '09:00:00', { agentId: 'a3', queues: ['q1'], state: 'available' }),
  ev('agent.login', '09:00:00', { agentId: 'a4', queues: ['q1'], state: 'available' }),
  ev('agent.login', '09:00:00', { agentId: 'a5', queues: ['q2'], state: 'available' }),
  ev('agent.state', '09:01:00', { agentId: 'a3', state: 'aux', reason: 'break' }),
  ev('call.queued', '09:02:00', { callId: 'c0', queueId: 'q1' }),
  ev('call.answered', '09:02:05', { callId: 'c0', queueId: 'q1', agentId: 'a4' }),
  ev('call.queued', '09:03:00', { callId: 'c1', queueId: 'q1' }),
  ev('call.queued', '09:03:30', { callId: 'c2', queueId: 'q1', priority: 3 }),
  ev('call.queued', '09:03:40', { callId: 'c9', queueId: 'q2' }),
];

describe('ewt input from the engine', () => {
  const engine = engineWith(floor);
  const q1 = engine.queue('default', 'q1')!;
  const now = taipei('09:04:00');

  it('lists the waiting calls with their queue time and the priority the caller knows', () => {
    const priorities = new Map([['c2', 3]]);
    const i = ewtInput(engine, q1, now, { priorityOf: (id) => priorities.get(id) });
    expect(i).toMatchObject({ tenant: 'default', queueId: 'q1', now });
    expect(i.waiting.sort((a, b) => a.queuedAt - b.queuedAt)).toEqual([
      { callId: 'c1', queuedAt: taipei('09:03:00'), priority: 0 },
      { callId: 'c2', queuedAt: taipei('09:03:30'), priority: 3 },
    ]);
  });

  it('counts agents at work, busy or available, and how many other busy queues share them', () => {
    const i = ewtInput(engine, q1, now);
    const byId = Object.fromEntries(i.agents.map((a) => [a.agentId, a]));
    expect(Object.keys(byId).sort()).toEqual(['a1', 'a2', 'a4']); // a3 on a break, a5 not skilled
    expect(byId.a1).toEqual({ agentId: 'a1', state: 'available', otherQueuesWaiting: 0 });
    expect(byId.a2).toEqual({ agentId: 'a2', state: 'available', otherQueuesWaiting: 1 }); // q2 has c9 waiting
    expect(byId.a4).toEqual({ agentId: 'a4', state: 'busy', otherQueuesWaiting: 0 });
  });

  it('reads recent handle times and departures from the history it is given', () => {
    const history = new QueueHistory();
    history.recordHandle(180);
    history.recordDeparture('answered', 5, 0);
    history.recordDeparture('abandoned', 40);
    const i = ewtInput(engine, q1, now, { history });
    expect(i.recentHandleSeconds).toEqual([180]);
    expect(i.recentAnswered).toEqual([{ behind: 0, waitSeconds: 5 }]);
    expect(i.abandonment).toEqual({ departures: 2, abandoned: 1, exposureSeconds: 45 });
  });

  it('feeds an estimate: a new caller is third with two agents free, so waits for one completion', () => {
    // a1 and a2 free take c2 and c1; the newcomer (position 3) waits for 1 completion of 3
    // agents at AHT 180 s: mean 60 s; with a2 shared with q2 (2.5 agents): 72 s.
    // Bare model: no median, no residual, no ring time.
    const history = new QueueHistory();
    history.recordHandle(180);
    const bare = { method: 'position', median: false, residual: false, answerDelaySeconds: 0 } as const;
    const e = estimateWait(ewtInput(engine, q1, now, { history }), {}, bare);
    expect(e).toMatchObject({ position: 3, waiting: 2, agentsServing: 3, method: 'position' });
    expect(e.estimatedWaitSeconds).toBeCloseTo(60, 6);
    expect(estimateWait(ewtInput(engine, q1, now, { history }), {}, { ...bare, shareAgents: true }).estimatedWaitSeconds).toBeCloseTo(72, 6);
  });
});
