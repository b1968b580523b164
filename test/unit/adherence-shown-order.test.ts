/**
 * A client viewer of a tenant whose agent names are hidden sees the agents' ids, and in the order
 * of those ids: listed in the order of the hidden names, the ids would tell how the names sort.
 * acme hides names from client viewers, jade shows them.
 */
import { describe, expect, it } from 'vitest';
import { ADHERENCE_DEFAULTS, adherenceRules } from '../../server/domain/adherence.ts';
import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { adherenceLive, adherenceReport } from '../../server/views/adherence.ts';
import { personScope, scopeLive, scopeReport } from '../../server/views/people-scope.ts';
import { parse, taipei } from '../helpers/events.ts';
import { SHIFT } from '../helpers/shift.ts';

const RULES = adherenceRules(ADHERENCE_DEFAULTS);
/** By name: Amy (acme a3), Bo (jade j2), Cai (jade j1), Mo (acme a1), Zed (acme a2). */
const AGENTS = [
  { tenant: 'acme', agentId: 'a1', name: 'Mo' },
  { tenant: 'acme', agentId: 'a2', name: 'Zed' },
  { tenant: 'acme', agentId: 'a3', name: 'Amy' },
  { tenant: 'jade', agentId: 'j1', name: 'Cai' },
  { tenant: 'jade', agentId: 'j2', name: 'Bo' },
];

function floor() {
  const engine = new Engine({ timezone: 'Asia/Taipei' });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  for (const tenant of ['acme', 'jade']) {
    const ids = AGENTS.filter((a) => a.tenant === tenant).map((a) => a.agentId);
    plan.setSchedules(tenant, day.start, day.end, ids.flatMap((agentId) => SHIFT.map(([from, to, activity]) => ({ agentId, start: taipei(`${from}:00`), end: taipei(`${to}:00`), activity }))));
  }
  const logins = AGENTS.map((a, i) => ({ id: `l${i}`, type: 'agent.login', tenant: a.tenant, ts: taipei('09:00:00'), agentId: a.agentId, name: a.name, queues: ['q1'], state: 'available' }));
  // acme's three go on a break at the same second: their exceptions are equally long at 10:00.
  const breaks = ['a1', 'a2', 'a3'].map((agentId, i) => ({ id: `b${i}`, type: 'agent.state', tenant: 'acme', ts: taipei('09:30:00'), agentId, state: 'aux', reason: 'break' }));
  for (const e of parse([...logins, ...breaks])) engine.apply(e);
  engine.tick(taipei('10:00:00'));
  return { engine, plan, day };
}

const client = personScope({ name: 'client', role: 'clientViewer', tenants: new Set(['acme', 'jade']) }, { agentNamesShown: (tenant) => tenant === 'jade' });
const manager = personScope({ name: 'mgr', role: 'manager', tenants: new Set(['acme', 'jade']) }, { agentNamesShown: () => true });

describe('adherence lists of a viewer some of whose agent names are hidden', () => {
  it('order live agents by the names the viewer sees: ids where names are hidden', () => {
    const { engine, plan } = floor();
    const live = adherenceLive(engine, plan, RULES, { tenants: null }, () => ({ queueId: 'q1', queueName: 'q1', netAgents: 0, projectedServiceLevel: null }));
    expect(scopeLive(manager, live).agents.map((a) => a.name)).toEqual(['Amy', 'Bo', 'Cai', 'Mo', 'Zed']);
    // "a1" < "a2" < "a3" < "Bo" < "Cai" in the collator's order (case folded first), not a3 (Amy) first and a2 (Zed) last.
    expect(scopeLive(client, live).agents.map((a) => a.name)).toEqual(['a1', 'a2', 'a3', 'Bo', 'Cai']);
    // 30 minutes out each, so the length does not decide: the name as shown does.
    expect(scopeLive(manager, live).exceptions.map((e) => [e.name, e.seconds])).toEqual([
      ['Amy', 1800],
      ['Mo', 1800],
      ['Zed', 1800],
    ]);
    expect(scopeLive(client, live).exceptions.map((e) => [e.name, e.seconds])).toEqual([
      ['a1', 1800],
      ['a2', 1800],
      ['a3', 1800],
    ]);
  });

  it("order the day report's agents the same way", () => {
    const { engine, plan, day } = floor();
    const report = adherenceReport(engine, plan, RULES, day, { tenants: null });
    expect(scopeReport(manager, report).agents.map((a) => a.name)).toEqual(['Amy', 'Bo', 'Cai', 'Mo', 'Zed']);
    expect(scopeReport(client, report).agents.map((a) => [a.agentId, a.name])).toEqual([
      ['a1', 'a1'],
      ['a2', 'a2'],
      ['a3', 'a3'],
      ['j2', 'Bo'],
      ['j1', 'Cai'],
    ]);
  });
});
