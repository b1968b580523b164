/**
 * People of another client, asked by an admin of named tenants: the fault of displays and tokens
 * (displays-of-other-tenants.test.ts, tokens-of-other-tenants.test.ts) in the people's routes. An
 * admin could manage anyone (`mayManage` asked a manager's tenants, an admin's never), so an admin
 * of acme alone listed jade's people, changed their passwords, and made an all-tenant admin person
 * to sign in as. Now such an admin manages only people all of whose tenants are its own (any
 * role, an admin of acme too), as a manager does for non-admins: another person answers as a name
 * there is not, and making one of another tenant is the manager's 403. The all-tenant admin
 * manages everyone, as before.
 */
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../server/protocol/people.ts';
import { ACME_ADMIN, ADMIN, acmeAdminServer } from '../helpers/acme-admin.ts';

const { server, call } = acmeAdminServer();
const PW = 'correct horse battery';

const listed = async (token: string): Promise<string[]> => {
  const res = await call('GET', '/users', token);
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { users: UserInfo[] }).users.map((u) => u.name).sort();
};

describe('people of other tenants, to an admin of acme alone', () => {
  it('lists only the people all of whose tenants are its own', async () => {
    for (const [name, role, tenants] of [['jade-lead', 'teamLead', ['jade']], ['both-mgr', 'manager', ['acme', 'jade']], ['boss', 'admin', ['*']], ['acme-lead', 'teamLead', ['acme']]] as const) {
      expect((await call('POST', '/users', ADMIN, { name, role, tenants, password: PW })).status).toBe(201);
    }
    expect(await listed(ACME_ADMIN)).toEqual(['acme-lead']);
    expect(await listed(ADMIN)).toEqual(['acme-lead', 'boss', 'both-mgr', 'jade-lead']);
  });

  it("answers PATCH of another's person exactly as a name there is not, changing nothing", async () => {
    for (const name of ['jade-lead', 'both-mgr', 'boss']) {
      const before = server().floor.directory.users.get(name)!;
      const refused = await call('PATCH', `/users/${name}`, ACME_ADMIN, { password: 'another long password', disabled: true });
      const other = 'x'.repeat(name.length);
      const nosuch = await call('PATCH', `/users/${other}`, ACME_ADMIN, { password: 'another long password', disabled: true });
      expect(refused.status).toBe(404);
      expect(refused.text).toBe(nosuch.text.replaceAll(other, name));
      expect(refused.text).toBe(`{"error":"user \\"${name}\\" not found","code":"user.notFound","params":{"name":"${name}"}}`);
      expect(server().floor.directory.users.get(name)).toEqual(before);
    }
    // Its own client's person it changes, as before.
    expect((await call('PATCH', '/users/acme-lead', ACME_ADMIN, { disabled: true })).status).toBe(200);
  });

  it("makes people of its own tenants alone, another's answered with the manager's 403, making nothing", async () => {
    const before = server().floor.directory.users.size;
    for (const [role, tenants] of [['admin', ['*']], ['clientViewer', ['jade']], ['manager', ['acme', 'jade']]] as const) {
      expect(await call('POST', '/users', ACME_ADMIN, { name: `try-${role}`, role, tenants, password: PW })).toEqual({ status: 403, text: JSON.stringify({ error: `you may not create a ${role} of ${tenants.join(', ')}`, code: 'user.mayNotManage', params: { role, tenants: tenants.join(', ') } }) });
    }
    // Nor moves its own client's person to another.
    expect((await call('PATCH', '/users/acme-lead', ACME_ADMIN, { tenants: ['acme', 'jade'] })).status).toBe(403);
    expect(server().floor.directory.users.size).toBe(before);
    expect((await call('POST', '/users', ACME_ADMIN, { name: 'acme-boss', role: 'admin', tenants: ['acme'], password: PW })).status).toBe(201);
  });

  it('lets the all-tenant admin list and change everyone', async () => {
    for (const name of ['jade-lead', 'both-mgr', 'boss']) expect((await call('PATCH', `/users/${name}`, ADMIN, { disabled: true })).status).toBe(200);
    expect(await listed(ADMIN)).toEqual(['acme-boss', 'acme-lead', 'boss', 'both-mgr', 'jade-lead']);
    expect(await listed(ACME_ADMIN)).toEqual(['acme-boss', 'acme-lead']);
  });
});
