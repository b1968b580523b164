/**
 * People's names against tokens' and each other's (probe findings 7 and 8), and the audit log's
 * numbers per reader (finding 13): through the real server, restarted on its data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
const TOKENS = JSON.stringify([{ token: ADMIN, name: 'admin', tenants: ['*'], role: 'admin' }]);
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-user-names-'));

let server: Awaited<ReturnType<typeof startServer>>;
const cookie: Record<string, string> = {};

async function call(method: string, path: string, who: string, body?: unknown) {
  const h: Record<string, string> = who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] };
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(server.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
async function signIn(name: string) {
  const res = await fetch(server.base + '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PW }) });
  expect([name, res.status]).toEqual([name, 200]);
  cookie[name] = res.headers.getSetCookie()[0].split(';')[0];
}
const person = (name: string, role: string, tenants: string[]) => ({ name, role, tenants, password: PW });
type Entry = { seq: number; by: string; byKind: string | null; action: string; tenants: string[]; detail: string };
const audit = async (who: string) => (await call('GET', '/api/v1/audit?limit=5000', who)).body.entries as Entry[];

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: TOKENS, DATA_DIR: dataDir });
  const logins = ['acme', 'jade'].map((tenant) => ({ id: `${tenant}-1`, type: 'agent.login', ts: '2026-11-20T08:00:00+08:00', tenant, agentId: 'a1', name: 'Ana', teamId: 't1', queues: ['sales'], state: 'available' }));
  expect((await (await server.post('/api/v1/events', ndjson(logins), ADMIN)).json()).accepted).toBe(2);
  // Changes of acme and jade in turn, so jade's fall between acme's in the one log.
  expect((await call('POST', '/api/v1/users', 'admin', person('acme-mgr', 'manager', ['acme']))).status).toBe(201);
  expect((await call('POST', '/api/v1/users', 'admin', person('jade-mgr', 'manager', ['jade']))).status).toBe(201);
  expect((await call('POST', '/api/v1/users', 'admin', person('acme-user', 'analyst', ['acme']))).status).toBe(201);
  expect((await call('POST', '/api/v1/users', 'admin', person('straße', 'analyst', ['jade']))).status).toBe(201);
  expect((await call('POST', '/api/v1/tokens', 'admin', { name: 'staff', role: 'viewer', tenants: ['jade'] })).status).toBe(201);
  expect((await call('PUT', '/api/v1/tenants/jade/settings', 'admin', { clientViewerAgentNames: true })).status).toBe(200);
  for (const n of ['acme-mgr', 'acme-user']) await signIn(n);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('names of people', () => {
  it('refuses a name that is, or looks like, a token, open mode or any person of any tenant, with one answer for all', async () => {
    const taken = [
      'admin', // the configured token's name
      'ADMIN',
      'ａｄｍｉｎ', // fullwidth: NFKC makes it "admin"
      'staﬀ', // the ligature ﬀ: NFKC makes it the Admin page's token "staff"
      'acme-user', // a person of the caller's own tenant
      'Acme-User',
      'jade-mgr', // a person of a tenant the caller cannot see
      'JADE-MGR',
      'STRASSE', // full case folding: "straße" of jade
    ];
    for (const name of taken) {
      expect([name, await call('POST', '/api/v1/users', 'acme-mgr', person(name, 'analyst', ['acme']))]).toEqual([
        name,
        { status: 409, body: { error: `user name ${JSON.stringify(name)} is not available: choose another`, code: 'user.exists', params: { name } } },
      ]);
    }
    // Open mode's name has spaces, refused as any name with spaces.
    expect((await call('POST', '/api/v1/users', 'acme-mgr', person('anonymous (open mode)', 'analyst', ['acme']))).status).toBe(400);
    expect((await call('POST', '/api/v1/users', 'acme-mgr', person('acme-new', 'analyst', ['acme']))).status).toBe(201);
    const names = (await call('GET', '/api/v1/users', 'admin')).body.users.map((u: { name: string }) => u.name).sort();
    expect(names).toEqual(['acme-mgr', 'acme-new', 'acme-user', 'jade-mgr', 'straße']);
  });

  it('lets only one of two names alike through when both are asked at once', async () => {
    const both = await Promise.all(['race-1', 'RACE-1'].map((n) => call('POST', '/api/v1/users', 'admin', person(n, 'analyst', ['acme']))));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('lets only one of a person and a token named alike through when both are asked at once', async () => {
    // The person's password hashes for tens of ms after its check: the token asked meanwhile must see the name taken.
    for (const [i, order] of (['person first', 'token first', 'person first'] as const).entries()) {
      const asks = [() => call('POST', '/api/v1/users', 'admin', person(`twin-${i}`, 'analyst', ['acme'])), () => call('POST', '/api/v1/tokens', 'admin', { name: `TWIN-${i}`, role: 'viewer', tenants: ['acme'] })];
      const answers = await Promise.all(order === 'person first' ? asks.map((a) => a()) : asks.reverse().map((a) => a()));
      expect([order, answers.filter((r) => r.status === 201).length]).toEqual([order, 1]);
    }
  });

  it('names another tenant\'s person in a 404 exactly like a missing one, without quotes in params', async () => {
    expect(await call('PATCH', '/api/v1/users/jade-mgr', 'acme-mgr', { disabled: true })).toEqual({ status: 404, body: { error: 'user "jade-mgr" not found', code: 'user.notFound', params: { name: 'jade-mgr' } } });
    expect(await call('PATCH', '/api/v1/users/nobody', 'acme-mgr', { disabled: true })).toEqual({ status: 404, body: { error: 'user "nobody" not found', code: 'user.notFound', params: { name: 'nobody' } } });
  });

  it('refuses a token named like a person', async () => {
    expect(await call('POST', '/api/v1/tokens', 'admin', { name: 'ACME-USER', role: 'viewer', tenants: ['acme'] })).toEqual({
      status: 400,
      body: { error: 'name: "ACME-USER" is a person\'s name, or looks like one: choose another', code: 'request.invalid', params: { detail: 'name: "ACME-USER" is a person\'s name, or looks like one: choose another' } },
    });
  });

  it('says whether a what-if and an audit entry were made by a person or a token', async () => {
    const forecast = 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:00:00+08:00,sales,10,180\n';
    const put = await fetch(`${server.base}/api/v1/forecasts/sales/2026-11-20?tenant=acme`, { method: 'PUT', body: forecast, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' } });
    expect(put.status).toBe(200);
    const whatIf = { from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 1 };
    expect((await call('POST', '/api/v1/queues/sales/whatifs?tenant=acme', 'admin', whatIf)).body).toMatchObject({ createdBy: 'admin', createdByKind: 'token' });
    expect((await call('POST', '/api/v1/queues/sales/whatifs', 'acme-user', whatIf)).body).toMatchObject({ createdBy: 'acme-user', createdByKind: 'person' });
    const list = (await call('GET', '/api/v1/queues/sales/whatifs?date=2026-11-20', 'acme-user')).body.whatIfs;
    expect(list.map((w: { createdBy: string; createdByKind: string }) => [w.createdBy, w.createdByKind])).toEqual([['admin', 'token'], ['acme-user', 'person']]);
    // A plan change is noted once its answer is sent: wait for the third note (a hang, not a speed, is caught).
    let plans: (string | null)[][] = [];
    for (let i = 0; i < 100 && plans.length < 3; i++, await new Promise((r) => setTimeout(r, 50))) plans = (await audit('admin')).filter((e) => e.action === 'plan').map((e) => [e.by, e.byKind]);
    expect(plans).toEqual([['acme-user', 'person'], ['admin', 'token'], ['admin', 'token']]);
  });
});

describe('audit numbers', () => {
  it('numbers a manager\'s entries without gaps, an admin\'s as the log does, the same after a restart', async () => {
    const all = await audit('admin');
    // The admin's numbers are the log's: N down to 1.
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => all.length - i));
    const acmeEntries = all.filter((e) => e.tenants.includes('acme'));
    const mine = await audit('acme-mgr');
    // acme's entries, the same ones, numbered k down to 1 although jade's fall between them.
    expect(mine.map((e) => e.detail)).toEqual(acmeEntries.map((e) => e.detail));
    expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => mine.length - i));
    // Before: the log's numbers, with jade's changes as gaps (jade-mgr's creation was entry 2).
    expect(acmeEntries.map((e) => e.seq)).not.toEqual(mine.map((e) => e.seq));
    await server.stop();
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, DATA_DIR: dataDir });
    await signIn('acme-mgr');
    expect(await audit('acme-mgr')).toEqual(mine);
    expect(await audit('admin')).toEqual(all);
  });
});
