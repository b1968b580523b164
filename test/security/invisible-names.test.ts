/**
 * Names of principals with characters nobody sees. The look-alike check folds names by NFKC and
 * case (test/integration/user-names.test.ts), which keeps zero-width and bidirectional control
 * characters: probing a live server, acme's manager created the people "root-admin" + U+200B
 * (zero-width space), "root" + U+2060 + "-admin" (word joiner), "acme-lead" + U+00AD (soft
 * hyphen) and "root-admin" + NUL, each 201, each shown on the Admin page and in the audit log's
 * `by` exactly like the all-tenant admin token "root-admin" or the person "acme-lead"; U+202E
 * (right-to-left override) + "nimda-toor" even reads "root-admin" on screen. An admin could make
 * a token named like a person the same way. Now a new person's, token's or display's name with a
 * control, format (zero-width, bidi, soft hyphen), surrogate or otherwise invisible character is
 * a 400 naming the field, before any name is compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;
let managerCookie = '';

async function call(method: string, path: string, auth: { token?: string; cookie?: string }, body: unknown) {
  const h: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.token) h.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) h.cookie = auth.cookie;
  const res = await fetch(server.base + path, { method, headers: h, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: string; name?: string } };
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' }]) });
  for (const name of ['acme-mgr', 'acme-lead']) {
    expect((await call('POST', '/api/v1/users', { token: ADMIN }, { name, role: name === 'acme-mgr' ? 'manager' : 'teamLead', tenants: ['acme'], password: PW })).status).toBe(201);
  }
  const res = await fetch(server.base + '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'acme-mgr', password: PW }) });
  expect(res.status).toBe(200);
  managerCookie = res.headers.getSetCookie()[0].split(';')[0];
});
afterAll(async () => {
  await server.stop();
});

const hidden = ['root-admin\u200b', 'root\u2060-admin', '\u202enimda-toor', 'acme-lead\u00ad', 'root-admin\u0000', 'acme\ufeff-lead', 'root-admin\ud800', 'acme-lead\u3164'];

describe('names with characters nobody sees', () => {
  it("refuses a person's name with a zero-width, bidi, soft hyphen, control, surrogate or filler character", async () => {
    for (const name of hidden) {
      const r = await call('POST', '/api/v1/users', { cookie: managerCookie }, { name, role: 'teamLead', tenants: ['acme'], password: PW });
      expect([JSON.stringify(name), r.status, r.body.error]).toEqual([JSON.stringify(name), 400, expect.stringMatching(/^name: .*invisible or control character/)]);
    }
  });

  it("refuses a token's and a display's name the same way", async () => {
    for (const name of hidden) {
      const t = await call('POST', '/api/v1/tokens', { token: ADMIN }, { name, role: 'admin', tenants: ['*'] });
      expect([JSON.stringify(name), t.status, t.body.error]).toEqual([JSON.stringify(name), 400, expect.stringMatching(/^name: .*invisible or control character/)]);
      const d = await call('POST', '/api/v1/displays', { token: ADMIN }, { name, tenants: ['acme'] });
      expect([JSON.stringify(name), d.status, d.body.error]).toEqual([JSON.stringify(name), 400, expect.stringMatching(/^name: .*invisible or control character/)]);
    }
  });

  it('still takes names in any script, with accents, digits and punctuation', async () => {
    for (const name of ['王小明', 'josé.garcía', 'ana_o-brien', 'Ωμέγα7']) {
      const r = await call('POST', '/api/v1/users', { cookie: managerCookie }, { name, role: 'teamLead', tenants: ['acme'], password: PW });
      expect([name, r.status]).toEqual([name, 201]);
    }
    expect((await call('POST', '/api/v1/tokens', { token: ADMIN }, { name: 'feed 王', role: 'viewer', tenants: ['acme'] })).status).toBe(201);
  });
});
