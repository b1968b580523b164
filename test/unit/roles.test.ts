import { describe, expect, it } from 'vitest';
import { can, type Principal } from '../../server/auth/principals.ts';
import { ROLES, type Role } from '../../server/protocol/roles.ts';
import { agentVisible, personScope, redactAgent, type AgentNamePolicy } from '../../server/views/people-scope.ts';
import type { AgentView } from '../../server/protocol/metrics.ts';

/** acme lets its client viewers see names; every other tenant keeps the default (ids only). */
const names: AgentNamePolicy = { agentNamesShown: (t) => t === 'acme' };
const p = (role: Role, extra: Partial<Principal> = {}): Principal => ({ name: role, role, tenants: new Set(['acme']), ...extra });

describe('role rules', () => {
  it('grants each permission to exactly the roles the issue names', () => {
    const holders = (perm: 'read' | 'readFeed' | 'plan' | 'write' | 'admin' | 'manageUsers' | 'readAudit' | 'tv') => ROLES.filter((r) => can[perm](p(r)));
    expect(holders('read')).toEqual(['agent', 'teamLead', 'manager', 'analyst', 'clientViewer', 'admin', 'viewer']);
    // The feed's anomalies name every agent and queue of a tenant: not for a team lead or an agent.
    expect(holders('readFeed')).toEqual(['manager', 'analyst', 'clientViewer', 'admin', 'viewer']);
    expect(holders('plan')).toEqual(['manager', 'analyst', 'admin']);
    expect(holders('write')).toEqual(['admin', 'ingest']);
    expect(holders('admin')).toEqual(['admin']);
    expect(holders('manageUsers')).toEqual(['manager', 'admin']);
    expect(holders('readAudit')).toEqual(['manager', 'admin']);
    expect(holders('tv')).toEqual(['agent', 'teamLead', 'manager', 'analyst', 'clientViewer', 'admin', 'viewer', 'display']);
  });

  it('limits agents by team, by self, and hides names from client viewers', () => {
    const lead = personScope(p('teamLead', { teams: new Set(['t1']) }), names);
    expect([agentVisible(lead, 'a1', 't1'), agentVisible(lead, 'a2', 't2'), agentVisible(lead, 'a3', null)]).toEqual([true, false, false]);
    const me = personScope(p('agent', { agentId: 'a1' }), names);
    expect([agentVisible(me, 'a1', 't1'), agentVisible(me, 'a2', 't1')]).toEqual([true, false]);
    // An agent user not linked to an ACD agent sees nobody.
    expect(agentVisible(personScope(p('agent'), names), 'a1', 't1')).toBe(false);
    const client = personScope({ ...p('clientViewer'), tenants: new Set(['acme', 'jade']) }, names);
    const line = (tenant: string): AgentView => ({ key: `${tenant}/a1`, id: 'a1', tenant, name: 'Ana Lin', teamId: 't1', queues: [], state: 'available', reason: null, since: 0, queueId: null, callsHandledToday: 0, channels: [], boardState: 'available', boardSince: 0 });
    expect([redactAgent(client, line('acme')).name, redactAgent(client, line('jade')).name]).toEqual(['Ana Lin', 'a1']);
    // Other roles see names whatever the tenant's setting.
    expect(redactAgent(personScope(p('manager'), { agentNamesShown: () => false }), line('jade')).name).toBe('Ana Lin');
    // A viewer token reads like a team lead of every team.
    expect(agentVisible(personScope(p('viewer'), names), 'a2', 't2')).toBe(true);
  });

  it('covers tenants only when every one is the principal\'s', () => {
    expect(can.coverTenants(p('manager'), ['acme'])).toBe(true);
    expect(can.coverTenants(p('manager'), ['acme', 'jade'])).toBe(false);
    expect(can.coverTenants(p('manager'), ['*'])).toBe(false);
    expect(can.coverTenants({ ...p('admin'), tenants: null }, ['*'])).toBe(true);
  });
});
