import { describe, expect, it } from 'vitest';
import { scopedKey } from '../../server/protocol/keys.ts';
import { agentCountInScope, agentsInScope, type Scope } from '../../server/views/snapshot.ts';
import { engineWith, ev } from '../helpers/events.ts';

const login = (tenant: string, agentId: string, teamId: string, queues: string[]) => ev('agent.login', '09:00:00', { tenant, agentId, name: agentId, teamId, queues, state: 'available' });
// t1: a1 (team x, q1), a2 (team y, q2), a3 (team x, q1 and q2); t2: b1 (team x, q1).
const engine = engineWith([login('t1', 'a1', 'x', ['q1']), login('t1', 'a2', 'y', ['q2']), login('t1', 'a3', 'x', ['q1', 'q2']), login('t2', 'b1', 'x', ['q1'])]);
const people = (teams: string[] | null, agent: string | null) => ({ teams: teams && new Set(teams), agent, hideAgentNames: null });

describe('agentsInScope and agentCountInScope', () => {
  const cases: [string, Scope, string[]][] = [
    ['every tenant', { tenants: null, queues: null }, ['a1', 'a2', 'a3', 'b1']],
    ['one tenant', { tenants: new Set(['t1']), queues: null }, ['a1', 'a2', 'a3']],
    ['one tenant, no person limit', { tenants: new Set(['t2']), queues: null, people: people(null, null) }, ['b1']],
    ['a queue', { tenants: new Set(['t1']), queues: new Set([scopedKey('t1', 'q1')]) }, ['a1', 'a3']],
    ['a team', { tenants: new Set(['t1', 't2']), queues: null, people: people(['x'], null) }, ['a1', 'a3', 'b1']],
    ['one agent', { tenants: null, queues: null, people: people(null, 'a2') }, ['a2']],
    ['an unknown tenant', { tenants: new Set(['t9']), queues: null }, []],
  ];
  it.each(cases)('%s', (_name, scope, ids) => {
    // Listed in the engine's order (tenants as they came, agents as they logged in).
    expect(agentsInScope(engine, scope).map((a) => a.id)).toEqual(ids);
    expect(agentCountInScope(engine, scope)).toBe(ids.length);
  });
});
