import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { REFORECAST_DEFAULTS } from '../../server/domain/reforecast.ts';
import { agentsForSlots, slotsOfAgents } from '../../server/domain/staffing.ts';
import type { QueueOverrides } from '../../server/domain/queue-config.ts';
import { intradayView } from '../../server/views/intraday.ts';
import { taipei } from '../helpers/events.ts';

/**
 * One queue forecast 6 contacts of 300 s in the 14:00 half-hour: A = 6 x 300 / 1800 = 1 Erlang,
 * 80% answered within 20 s. By hand, Erlang C with N servers (slots):
 *   N = 2: C = (A^2/2! x 2/(2-1)) / (1 + A + A^2/2! x 2/(2-1)) = 1 / 3;
 *          SL = 1 - (1/3) e^(-(2-1) x 20/300) = 1 - 0.33333 x 0.93551 = 0.6882 < 0.8.
 *   N = 3: A^3/3! x 3/(3-1) = 0.25; C = 0.25 / (1 + 1 + 0.5 + 0.25) = 1/11;
 *          SL = 1 - (1/11) e^(-(3-1) x 20/300) = 1 - 0.090909 x 0.875173 = 0.92044 >= 0.8.
 * So the queue needs 3 slots: 3 voice agents, ceil(3/2) = 2 agents at two chats each, 1 at three.
 */
function view(overrides: QueueOverrides, scheduled: number) {
  const agents = Array.from({ length: scheduled }, (_, i) => ({ id: `a${i}`, tenant: 'default', queues: ['q1'] }));
  const engine = new Engine({ timezone: 'Asia/Taipei', queues: [{ id: 'q1', tenant: 'default', slThresholdSeconds: 20, slTarget: 0.8, ...overrides }], agents });
  engine.tick(taipei('13:10:00'));
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  plan.setForecast('default', 'q1', day.start, day.end, new Map([[taipei('14:00:00'), { calls: 6, ahtSeconds: 300 }]]));
  plan.setSchedules('default', day.start, day.end, agents.map((a) => ({ agentId: a.id, start: taipei('13:00:00'), end: taipei('16:00:00'), activity: 'phone' })));
  return intradayView(engine, plan, engine.queue('default', 'q1')!, day.start, REFORECAST_DEFAULTS);
}

describe('staffing with concurrent contacts', () => {
  it('divides the slots Erlang C requires by the contacts an agent serves at once', () => {
    expect(view({}, 1).rows[28].requiredAgents).toBe(3);
    expect(view({ channel: 'chat', capacity: 2 }, 1).rows[28].requiredAgents).toBe(2);
    const chat = view({ channel: 'chat' }, 1);
    expect(chat.concurrency).toBe(3);
    expect(chat.rows[28]).toMatchObject({ requiredAgents: 1, requiredByForecast: 1, scheduledAgents: 1, netAgents: 0 });
  });

  it('projects the service level of the scheduled agents from the slots they offer', () => {
    // One chat agent at three chats = 3 slots: SL 0.92044; at two chats = 2 slots: 0.6882 (above).
    expect(view({ channel: 'chat' }, 1).rows[28].projectedServiceLevel).toBeCloseTo(0.92044, 4);
    expect(view({ channel: 'chat', capacity: 2 }, 1).rows[28].projectedServiceLevel).toBeCloseTo(0.6882, 4);
  });

  it('rounds slots up to whole agents and whole agents down to slots', () => {
    expect(agentsForSlots(7, 3)).toBe(3);
    expect(agentsForSlots(6, 3)).toBe(2);
    expect(agentsForSlots(null, 3)).toBeNull();
    expect(slotsOfAgents(2.9, 3)).toBe(6);
    expect(slotsOfAgents(3, 1)).toBe(3);
  });
});
