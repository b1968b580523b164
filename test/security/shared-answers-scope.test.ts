/**
 * Answers shared between screens (board pages kept per push cycle, subscribe answers with agents
 * written once for every screen of a scope and push phase) are shared only within one scope:
 * another tenant's viewer asking the same window, search and reason codes, or subscribing in the
 * same turn, gets its own tenant's agents and nothing of the other's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AgentPage, AgentPageFilter, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, serverWithTokens } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const BANK_VIEW = 'bank-viewer-0123456789';
const server = serverWithTokens([
  { token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' },
  { token: ACME_VIEW, name: 'acme-wall', tenants: ['acme'], role: 'viewer' },
  { token: BANK_VIEW, name: 'bank-wall', tenants: ['bank'], role: 'viewer' },
]);

beforeAll(async () => {
  // Each tenant: two agents on lunch, one available, with the same ids and names in both.
  const events = ['acme', 'bank'].flatMap((t) => [
    ...['a1', 'a2', 'a3'].map((id) => ev('agent.login', '09:00:00', { tenant: t, agentId: id, name: `Agent ${id}`, queues: ['q'], state: 'available' })),
    ...['a1', 'a2'].map((id) => ev('agent.state', '09:10:00', { tenant: t, agentId: id, state: 'aux', reason: 'lunch' })),
  ]);
  expect((await server().post('/api/v1/events', ndjson(events), ADMIN)).status).toBe(200);
  server().floor.hub.flush();
});

const LUNCH: AgentPageFilter = { offset: 0, limit: 10, search: 'Lunch', searchReasons: ['lunch'] };
const page = (token: string): Promise<Ack<AgentPage>> => server().socket(token).emitWithAck('agents:page', LUNCH);
const keys = (a: Ack<AgentPage> | Ack<VersionedSnapshot>) => (!a.ok ? a.error : 'rows' in a.data ? a.data.rows.map((r) => r.key) : a.data.agents.map((r) => r.key).sort());

describe('answers shared between screens stay within a scope', () => {
  it('gives each tenant its own board window for the same search and reason codes, in one push cycle', async () => {
    // The admin's window of both tenants first, then each viewer's: the same filter three times.
    const all = await page(ADMIN);
    expect(all.ok && all.data.total).toBe(4);
    const [acme, bank] = await Promise.all([page(ACME_VIEW), page(BANK_VIEW)]);
    expect(keys(acme)).toEqual(['4:acme/a1', '4:acme/a2']);
    expect(keys(bank)).toEqual(['4:bank/a1', '4:bank/a2']);
  });

  it('writes each tenant its own subscribe answer with agents, asked in the same turn', async () => {
    const [admin, acme, bank] = await Promise.all([ADMIN, ACME_VIEW, BANK_VIEW].map((t) => server().socket(t).emitWithAck('subscribe', {})));
    expect(keys(admin)).toHaveLength(6);
    expect(keys(acme)).toEqual(['4:acme/a1', '4:acme/a2', '4:acme/a3']);
    expect(keys(bank)).toEqual(['4:bank/a1', '4:bank/a2', '4:bank/a3']);
  });
});
