import { describe, expect, it } from 'vitest';
import { skillIds } from '../../server/domain/engine.ts';
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

  describe('a login that leaves out its name, team or skills', () => {
    /** The agent's name, team, skills and the queues counting it, after `events` in the given order. */
    function profileAfter(events: Record<string, unknown>[]) {
      const engine = engineWith(events);
      const a = engine.agent('default', 'a1')!;
      const counting = [...engine.allQueues()].filter((q) => q.agents.has(a)).map((q) => q.config.id);
      return { name: a.name, teamId: a.teamId, skills: skillIds(a), counting };
    }
    const bothOrders = (l1: Record<string, unknown>, l2: Record<string, unknown>) => [profileAfter([l1, l2]), profileAfter([l2, l1])];

    it('keeps what an earlier login said when the latest says nothing, in either order', () => {
      const l1 = ev('agent.login', '08:00:00', { agentId: 'a1', name: 'Ann', teamId: 't1', queues: ['q1'], state: 'available' });
      const l2 = ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available' });
      for (const p of bothOrders(l1, l2)) expect(p).toEqual({ name: 'Ann', teamId: 't1', skills: ['q1'], counting: ['q1'] });
    });

    it('takes the latest name when both logins name the agent, in either order', () => {
      const l1 = ev('agent.login', '08:00:00', { agentId: 'a1', name: 'Ann', state: 'available' });
      const l2 = ev('agent.login', '09:00:00', { agentId: 'a1', name: 'Bo', state: 'available' });
      for (const p of bothOrders(l1, l2)) expect(p.name).toBe('Bo');
    });

    it('takes each field from the latest login that carries it, in either order', () => {
      const l1 = ev('agent.login', '08:00:00', { agentId: 'a1', name: 'Ann', teamId: 't1', state: 'available' });
      const l2 = ev('agent.login', '09:00:00', { agentId: 'a1', teamId: 't2', state: 'available' });
      for (const p of bothOrders(l1, l2)) expect(p).toMatchObject({ name: 'Ann', teamId: 't2' });
    });

    it('registers the queues an older login names, in either order, while its skills follow the latest', () => {
      const l1 = ev('agent.login', '08:00:00', { agentId: 'a1', queues: ['qOld', 'qNew'], state: 'available' });
      const l2 = ev('agent.login', '09:00:00', { agentId: 'a1', queues: ['qNew'], state: 'available' });
      for (const order of [[l1, l2], [l2, l1]]) {
        const engine = engineWith(order);
        expect([[...engine.tenant('default').queues.keys()].sort(), skillIds(engine.agent('default', 'a1')!)]).toEqual([['qNew', 'qOld'], ['qNew']]);
      }
    });
  });
});
