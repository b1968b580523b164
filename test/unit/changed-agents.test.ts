import { describe, expect, it } from 'vitest';
import { scopedKey } from '../../server/protocol/keys.ts';
import { ChangedAgents } from '../../server/realtime/changed-agents.ts';
import { agentInScope, type Scope } from '../../server/views/snapshot.ts';
import { engineWith, ev } from '../helpers/events.ts';

describe('the changed agents of a push cycle, by room', () => {
  const login = (tenant: string, agentId: string, queues: string[], teamId = 'red') => ev('agent.login', '09:00:00', { tenant, agentId, name: agentId, teamId, queues, state: 'available' });
  const engine = engineWith([login('acme', 'a1', ['q1', 'q2']), login('acme', 'a2', ['q2'], 'blue'), login('acme', 'a3', ['q3']), login('bank', 'b1', ['q2'])]);
  const all = [...engine.allAgents()];
  const changed = new ChangedAgents(engine, all);
  const ids = (scope: Scope) => changed.inScope(scope).map((a) => `${a.tenant}/${a.id}`);

  it('gives a queue room the agents skilled on its queue, in its tenant only', () => {
    // acme q2: a1 (q1, q2) and a2 (q2); bank's b1 is on a q2 of another tenant.
    expect(ids({ tenants: new Set(['acme']), queues: new Set([scopedKey('acme', 'q2')]) })).toEqual(['acme/a1', 'acme/a2']);
    expect(ids({ tenants: new Set(['acme', 'bank']), queues: new Set([scopedKey('bank', 'q2'), scopedKey('acme', 'q3')]) })).toEqual(['acme/a3', 'bank/b1']);
  });

  it('gives a tenant room its tenant, an all-tenants room everyone, and honours the person scope', () => {
    expect(ids({ tenants: new Set(['bank']), queues: null })).toEqual(['bank/b1']);
    expect(ids({ tenants: null, queues: null })).toHaveLength(4);
    const team: Scope = { tenants: new Set(['acme']), queues: null, people: { teams: new Set(['blue']), agent: null, hideAgentNames: null } };
    expect(ids(team)).toEqual(['acme/a2']);
  });

  it('picks exactly what agentInScope picks, agent by agent', () => {
    const scopes: Scope[] = [
      { tenants: null, queues: new Set([scopedKey('acme', 'q1'), scopedKey('bank', 'q2')]) },
      { tenants: new Set(['acme']), queues: new Set([scopedKey('acme', 'q3')]) },
      { tenants: new Set(['nobody']), queues: null },
    ];
    for (const s of scopes) expect(changed.inScope(s)).toEqual(all.filter((a) => agentInScope(s, engine, a)));
  });
});
