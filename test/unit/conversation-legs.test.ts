import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { ev, parse, taipei } from '../helpers/events.ts';
import { permutations } from '../helpers/orders.ts';

// Conversation events (held, retrieved, ended, wrapped) name a call and an agent, not a queue: a
// call answered in one queue, transferred and answered again in another has two conversations,
// and each event belongs to the one its agent answered last by the event's time. Both queues
// have after-call work (the default).
const CONFIG = { timezone: 'Asia/Taipei', intervalMinutes: 30 };
const SLOT_0900 = 18;
const LATER = parse([ev('agent.state', '09:00:30', { agentId: 'a9', state: 'available' })]);

function run(events: FloorEvent[]): Engine {
  const engine = new Engine(CONFIG);
  for (const e of [...events, ...LATER]) engine.apply(e);
  return engine;
}

function figures(engine: Engine) {
  const noon = taipei('12:00:00');
  const row = (q: string) => queueIntervalRows(engine, engine.queue('default', q)!, noon)[SLOT_0900];
  return { qA: row('qA'), qB: row('qB'), anomalies: { ...engine.counters.anomaliesByReason } };
}

/** Answered in qA after 1 s by `first`, talk 0.5 s, wrap-up 0.5 s; queued in qB, answered after 1 s by `second`, talk 1 s, wrap-up 0.5 s. */
function transferred(first: string, second: string): FloorEvent[] {
  return parse([
    ev('call.queued', '09:00:00', { callId: 't', queueId: 'qA' }),
    ev('call.answered', '09:00:01', { callId: 't', queueId: 'qA', agentId: first }),
    ev('call.ended', '09:00:01.500', { callId: 't', agentId: first }),
    ev('call.wrapped', '09:00:02', { callId: 't', agentId: first }),
    ev('call.queued', '09:00:02', { callId: 't', queueId: 'qB' }),
    ev('call.answered', '09:00:03', { callId: 't', queueId: 'qB', agentId: second }),
    ev('call.ended', '09:00:04', { callId: 't', agentId: second }),
    ev('call.wrapped', '09:00:04.500', { callId: 't', agentId: second }),
  ]);
}

function expectByHand(f: ReturnType<typeof figures>): void {
  expect(f.qA).toMatchObject({ offered: 1, answered: 1, asaSeconds: 1, handled: 1, talkSeconds: 0.5, acwSeconds: 0.5, ahtSeconds: 1 });
  expect(f.qB).toMatchObject({ offered: 1, answered: 1, asaSeconds: 1, handled: 1, talkSeconds: 1, acwSeconds: 0.5, ahtSeconds: 1.5 });
  expect(f.anomalies).toEqual({});
}

describe('conversation events of a call answered twice', () => {
  it('gives a second agent its conversation in every arrival order of the transfer (it was an agent-mismatch when its events came before its answer)', { timeout: 60_000 }, () => {
    const [queued, answered, ...rest] = transferred('a1', 'a2');
    for (const order of permutations(rest)) {
      const engine = run([queued, answered, ...order]);
      expectByHand(figures(engine));
      expect(agentView(engine, engine.agent('default', 'a2')!).state).toBe('available');
    }
  });

  it('gives the same agent, taking the call back within the window, each conversation in order (its second was ended-twice and wrapped-twice)', () => {
    const engine = run(transferred('a1', 'a1'));
    expectByHand(figures(engine));
    expect(agentView(engine, engine.agent('default', 'a1')!).state).toBe('available');
  });

  it('still counts an event by an agent who never answered the call as an agent-mismatch, once the window has passed, and leaves that agent alone', () => {
    const engine = new Engine(CONFIG);
    for (const e of parse([
      ev('call.queued', '09:00:00', { callId: 'm', queueId: 'qA' }),
      ev('call.answered', '09:00:01', { callId: 'm', queueId: 'qA', agentId: 'a1' }),
      ev('call.ended', '09:00:02', { callId: 'm', agentId: 'a2' }),
    ])) engine.apply(e);
    // The answer of a2 could still come within the window.
    expect(engine.counters.anomalies).toBe(0);
    for (const e of LATER) engine.apply(e);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'agent-mismatch': 1 });
    expect(engine.agent('default', 'a2')?.timeline.length ?? 0).toBe(0);
    expect(agentView(engine, engine.agent('default', 'a1')!).state).toBe('talking');
  });
});
