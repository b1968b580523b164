/**
 * A board page filtered by a team of a tenant the viewer may not see reads nothing of that
 * tenant: it walked that tenant's agents (each then refused by the scope), so how long the empty
 * answer took told whether the tenant existed and about how many agents it has (20,000 agents
 * are milliseconds), where a tenant there is not answers at once.
 */
import { describe, expect, it } from 'vitest';
import { boardIndex } from '../../server/views/agent-page.ts';
import type { Scope } from '../../server/views/snapshot.ts';
import { engineWith, ev } from '../helpers/events.ts';

const login = (tenant: string, agentId: string) => ev('agent.login', '09:00:00', { tenant, agentId, name: agentId, teamId: 'red', queues: ['q1'], state: 'available' });

describe("a board page of another tenant's team", () => {
  it("is empty without reading the other tenant's agents", () => {
    const engine = engineWith([login('acme', 'a1'), login('bank', 'b1'), login('bank', 'b2')]);
    // Counts every look at bank's agents.
    let looked = 0;
    const bank = engine.tenants.get('bank')!;
    const values = bank.agents.values.bind(bank.agents);
    bank.agents.values = () => {
      looked++;
      return values();
    };
    const acmeViewer: Scope = { tenants: new Set(['acme']), queues: null };
    expect(boardIndex(engine, acmeViewer, { team: { tenant: 'bank', id: 'red' } }).rows).toEqual([]);
    expect(looked).toBe(0);
    // Its own tenant's team, and an all-tenant scope asking for bank's, read as before.
    expect(boardIndex(engine, acmeViewer, { team: { tenant: 'acme', id: 'red' } }).rows.map((r) => r.id)).toEqual(['a1']);
    expect(boardIndex(engine, { tenants: null, queues: null }, { team: { tenant: 'bank', id: 'red' } }).rows.map((r) => r.id)).toEqual(['b1', 'b2']);
    expect(looked).toBe(1);
  });
});
