import { describe, expect, it } from 'vitest';
import { ADHERENCE_DEFAULTS, adherenceRules } from '../../server/domain/adherence.ts';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { adherenceLive, adherenceReport } from '../../server/views/adherence.ts';
import { personScope, scopeLive } from '../../server/views/people-scope.ts';
import { parse, taipei } from '../helpers/events.ts';
import { SHIFT } from '../helpers/shift.ts';

const RULES = adherenceRules(ADHERENCE_DEFAULTS);
const NAMES = { agentNamesShown: () => true };

/**
 * acme at 10:00, every agent scheduled SHIFT (phone from 09:00): "lit" is in a team whose id is
 * literally "(no team)" and logs in at 09:00; "none" has no team and logs in at 09:05 (300 s out
 * of adherence); "ted" is in t1, on time.
 */
function floor() {
  const engine = new Engine({ timezone: 'Asia/Taipei' });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  const agents = [
    { agentId: 'lit', teamId: '(no team)', at: '09:00:00' },
    { agentId: 'none', at: '09:05:00' },
    { agentId: 'ted', teamId: 't1', at: '09:00:00' },
  ];
  plan.setSchedules('acme', day.start, day.end, agents.flatMap(({ agentId }) => SHIFT.map(([from, to, activity]) => ({ agentId, start: taipei(`${from}:00`), end: taipei(`${to}:00`), activity }))));
  const logins = agents.map(({ agentId, teamId, at }, i) => ({ id: `l${i}`, type: 'agent.login', tenant: 'acme', ts: taipei(at), agentId, ...(teamId ? { teamId } : {}), queues: ['q1'], state: 'available' }));
  for (const e of parse(logins)) engine.apply(e);
  engine.tick(taipei('10:00:00'));
  return { engine, plan, day };
}

describe('the agents of no team beside a team whose id reads "(no team)"', () => {
  it("are two groups of one agent each in the day's report, each with its own figures, no team last", () => {
    const { engine, plan, day } = floor();
    const r = adherenceReport(engine, plan, RULES, day, { tenants: null });
    // Summed as one group they would read 2 agents and 300 s of the 7,200 s scheduled so far.
    expect(r.teams.map((g) => [g.id, g.agents, g.exceptionSeconds, g.adherence])).toEqual([
      ['(no team)', 1, 0, 1],
      ['t1', 1, 0, 1],
      [null, 1, 300, 1 - 300 / 3600],
    ]);
  });

  it('are two groups live too; a team lead of "(no team)" sees that team only, an agent of no team no group', () => {
    const { engine, plan } = floor();
    const live = adherenceLive(engine, plan, RULES, { tenants: null }, () => ({ queueId: 'q1', queueName: 'q1', netAgents: 0, projectedServiceLevel: null }));
    expect(live.teams.map((g) => [g.id, g.agents])).toEqual([
      ['(no team)', 1],
      ['t1', 1],
      [null, 1],
    ]);
    const lead = scopeLive(personScope({ name: 'lead', role: 'teamLead', tenants: new Set(['acme']), teams: new Set(['(no team)']) }, NAMES), live);
    expect(lead.teams.map((g) => g.id)).toEqual(['(no team)']);
    expect(lead.agents.map((a) => a.agentId)).toEqual(['lit']);
    // The agents of no team are no one's team: their sum is no agent's own figure.
    const agent = scopeLive(personScope({ name: 'none', role: 'agent', tenants: new Set(['acme']), agentId: 'none' }, NAMES), live);
    expect(agent.agents.map((a) => a.agentId)).toEqual(['none']);
    expect(agent.teams).toEqual([]);
  });
});
