/** The simulator's rota fills only agent-days nobody planned, night shifts from the evening before included. */
import { describe, expect, it } from 'vitest';
import { Plan } from '../../server/domain/plan.ts';
import { unplannedAgents } from '../../server/floor/gaps-only.ts';

const H = 3_600_000;
/** Two UTC days as local days: day 1 is [D1, D1 + 24 h). */
const D0 = Date.UTC(2026, 0, 5);
const D1 = D0 + 24 * H;
const night = (agentId: string, dayStart: number) => ({ agentId, start: dayStart + 22 * H, end: dayStart + 31 * H, activity: 'phone' });
const day = (agentId: string, dayStart: number) => ({ agentId, start: dayStart + 9 * H, end: dayStart + 18 * H, activity: 'phone' });

describe('unplannedAgents', () => {
  it("writes a night agent's day although the day before left its shift running into it", () => {
    const plan = new Plan();
    plan.setSchedules('t', D0, D1, [night('n1', D0)]);
    // Day 1 as the simulator gives it: the night shift from day 0 (07:00 end) and day 1's own.
    const rota: [string, ReturnType<typeof night>[]][] = [['n1', [night('n1', D0), night('n1', D1)]]];
    expect(unplannedAgents(plan, 't', D1, D1 + 24 * H, rota)).toEqual(rota);
  });

  it('leaves out an agent whose day holds a segment the entry does not carry, and only that agent', () => {
    const plan = new Plan();
    plan.setSchedules('t', D1, D1 + 24 * H, [{ agentId: 'a1', start: D1 + 10 * H, end: D1 + 14 * H, activity: 'phone' }]);
    // Another tenant's plan for the same agent id does not count.
    plan.setSchedules('u', D1, D1 + 24 * H, [{ agentId: 'a2', start: D1 + 10 * H, end: D1 + 14 * H, activity: 'phone' }]);
    const rota: [string, ReturnType<typeof day>[]][] = [
      ['a1', [day('a1', D1)]],
      ['a2', [day('a2', D1)]],
    ];
    expect(unplannedAgents(plan, 't', D1, D1 + 24 * H, rota)).toEqual([['a2', [day('a2', D1)]]]);
  });
});
