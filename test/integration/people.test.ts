import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
const acme = (id: string, type: string, at: string, f: object) => ({ id, type, ts: `2026-11-20T${at}+08:00`, tenant: 'acme', ...f });

let server: Awaited<ReturnType<typeof startServer>>;
/** Session cookie ("fb_session=...") of each signed-in user. */
const cookie: Record<string, string> = {};

async function call(method: string, path: string, who: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (who === 'token') h.authorization = `Bearer ${ADMIN}`;
  else if (who) h.cookie = cookie[who];
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(server.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, res };
}
async function signIn(name: string, password = PW, headers: Record<string, string> = {}) {
  return call('POST', '/api/v1/session', null, { name, password }, headers);
}

const USERS = [
  { name: 'boss', role: 'admin', tenants: ['*'] },
  { name: 'mgr', role: 'manager', tenants: ['acme'] },
  { name: 'plan1', role: 'analyst', tenants: ['acme'] },
  { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'] },
  { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1' },
  { name: 'client', role: 'clientViewer', tenants: ['acme'] },
];

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  const events = [
    acme('1', 'agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['sales'], state: 'available' }),
    acme('2', 'agent.login', '08:00:00', { agentId: 'a2', name: 'Bo Chen', teamId: 't2', queues: ['care'], state: 'available' }),
    acme('3', 'call.queued', '09:30:00', { callId: 'c1', queueId: 'sales' }),
    acme('4', 'call.queued', '09:30:10', { callId: 'c2', queueId: 'care' }),
    { id: '5', type: 'agent.login', ts: '2026-11-20T08:00:00+08:00', tenant: 'jade', agentId: 'j1', name: 'Jin', teamId: 't9', queues: ['jq'], state: 'available' },
  ];
  expect((await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json())).accepted).toBe(5);
  for (const u of USERS) expect((await call('POST', '/api/v1/users', 'token', { ...u, password: PW })).status).toBe(201);
  for (const u of USERS) {
    const r = await signIn(u.name);
    expect([u.name, r.status, r.body]).toEqual([u.name, 200, expect.anything()]);
    cookie[u.name] = r.res.headers.getSetCookie()[0].split(';')[0];
  }
});
afterAll(() => server.stop());

