/**
 * The board's window (socket `agents:page`) for a tenant that does not exist. The probe found an
 * all-tenant admin's page of tenant "nosuch" answered as an empty board, where `subscribe` and
 * `agents:page` answer every other caller `unknown tenant "x"` for a tenant they may not see: a
 * typo read as a floor with nobody on it. Now the admin is told the tenant is unknown, and a
 * tenant's viewer asking for another tenant that exists gets the very answer it gets for one that
 * does not, so the answer tells it nothing about which tenants there are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AgentPage } from '../../server/protocol/socket.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, serverWithTokens } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const server = serverWithTokens([
  { token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' },
  { token: ACME_VIEW, name: 'acme-wall', tenants: ['acme'], role: 'viewer' },
]);

beforeAll(async () => {
  // acme and bank each have an agent.
  const logins = ['acme', 'bank'].map((t) => ev('agent.login', '09:00:00', { tenant: t, agentId: `${t}-a1`, name: 'Ann', queues: ['q'], state: 'available' }));
  expect((await server().post('/api/v1/events', ndjson(logins), ADMIN)).status).toBe(200);
  server().floor.hub.flush();
});

/** The answer to `agents:page` of tenant `tenant` on a socket signed in with `token`. */
const page = (token: string, tenant: string): Promise<Ack<AgentPage>> => server().socket(token).emitWithAck('agents:page', { tenant, offset: 0, limit: 10 });
const rows = (a: Ack<AgentPage>) => (a.ok ? a.data.rows.map((r) => r.id) : a.error);

describe('agents:page of a tenant that does not exist', () => {
  it('tells an all-tenant admin the tenant is unknown, as subscribe tells everyone else', async () => {
    expect(await page(ADMIN, 'nosuch')).toEqual({ ok: false, error: 'unknown tenant "nosuch"' });
    expect(rows(await page(ADMIN, 'bank'))).toEqual(['bank-a1']);
  });

  it("answers a tenant's viewer the same for another tenant that exists and one that does not", async () => {
    expect(await page(ACME_VIEW, 'bank')).toEqual({ ok: false, error: 'unknown tenant "bank"' });
    expect(await page(ACME_VIEW, 'nosuch')).toEqual({ ok: false, error: 'unknown tenant "nosuch"' });
    expect(await server().socket(ACME_VIEW).emitWithAck('subscribe', { tenants: ['bank'] })).toEqual({ ok: false, error: 'unknown tenant "bank"' });
    expect(rows(await page(ACME_VIEW, 'acme'))).toEqual(['acme-a1']);
  });
});
