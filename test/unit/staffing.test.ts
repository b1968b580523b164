import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { loggedInMs, scheduledMs } from '../../server/domain/staffing.ts';
import { parse, taipei } from '../helpers/events.ts';

function setup() {
  const engine = new Engine({
    timezone: 'Asia/Taipei',
    agents: [
      { id: 'a', tenant: 'default', queues: ['q1'] },
      { id: 'b', tenant: 'default', queues: ['q1', 'q2'] },
    ],
  });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  plan.setSchedules('default', day.start, day.end, [
    { agentId: 'a', start: taipei('09:00:00'), end: taipei('10:00:00'), activity: 'phone' },
    { agentId: 'a', start: taipei('10:00:00'), end: taipei('10:15:00'), activity: 'break' },
    { agentId: 'b', start: taipei('09:15:00'), end: taipei('10:00:00'), activity: 'phone' },
  ]);
  return { engine, plan, day, agents: [...engine.allAgents()] };
}

describe('scheduled and logged-in staff per interval', () => {
  it('counts phone time only, splitting a multi-skilled agent equally over its queues', () => {
    const { engine, plan, day, agents } = setup();
    const len = engine.clock.lengthMs;
    const q1 = scheduledMs(plan, agents, 'q1', day, len);
    const q2 = scheduledMs(plan, agents, 'q2', day, len);
    // 09:00: a full (1) + b half of 15 of 30 minutes (0.25); 09:30: 1 + 0.5; 10:00: a on break.
    expect([q1[18] / len, q1[19] / len, q1[20] / len]).toEqual([1.25, 1.5, 0]);
    expect([q2[18] / len, q2[19] / len]).toEqual([0.25, 0.5]);
  });

  it('counts logged-in working time the same way, aux excluded', () => {
    const { engine, day, agents } = setup();
    for (const e of parse([
      { id: '1', type: 'agent.login', ts: taipei('09:00:00'), agentId: 'a', state: 'available' },
      { id: '2', type: 'agent.state', ts: taipei('09:20:00'), agentId: 'a', state: 'aux', reason: 'personal' },
      { id: '3', type: 'agent.state', ts: taipei('09:25:00'), agentId: 'a', state: 'available' },
      { id: '4', type: 'agent.login', ts: taipei('09:10:00'), agentId: 'b', state: 'available' },
    ])) engine.apply(e);
    const len = engine.clock.lengthMs;
    const q1 = loggedInMs(agents, 'q1', day, len, taipei('10:00:00'));
    // 09:00: a 25 of 30 minutes + b 20 minutes at half = 25/30 + 10/30
    expect(q1[18] / len).toBeCloseTo(35 / 30, 12);
    expect(q1[19] / len).toBeCloseTo(1.5, 12);
  });
});
