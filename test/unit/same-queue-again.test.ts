import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { ev, parse, taipei } from '../helpers/events.ts';

const CONFIG = { timezone: 'Asia/Taipei', intervalMinutes: 30 };
const SLOT_0900 = 18;
const LATER = parse([ev('agent.state', '09:00:30', { agentId: 'a9', state: 'available' })]);

function run(events: FloorEvent[], restartAfter = -1): Engine {
  let engine = new Engine(CONFIG);
  [...events, ...LATER].forEach((e, i) => {
    engine.apply(e);
    if (i === restartAfter) {
      const next = new Engine(CONFIG);
      engineFromData(next, JSON.parse(JSON.stringify(engineToData(engine))));
      engine = next;
    }
  });
  return engine;
}

const row = (engine: Engine, q: string) => queueIntervalRows(engine, engine.queue('default', q)!, taipei('12:00:00'))[SLOT_0900];

describe('a call back in a queue it was answered in', () => {
  // a1 answers after 1 s, talks 1 s, wraps up 1 s, and transfers the call back to qA, where a2
  // answers after 1 s, talks 1 s and wraps up 1 s: all within the 5 s reorder window of the first visit.
  const transferBack = parse([
    ev('call.queued', '09:00:00', { callId: 'b', queueId: 'qA' }),
    ev('call.answered', '09:00:01', { callId: 'b', queueId: 'qA', agentId: 'a1' }),
    ev('call.ended', '09:00:02', { callId: 'b', agentId: 'a1' }),
    ev('call.wrapped', '09:00:03', { callId: 'b', agentId: 'a1' }),
    ev('call.queued', '09:00:03', { callId: 'b', queueId: 'qA' }),
    ev('call.answered', '09:00:04', { callId: 'b', queueId: 'qA', agentId: 'a2' }),
    ev('call.ended', '09:00:05', { callId: 'b', agentId: 'a2' }),
    ev('call.wrapped', '09:00:06', { callId: 'b', agentId: 'a2' }),
  ]);

  it('counts both visits, in order and across a restart after any event (the second was queued-twice, its answer never-queued)', () => {
    for (let cut = -1; cut < transferBack.length; cut++) {
      const engine = run(transferBack, cut);
      // Two offers, each answered after 1 s (in SL), each 1 s talk + 1 s wrap-up.
      expect(row(engine, 'qA')).toMatchObject({ offered: 2, answered: 2, waiting: 0, asaSeconds: 1, handled: 2, talkSeconds: 2, acwSeconds: 2, ahtSeconds: 2 });
      expect({ ...engine.counters.anomaliesByReason }).toEqual({});
      expect(agentView(engine, engine.agent('default', 'a2')!).state).toBe('available');
      expect(engine.tenants.get('default')!.calls.size).toBe(0);
    }
  });

  it('still calls a queuing within a visit that was answered afterwards queued twice', () => {
    const engine = run(parse([
      ev('call.queued', '09:00:00', { callId: 'd', queueId: 'qA' }),
      ev('call.answered', '09:00:04', { callId: 'd', queueId: 'qA', agentId: 'a1' }),
      ev('call.queued', '09:00:02', { callId: 'd', queueId: 'qA' }),
    ]));
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'queued-twice': 1 });
    expect(row(engine, 'qA')).toMatchObject({ offered: 1, answered: 1, asaSeconds: 4 });
  });
});

describe('a call answered without being queued', () => {
  it('is forgotten once the window has passed when its conversation was over by then (it stayed in the calls for good)', () => {
    const engine = run(parse([
      ev('call.answered', '09:00:01', { callId: 'u', queueId: 'qA', agentId: 'a1' }),
      ev('call.ended', '09:00:02', { callId: 'u', agentId: 'a1' }),
      ev('call.wrapped', '09:00:03', { callId: 'u', agentId: 'a1' }),
    ]));
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'never-queued': 1 });
    expect(engine.tenants.get('default')!.calls.size).toBe(0);
    expect(agentView(engine, engine.agent('default', 'a1')!).state).toBe('available');
  });
});
