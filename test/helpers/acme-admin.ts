import { expect } from 'vitest';
import { ev } from './events.ts';
import { ndjson, serverWithTokens } from './server.ts';

/** The all-tenant admin's token and the token of an admin of acme alone. */
export const ADMIN = 'admin-token-0123456789';
export const ACME_ADMIN = 'acme-admin-0123456789';

/**
 * A server (started before the file's tests) with an all-tenant admin and an admin of acme alone,
 * and `call`: a request as one of them giving status and body text, byte for byte.
 */
export function acmeAdminServer() {
  const server = serverWithTokens([
    { token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' },
    { token: ACME_ADMIN, name: 'acme-admin', tenants: ['acme'], role: 'admin' },
  ]);
  async function call(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(`${server().base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, text: await res.text() };
  }
  /** Puts the clients acme and jade on the floor (an agent each). */
  async function acmeAndJade() {
    expect((await server().post('/api/v1/events', ndjson([ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'a1', queues: ['q'] }), ev('agent.login', '09:00:00', { tenant: 'jade', agentId: 'j1', queues: ['jq'] })]), ADMIN)).status).toBe(200);
  }
  return { server, call, acmeAndJade };
}

/**
 * Expects `DELETE {path}/{id}` as the admin of acme to answer 404 exactly as an id there is not
 * (an id of the same length and prefix, then swapped in), a query parameter changing nothing.
 */
export async function expectDeleteAsUnknown(call: ReturnType<typeof acmeAdminServer>['call'], path: string, id: string) {
  const refused = await call('DELETE', `${path}/${id}`, ACME_ADMIN);
  const other = id.slice(0, 2) + 'x'.repeat(id.length - 2);
  const nosuch = await call('DELETE', `${path}/${other}`, ACME_ADMIN);
  expect(refused.status).toBe(404);
  expect(nosuch.status).toBe(404);
  expect(refused.text).toBe(nosuch.text.replaceAll(other, id));
  // The 404 comes before the query is checked, as for an unknown id.
  expect(await call('DELETE', `${path}/${id}?x=1`, ACME_ADMIN)).toEqual(refused);
  return refused.text;
}
