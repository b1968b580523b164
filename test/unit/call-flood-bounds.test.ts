import { describe, expect, it } from 'vitest';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';

describe('holds of one conversation', () => {
  it('keeps 100 holds and 100 retrieves of a call and counts the rest as too-many-holds (each recounted them all: 40,000 took 32 s)', () => {
    // Answered after 1 s, talks 60 s; 120 holds of 0.05 s each, 0.1 s apart, from 09:00:02.
    const holds = Array.from({ length: 120 }, (_, k) => {
      const at = taipei('09:00:02') + k * 100;
      const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 23);
      return [ev('call.held', local(at), { callId: 'h', agentId: 'a1' }), ev('call.retrieved', local(at + 50), { callId: 'h', agentId: 'a1' })];
    }).flat();
    const engine = engineWith(
      [
        ev('call.queued', '09:00:00', { callId: 'h', queueId: 'q1' }),
        ev('call.answered', '09:00:01', { callId: 'h', queueId: 'q1', agentId: 'a1' }),
        ev('call.ended', '09:01:01', { callId: 'h', agentId: 'a1' }),
        ev('call.wrapped', '09:01:01', { callId: 'h', agentId: 'a1' }),
        ...holds,
      ],
      {},
    );
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'too-many-holds': 40 });
    // The first 100 pairs: 5 s on hold, 55 s of the 60 s talking.
    const row = queueIntervalRows(engine, engine.queue('default', 'q1')!, taipei('12:00:00'))[18];
    expect(row).toMatchObject({ handled: 1, holdSeconds: 5, talkSeconds: 55 });
  });
});

describe('events of one call waiting for their partners', () => {
  it('keeps 256 waiting and judges the rest at once (each outcome of the call looked through them all: 20,000 and as many outcomes took 0.6 s)', () => {
    // 300 holds by an agent who never answers the call, within one millisecond.
    const holds = Array.from({ length: 300 }, () => ev('call.held', '09:00:01', { callId: 'w', agentId: 'x' }));
    const engine = engineWith(holds);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'never-answered': 44 });
    expect(engine.tenants.get('default')!.parked.get('w')!.events.length).toBe(256);
    // The window passes: the 256 are judged too.
    for (const e of parse([ev('agent.state', '09:00:10', { agentId: 'a9', state: 'available' })])) engine.apply(e);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'never-answered': 300 });
  });
});
