import { describe, expect, it } from 'vitest';
import { ADHERENCE_DEFAULTS, adherenceRules } from '../../server/domain/adherence.ts';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { adherenceLive } from '../../server/views/adherence.ts';
import { narrowLive, pageLive } from '../../server/views/adherence-page.ts';
import { personScope, scopeLive } from '../../server/views/people-scope.ts';
import { parse, taipei } from '../helpers/events.ts';
import { SHIFT } from '../helpers/shift.ts';

const RULES = adherenceRules(ADHERENCE_DEFAULTS);
const ALL = { offset: 0, limit: 100 };
const NAMES = { agentNamesShown: () => true };

/**
 * acme at 10:00 (grace 60 s, severe 300 s), ana, bo and cy scheduled SHIFT (phone from 09:00)
 * and logged in at 09:00: ana (t1) on the phone, in; bo (t1) on a break since 09:58, 120 s out
 * (warn); cy (t2) on a break since 09:50, 600 s out (alert). dan (t2) has no schedule and is
 * logged in: listed, unscheduled.
 */
function live() {
  const engine = new Engine({ timezone: 'Asia/Taipei' });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  plan.setSchedules('acme', day.start, day.end, ['ana', 'bo', 'cy'].flatMap((agentId) => SHIFT.map(([from, to, activity]) => ({ agentId, start: taipei(`${from}:00`), end: taipei(`${to}:00`), activity }))));
  const agents = [
    ['ana', 't1'],
    ['bo', 't1'],
    ['cy', 't2'],
    ['dan', 't2'],
  ];
  const events = [
    ...agents.map(([agentId, teamId]) => ({ id: `l-${agentId}`, type: 'agent.login', tenant: 'acme', ts: taipei('09:00:00'), agentId, name: agentId, teamId, queues: ['q1'], state: 'available' })),
    { id: 's-cy', type: 'agent.state', tenant: 'acme', ts: taipei('09:50:00'), agentId: 'cy', state: 'aux', reason: 'break' },
    { id: 's-bo', type: 'agent.state', tenant: 'acme', ts: taipei('09:58:00'), agentId: 'bo', state: 'aux', reason: 'break' },
  ];
  for (const e of parse(events)) engine.apply(e);
  engine.tick(taipei('10:00:00'));
  return adherenceLive(engine, plan, RULES, { tenants: null }, (q) => ({ queueId: q.config.id, queueName: q.config.id, netAgents: 0, projectedServiceLevel: null }));
}

describe('live adherence, paged', () => {
  it('is computed as lists only: its counts are set by pageLive alone, from the lists it is given', () => {
    const l = live();
    expect(Object.keys(l).sort()).toEqual(['agents', 'exceptions', 'graceSeconds', 'now', 'severeSeconds', 'teams']);
    expect(l.agents.map((a) => [a.agentId, a.status])).toEqual([
      ['ana', 'in'],
      ['bo', 'warn'],
      ['cy', 'alert'],
      ['dan', 'unscheduled'],
    ]);
    expect(pageLive(l, { offset: 1, limit: 2 })).toMatchObject({ agentCount: 4, offset: 1, exceptionCount: 2, alertCount: 1 });
    // Narrowed to bo's exception only: counted from what it is given.
    expect(pageLive({ ...l, exceptions: l.exceptions.filter((e) => e.agentId === 'bo') }, ALL)).toMatchObject({ exceptionCount: 1, alertCount: 0 });
  });
});

describe('live adherence narrowed to a team or an agent (REST and sockets alike)', () => {
  const ids = (l: { agents: { agentId: string }[]; exceptions: { agentId: string }[]; teams: { id: string | null; agents: number }[] }) => ({
    agents: l.agents.map((a) => a.agentId),
    exceptions: l.exceptions.map((e) => e.agentId),
    teams: l.teams.map((t) => [t.id, t.agents]),
  });

  it("keeps a team's agents, exceptions and figures, an agent's own line and team, or all with neither", () => {
    const l = live();
    expect(ids(narrowLive(l, { teamId: 't2' }))).toEqual({ agents: ['cy', 'dan'], exceptions: ['cy'], teams: [['t2', 1]] });
    expect(ids(narrowLive(l, { agentId: 'bo' }))).toEqual({ agents: ['bo'], exceptions: ['bo'], teams: [['t1', 2]] });
    expect(ids(narrowLive(l, { teamId: 't1', agentId: 'cy' }))).toEqual({ agents: [], exceptions: [], teams: [] });
    expect(narrowLive(l, { teamId: null })).toBe(l);
  });

  it('keeps only the teams of the agents it keeps: an unknown team, or a team row none of whose agents is listed, answers no team', () => {
    const l = live();
    expect(ids(narrowLive(l, { teamId: 'nope' }))).toEqual({ agents: [], exceptions: [], teams: [] });
    // t1's row (2 scheduled) with its agents not in the list: the socket's old team filter kept the row, REST did not.
    expect(ids(narrowLive({ ...l, agents: l.agents.filter((a) => a.teamId !== 't1') }, { teamId: 't1' })).teams).toEqual([]);
  });
});

describe('the scheduled count of a live answer', () => {
  it('counts the agents with a schedule today in the list as scoped and narrowed, before paging', () => {
    const l = live();
    // ana, bo and cy; dan is unscheduled. A page of no agents still counts them.
    expect(pageLive(l, { offset: 0, limit: 0 })).toMatchObject({ agents: [], agentCount: 4, scheduledCount: 3 });
    expect(pageLive(narrowLive(l, { teamId: 't2' }), { offset: 0, limit: 0 })).toMatchObject({ agentCount: 2, scheduledCount: 1, exceptionCount: 1, alertCount: 1 });
  });

  it('is 1 for a scheduled agent user, who gets no team figures, and 0 for an unscheduled one', () => {
    const l = live();
    const as = (agentId: string) => pageLive(scopeLive(personScope({ name: agentId, role: 'agent', tenants: new Set(['acme']), agentId }, NAMES), l), { offset: 0, limit: 0 });
    expect(as('ana')).toMatchObject({ teams: [], agentCount: 1, scheduledCount: 1, exceptionCount: 0 });
    expect(as('dan')).toMatchObject({ teams: [], agentCount: 1, scheduledCount: 0 });
  });
});
