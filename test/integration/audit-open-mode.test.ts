/**
 * The audit log marks the changes made in open mode (no token, no user: everyone an anonymous
 * admin) with `byOpenMode` beside the English `by`, so the admin page words them in its
 * language; they stay marked once people sign in. No token may take the open-mode name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
  // A display names a tenant the floor knows.
  expect((await server.post('/api/v1/events', ndjson([{ id: 'e1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'default', agentId: 'a1', queues: ['q1'], state: 'available' }]))).status).toBe(200);
});
afterAll(() => server?.stop());

async function send(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(server.base + path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json(), res };
}

describe('changes made in open mode, in the audit log', () => {
  it('are marked byOpenMode, before and after the first user ends open mode; a signed-in person is not', async () => {
    expect((await send('POST', '/api/v1/displays', { name: 'Lobby', tenants: ['default'] })).status).toBe(201);
    // The first user, made by the anonymous admin: open mode ends with it.
    expect((await send('POST', '/api/v1/users', { name: 'boss', role: 'admin', tenants: ['*'], password: PW })).status).toBe(201);
    expect((await send('GET', '/api/v1/audit')).status).toBe(401);
    const signedIn = await send('POST', '/api/v1/session', { name: 'boss', password: PW });
    const cookie = signedIn.res.headers.getSetCookie()[0].split(';')[0];
    expect((await send('POST', '/api/v1/displays', { name: 'Hall', tenants: ['default'] }, cookie)).status).toBe(201);
    const entries = (await send('GET', '/api/v1/audit', undefined, cookie)).body.entries as { action: string; by: string; byOpenMode: boolean }[];
    // Newest first; `by` as it was.
    expect(entries.map((e) => [e.action, e.by, e.byOpenMode])).toEqual([
      ['display.create', 'boss', false],
      ['user.upsert', 'anonymous (open mode)', true],
      ['display.create', 'anonymous (open mode)', true],
    ]);
  });

  it('refuses a token named as open mode, so a mark never names a token', async () => {
    const signedIn = await send('POST', '/api/v1/session', { name: 'boss', password: PW });
    const cookie = signedIn.res.headers.getSetCookie()[0].split(';')[0];
    expect(await send('POST', '/api/v1/tokens', { name: 'anonymous (open mode)', role: 'viewer', tenants: ['*'] }, cookie).then((r) => [r.status, r.body])).toEqual([
      400,
      { error: 'name: is reserved for open mode', code: 'request.invalid', params: { detail: 'name: is reserved for open mode' } },
    ]);
    expect((await send('POST', '/api/v1/tokens', { name: 'wallboard', role: 'viewer', tenants: ['*'] }, cookie)).status).toBe(201);
  });
});
