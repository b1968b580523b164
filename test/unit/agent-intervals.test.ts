import { describe, expect, it } from 'vitest';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';

/** a1 is ready at 09:00, talks 09:20-09:40 (across the 09:30 boundary), wraps 09:41, logs out 09:50. */
const spanning = [
  ev('agent.login', '09:00:00', { agentId: 'a1', name: 'Lin Mei-ling', state: 'available', queues: ['q1'] }),
  ev('call.queued', '09:19:50', { callId: 'c1', queueId: 'q1' }),
  ev('call.answered', '09:20:00', { callId: 'c1', queueId: 'q1', agentId: 'a1' }),
  ev('call.ended', '09:40:00', { callId: 'c1', agentId: 'a1' }),
  ev('call.wrapped', '09:41:00', { callId: 'c1', agentId: 'a1' }),
  ev('agent.logout', '09:50:00', { agentId: 'a1' }),
];

function agentRows(events: Record<string, unknown>[], now = '10:30:00') {
  const engine = engineWith(events);
  engine.tick(taipei(now));
  const a = engine.agent('default', 'a1')!;
  return { engine, a, rows: agentIntervalRows(engine, a, taipei('12:00:00')) };
}

describe('agent interval statistics', () => {
  it('splits a conversation exactly at the interval boundary', () => {
    const { rows } = agentRows(spanning);
    expect(rows[18].seconds).toEqual({ available: 1200, talking: 600, hold: 0, acw: 0, aux: 0, offline: 0 });
    expect(rows[19].seconds).toEqual({ available: 540, talking: 600, hold: 0, acw: 60, aux: 0, offline: 600 });
  });

  it('computes occupancy over ready time and utilization over logged-in time', () => {
    const { rows } = agentRows(spanning);
    expect(rows[18].occupancy).toBe(600 / 1800);
    expect(rows[18].utilization).toBe(600 / 1800);
    expect(rows[19].occupancy).toBe(660 / 1200);
    expect(rows[19].loggedInSeconds).toBe(1200);
    expect(rows[19].utilization).toBe(660 / 1200);
  });

  it('counts a handled call in the interval its after-call work ended', () => {
    const { rows } = agentRows(spanning);
    expect(rows[18].callsHandled).toBe(0);
    expect(rows[19].callsHandled).toBe(1);
  });

  it('gives null occupancy when the agent was never ready or busy', () => {
    const { rows } = agentRows(spanning);
    expect(rows[20]).toMatchObject({ loggedInSeconds: 0, occupancy: null, utilization: null, callsHandled: 0 });
  });

  it('counts the open state only up to the engine clock', () => {
    const { rows } = agentRows(spanning.slice(0, 3), '09:25:00');
    expect(rows[18].seconds.talking).toBe(300);
    expect(rows[19].seconds.talking).toBe(0);
  });

  it('makes the agent available after wrap-up unless an aux follows', () => {
    const { engine, a } = agentRows(spanning.slice(0, 5), '09:45:00');
    expect(agentView(engine, a)).toMatchObject({ state: 'available', reason: null, since: taipei('09:41:00'), queueId: 'q1', callsHandledToday: 1 });
    const { engine: e2, a: a2 } = agentRows([...spanning.slice(0, 5), ev('agent.state', '09:41:00', { agentId: 'a1', state: 'aux', reason: 'break' })], '09:45:00');
    expect(agentView(e2, a2)).toMatchObject({ state: 'aux', reason: 'break', since: taipei('09:41:00') });
  });

  it('starts an agent who logs in without a state in aux', () => {
    const { engine, a } = agentRows([ev('agent.login', '09:00:00', { agentId: 'a1' })], '09:10:00');
    expect(agentView(engine, a).state).toBe('aux');
  });

  it('puts hold time in hold, not talk', () => {
    const events = [
      ...spanning.slice(0, 3),
      ev('call.held', '09:22:00', { callId: 'c1', agentId: 'a1' }),
      ev('call.retrieved', '09:23:30', { callId: 'c1', agentId: 'a1' }),
    ];
    const { rows } = agentRows(events, '09:30:00');
    expect(rows[18].seconds).toMatchObject({ talking: 510, hold: 90, available: 1200 });
  });
});
