import { describe, expect, it } from 'vitest';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';

const noon = taipei('12:00:00');

/** An agent's live line and interval rows after the events, applied in the given order. */
function agentAfter(events: Record<string, unknown>[]) {
  const engine = engineWith(events);
  engine.tick(taipei('11:00:00'));
  const a = engine.agent('default', 'a1')!;
  return { live: agentView(engine, a), rows: agentIntervalRows(engine, a, noon) };
}

describe('events of the same millisecond are applied in one canonical order', () => {
  const call = [
    ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available' }),
    ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' }),
    ev('call.answered', '09:00:05', { callId: 'c1', queueId: 'q1', agentId: 'a1' }),
    ev('call.ended', '09:05:00', { callId: 'c1', agentId: 'a1' }),
  ];
  const wrapped = ev('call.wrapped', '09:06:00', { callId: 'c1', agentId: 'a1' });
  const logout = ev('agent.logout', '09:06:00', { agentId: 'a1' });

  it('signs the agent out when wrap-up and logout share a millisecond, in either order', () => {
    const one = agentAfter([...call, wrapped, logout]);
    const other = agentAfter([...call, logout, wrapped]);
    expect(one.live.state).toBe('offline');
    expect(other).toEqual(one);
    // 09:00-09:30 holds 5 s available, 295 s talking, 60 s ACW, then offline to 09:30.
    expect(one.rows[18].seconds).toMatchObject({ available: 5, talking: 295, acw: 60, offline: 1440 });
  });

  it('puts the agent on break when wrap-up and an aux code share a millisecond, in either order', () => {
    const aux = ev('agent.state', '09:06:00', { agentId: 'a1', state: 'aux', reason: 'break' });
    const one = agentAfter([...call, wrapped, aux]);
    const other = agentAfter([...call, aux, wrapped]);
    expect(one.live).toMatchObject({ state: 'aux', reason: 'break' });
    expect(other).toEqual(one);
  });

  it('takes a call offered the moment the agent became ready, in either order', () => {
    const ready = ev('agent.state', '09:10:00', { agentId: 'a1', state: 'available' });
    const answer = [ev('call.queued', '09:09:50', { callId: 'c2', queueId: 'q1' }), ev('call.answered', '09:10:00', { callId: 'c2', queueId: 'q1', agentId: 'a1' })];
    const base = [...call, wrapped, ev('agent.state', '09:07:00', { agentId: 'a1', state: 'aux', reason: 'break' })];
    const one = agentAfter([...base, ready, ...answer]);
    const other = agentAfter([...base, ...answer, ready]);
    expect(one.live.state).toBe('talking');
    expect(other).toEqual(one);
  });

  it('keeps the name and skills of the latest login whatever arrives last', () => {
    const early = ev('agent.login', '08:00:00', { agentId: 'a1', name: 'Old name', queues: ['q1'] });
    const late = ev('agent.login', '08:30:00', { agentId: 'a1', name: 'New name', queues: ['q2'] });
    const one = agentAfter([early, late]);
    const other = agentAfter([late, early]);
    expect(one.live).toMatchObject({ name: 'New name', queues: ['q2'] });
    expect(other.live).toEqual(one.live);
  });
});
