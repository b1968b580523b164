/**
 * The audit log of an admin (or manager) of named tenants showed every entry touching one of its
 * tenants, so one about a TV display, a token or a person of acme and jade reached acme's admin
 * with the other client named in it ("display d_… "acme and jade" for acme, jade"), though
 * `GET /displays`, `GET /tokens` and `GET /users` do not list that thing to it. Now such a reader
 * sees only the entries all of whose tenants are its own, numbered without gaps among them; the
 * all-tenant admin sees every entry, as before.
 */
import { describe, expect, it } from 'vitest';
import type { AuditInfo } from '../../server/protocol/people.ts';
import { ACME_ADMIN, ADMIN, acmeAdminServer } from '../helpers/acme-admin.ts';

const { call, acmeAndJade } = acmeAdminServer();

const audit = async (token: string) => {
  const res = await call('GET', '/audit', token);
  expect(res.status).toBe(200);
  return { text: res.text, entries: (JSON.parse(res.text) as { entries: AuditInfo[] }).entries };
};

describe('the audit log of an admin of acme alone', () => {
  it('shows only the entries all of whose tenants are its own, numbered 1 up without gaps', async () => {
    await acmeAndJade();
    const made = async (path: string, body: unknown, token = ADMIN) => {
      const res = await call('POST', path, token, body);
      expect(res.status).toBe(201);
      return JSON.parse(res.text) as { id: string };
    };
    // 1 jade's display, 2 acme and jade's display, 3 acme and jade's token, 4 acme's display (by acme's admin), 5 the second switched off.
    await made('/displays', { name: 'jade lobby', tenants: ['jade'] });
    const mixed = await made('/displays', { name: 'acme and jade', tenants: ['acme', 'jade'] });
    await made('/tokens', { name: 'acme and jade wall', role: 'viewer', tenants: ['acme', 'jade'] });
    await made('/displays', { name: 'acme lobby', tenants: ['acme'] }, ACME_ADMIN);
    expect((await call('DELETE', `/displays/${mixed.id}`, ADMIN)).status).toBe(200);

    const acme = await audit(ACME_ADMIN);
    expect(acme.entries.map((a) => [a.seq, a.action, a.by, a.tenants])).toEqual([[1, 'display.create', 'acme-admin', ['acme']]]);
    expect(acme.text).not.toMatch(/jade/);
    const all = await audit(ADMIN);
    expect(all.entries.map((a) => [a.seq, a.action, a.tenants])).toEqual([
      [5, 'display.revoke', ['acme', 'jade']],
      [4, 'display.create', ['acme']],
      [3, 'token.create', ['acme', 'jade']],
      [2, 'display.create', ['acme', 'jade']],
      [1, 'display.create', ['jade']],
    ]);
  });
});