describe('sign-in sessions', () => {
  it('sets an httpOnly SameSite=Lax cookie, Secure only behind TLS, and says who is signed in', async () => {
    const plain = await signIn('mgr');
    const set = plain.res.headers.getSetCookie()[0];
    expect(set).toMatch(/^fb_session=fbs_[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
    expect(plain.body).toEqual({ signedIn: true, openMode: false, name: 'mgr', role: 'manager', tenants: ['acme'], teams: [], agentId: null, lang: null });
    // Through a TLS-terminating proxy on this machine (trusted: loopback) the cookie is Secure.
    const tls = await signIn('mgr', PW, { 'x-forwarded-proto': 'https' });
    expect(tls.res.headers.getSetCookie()[0]).toMatch(/; Secure; SameSite=Lax$/);
    const who = await call('GET', '/api/v1/session', 'lead1');
    expect(who.body).toMatchObject({ signedIn: true, name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'] });
    // The password is stored as a salted scrypt hash, never as given.
    expect(JSON.stringify([...server.floor.directory.users.values()])).not.toContain(PW);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await signIn('plan1', 'not the password');
    const nobody = await signIn('nobody-at-all', PW);
    expect([wrong.status, wrong.body]).toEqual([401, { error: 'wrong name or password', code: 'signin.wrong' }]);
    expect([nobody.status, nobody.body]).toEqual([401, { error: 'wrong name or password', code: 'signin.wrong' }]);
    expect(wrong.res.headers.getSetCookie()).toEqual([]);
  });

  it('limits attempts per user from an address: five at once, then one every 12 s, even with the right password; another address gets in', async () => {
    // beforeAll and the test above spent 1 attempt of plan1 (sign-in) + 1 (wrong): 3 are left.
    for (let i = 0; i < 3; i++) expect((await signIn('plan1', 'guess ' + i)).status).toBe(401);
    const limited = await signIn('plan1', PW);
    expect(limited.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('12');
    // Someone else's guesses from this address do not keep the person out from theirs (the probe
    // kept any named user, admins too, locked out with one wrong attempt every 12 s).
    expect((await signIn('plan1', PW, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    server.clock.now += 12_000;
    expect((await signIn('plan1', PW)).status).toBe(200);
  });

  it('limits attempts per address: 30 at once across names, and across the addresses of one IPv6 /64', async () => {
    server.clock.now += 3600_000; // every bucket full again
    for (let i = 0; i < 30; i++) expect((await signIn(`spray-${i}`, 'x')).status).toBe(401);
    expect((await signIn('mgr', PW)).status).toBe(429);
    // Through the proxy on this machine (X-Forwarded-For): one host's /64 is one address however many of its addresses it signs in from.
    for (let i = 0; i < 30; i++) expect((await signIn(`spray-${i}`, 'x', { 'x-forwarded-for': `2001:db8::${i + 1}` })).status).toBe(401);
    expect((await signIn('mgr', PW, { 'x-forwarded-for': '2001:0db8:0:0:ffff::1' })).status).toBe(429);
    expect((await signIn('mgr', PW, { 'x-forwarded-for': '2001:db8:0:1::1' })).status).toBe(200);
    server.clock.now += 3600_000;
    // Sixty-one scrypt checks: seconds on a quiet machine, far more on a busy one (the ceiling only catches a hang).
  }, 120_000);

  it('signs out: the cookie is cleared and no longer works', async () => {
    const r = await signIn('client');
    const c = r.res.headers.getSetCookie()[0].split(';')[0];
    const out = await fetch(server.base + '/api/v1/session', { method: 'DELETE', headers: { cookie: c } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^fb_session=; Max-Age=0;/);
    const after = await fetch(server.base + '/api/v1/session', { headers: { cookie: c } });
    expect(after.status).toBe(401);
  });

  it('ends every session of a disabled user at once', async () => {
    expect((await call('POST', '/api/v1/users', 'mgr', { name: 'temp', role: 'agent', tenants: ['acme'], password: PW })).status).toBe(201);
    const c = (await signIn('temp')).res.headers.getSetCookie()[0].split(';')[0];
    expect((await fetch(server.base + '/api/v1/session', { headers: { cookie: c } })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/users/temp', 'mgr', { disabled: true })).body.disabled).toBe(true);
    expect((await fetch(server.base + '/api/v1/session', { headers: { cookie: c } })).status).toBe(401);
    expect((await signIn('temp')).status).toBe(401);
  });
});

describe('layered roles', () => {
  const ROLES = ['boss', 'mgr', 'plan1', 'lead1', 'ag1', 'client'] as const;
  /** Expected status per signed-in user, in ROLES order. */
  const TABLE: [string, string, unknown, number[]][] = [
    ['GET', '/api/v1/snapshot', undefined, [200, 200, 200, 200, 200, 200]],
    ['GET', '/api/v1/users', undefined, [200, 200, 403, 403, 403, 403]],
    ['GET', '/api/v1/audit', undefined, [200, 200, 403, 403, 403, 403]],
    ['GET', '/api/v1/displays', undefined, [200, 403, 403, 403, 403, 403]],
    ['GET', '/api/v1/tokens', undefined, [200, 403, 403, 403, 403, 403]],
    ['POST', '/api/v1/queues/sales/whatifs?tenant=acme', { from: '2026-11-20T10:00:00+08:00', to: '2026-11-20T10:30:00+08:00', agents: 1 }, [201, 201, 201, 403, 403, 403]],
    ['POST', '/api/v1/events', [], [200, 403, 403, 403, 403, 403]],
    ['GET', '/api/v1/agents/a2/intervals?tenant=acme', undefined, [200, 200, 200, 404, 404, 200]],
    ['GET', '/api/v1/agents/j1/intervals?tenant=jade', undefined, [200, 404, 404, 404, 404, 404]],
  ];
  for (const [method, path, body, statuses] of TABLE) {
    it(`${method} ${path}: ${ROLES.map((r, i) => `${r} ${statuses[i]}`).join(', ')}`, async () => {
      const got = [];
      for (const who of ROLES) got.push((await call(method, path, who, body)).status);
      expect(got).toEqual(statuses);
    });
  }

  it("names a refused person as a person, not as a token", async () => {
    const r = await call('GET', '/api/v1/tokens', 'mgr');
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/^person "mgr" may not /);
  });

  it('shows each role the agents and queues it may see, names hidden from client viewers', async () => {
    const view = async (who: string) => {
      const s = (await call('GET', '/api/v1/snapshot', who)).body;
      return { queues: s.queues.map((q: { id: string }) => q.id).sort(), agents: s.agents.map((a: { id: string; name: string }) => `${a.id}:${a.name}`).sort(), tenants: s.tenants.map((t: { id: string }) => t.id) };
    };
    expect(await view('boss')).toEqual({ queues: ['care', 'jq', 'sales'], agents: ['a1:Ana Lin', 'a2:Bo Chen', 'j1:Jin'], tenants: ['acme', 'jade'] });
    expect(await view('mgr')).toEqual({ queues: ['care', 'sales'], agents: ['a1:Ana Lin', 'a2:Bo Chen'], tenants: ['acme'] });
    expect(await view('lead1')).toEqual({ queues: ['care', 'sales'], agents: ['a1:Ana Lin'], tenants: ['acme'] });
    expect(await view('ag1')).toEqual({ queues: ['sales'], agents: ['a1:Ana Lin'], tenants: ['acme'] });
    expect(await view('client')).toEqual({ queues: ['care', 'sales'], agents: ['a1:a1', 'a2:a2'], tenants: ['acme'] });
  });

  it('pushes the same limits over the socket: a team lead hears only its team', async () => {
    const s = server.socket();
    // Cookies ride on the handshake: socket.io-client in Node sends extraHeaders.
    s.io.opts.extraHeaders = { cookie: cookie.lead1 };
    s.disconnect().connect();
    const snap = await new Promise<{ agents: { id: string }[] }>((resolve, reject) => s.emit('subscribe', {}, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
    expect(snap.agents.map((a) => a.id)).toEqual(['a1']);
    const adh = await new Promise<{ agents: { agentId: string }[] }[]>((resolve, reject) => s.emit('adherence:subscribe', {}, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
    expect(adh.flatMap((t) => t.agents.map((a) => a.agentId))).toEqual(['a1']);
  });

  it('lets a manager manage only non-admin users of its tenants, and shows it only their audit', async () => {
    expect((await call('POST', '/api/v1/users', 'mgr', { name: 'x1', role: 'admin', tenants: ['acme'], password: PW })).status).toBe(403);
    expect((await call('POST', '/api/v1/users', 'mgr', { name: 'x2', role: 'agent', tenants: ['jade'], password: PW })).status).toBe(403);
    expect((await call('PATCH', '/api/v1/users/boss', 'mgr', { disabled: true })).status).toBe(404);
    const bad = await call('POST', '/api/v1/users', 'mgr', { name: 'x3', role: 'agent', tenants: ['acme'], password: 'short' });
    expect([bad.status, bad.body.error]).toEqual([400, 'password: must be at least 10 characters']);
    const listed = (await call('GET', '/api/v1/users', 'mgr')).body.users.map((u: { name: string }) => u.name).sort();
    expect(listed).toEqual(['ag1', 'client', 'lead1', 'mgr', 'plan1', 'temp']);
    const audit = (await call('GET', '/api/v1/audit', 'mgr')).body.entries as { action: string; by: string; detail: string; tenants: string[]; params: Record<string, unknown> }[];
    expect(audit.every((a) => a.tenants.includes('acme'))).toBe(true);
    expect(audit.some((a) => a.action === 'user.upsert' && a.by === 'ops' && a.detail.startsWith('user boss'))).toBe(false);
    // Plan changes are audited with who and what.
    expect(audit.filter((a) => a.action === 'plan').map((a) => [a.by, a.detail])).toContainEqual(['plan1', 'POST /queues/sales/whatifs']);
    // ...and as fields, for screens to word in their language (the English detail stays).
    expect(audit.find((a) => a.action === 'plan' && a.by === 'plan1')?.params).toEqual({ detail: 'POST /queues/sales/whatifs', change: 'whatif.add', queue: 'sales' });
    expect(audit.find((a) => a.action === 'user.disable')).toMatchObject({ by: 'mgr', detail: 'user temp disabled' });
  });

  it("notes a plan change under the tenant of the queue it changed, whatever the path's case", async () => {
    // An all-tenant token names no ?tenant= (sales is acme's only): its note was under "default",
    // so acme's manager never saw it; a path in capitals changed the plan with no note at all.
    const w = await call('POST', '/api/v1/queues/sales/whatifs', 'token', { from: '2026-11-21T14:00:00+08:00', to: '2026-11-21T15:00:00+08:00', agents: 2, label: 'cover' });
    expect(w.status).toBe(201);
    expect((await call('DELETE', `/api/v1/QUEUES/sales/WHATIFS/${w.body.id}`, 'token')).status).toBe(204);
    await expect
      .poll(async () => {
        const audit = (await call('GET', '/api/v1/audit', 'mgr')).body.entries as { action: string; by: string; detail: string; tenants: string[] }[];
        return audit.filter((a) => a.action === 'plan' && a.by === 'ops').map((a) => [a.detail, a.tenants]);
      })
      .toEqual(expect.arrayContaining([['POST /queues/sales/whatifs', ['acme']], [`DELETE /QUEUES/sales/WHATIFS/${w.body.id}`, ['acme']]]));
    // The capitals' note reads as the change it was.
    const audit = (await call('GET', '/api/v1/audit', 'mgr')).body.entries as { detail: string; params: Record<string, unknown> }[];
    expect(audit.find((a) => a.detail === `DELETE /QUEUES/sales/WHATIFS/${w.body.id}`)?.params).toMatchObject({ change: 'whatif.remove', queue: 'sales', id: w.body.id });
  });

  it('notes a change of the calendar a forecast is made of, as a plan change', async () => {
    expect((await call('PUT', '/api/v1/calendar', 'plan1', { days: [{ date: '2026-12-25', kind: 'holiday', name: 'Christmas' }] })).status).toBe(200);
    await expect
      .poll(async () => {
        const audit = (await call('GET', '/api/v1/audit', 'mgr')).body.entries as { action: string; by: string; tenants: string[]; params: Record<string, unknown> }[];
        return audit.find((a) => a.action === 'plan' && a.by === 'plan1' && a.params.change === 'calendar.update')?.tenants;
      })
      .toEqual(['acme']);
  });
});

describe('ids an admin types', () => {
  it('reads a person\'s, a token\'s and a TV display\'s ids trimmed, and refuses one of spaces naming it', async () => {
    // A person given " acme " as typed saw no client at all (no tenant is named with spaces).
    const made = await call('POST', '/api/v1/users', 'token', { name: 'padded', role: 'agent', tenants: [' acme '], teams: ['t1 '], agentId: ' a1', password: PW });
    expect([made.status, made.body.tenants, made.body.teams, made.body.agentId]).toEqual([201, ['acme'], ['t1'], 'a1']);
    const c = (await signIn('padded')).res.headers.getSetCookie()[0].split(';')[0];
    cookie.padded = c;
    // Its agent a1 of acme: the agent's own intervals answer, as they do for ag1.
    expect((await call('GET', '/api/v1/agents/a1/intervals?tenant=acme', 'padded')).status).toBe(200);
    const changed = await call('PATCH', '/api/v1/users/padded', 'token', { agentId: '\ta2 ' });
    expect([changed.status, changed.body.agentId]).toEqual([200, 'a2']);
    const blank = await call('POST', '/api/v1/users', 'token', { name: 'blank', role: 'agent', tenants: ['   '], password: PW });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toContain('tenants.0: empty');

    const token = await call('POST', '/api/v1/tokens', 'token', { name: 'padded feed', role: 'viewer', tenants: [' acme'] });
    expect([token.status, token.body.tenants]).toEqual([201, ['acme']]);
    // The token sees acme's floor: its agents a1 and a2.
    const floor = await fetch(`${server.base}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token.body.token}` } }).then((r) => r.json());
    expect((floor as { agents: { id: string }[] }).agents.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    const display = await call('POST', '/api/v1/displays', 'token', { name: 'Lobby padded', tenants: ['acme  '] });
    expect(display.status).toBe(201);
    const listed = await call('GET', '/api/v1/displays', 'token');
    expect((listed.body as { displays: { id: string; tenants: string[] }[] }).displays.find((d) => d.id === display.body.id)?.tenants).toEqual(['acme']);
    expect((await call('POST', '/api/v1/displays', 'token', { name: 'Lobby blank', tenants: [''] })).status).toBe(400);
  });
});
