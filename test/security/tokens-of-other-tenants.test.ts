/**
 * Bearer tokens of another client, asked by an admin of named tenants: the fault of TV displays
 * (displays-of-other-tenants.test.ts) in the tokens' routes. `GET /tokens` listed every token made
 * on the Admin page (name, role, tenants) to any admin, `DELETE /tokens/:id` revoked any, and
 * `POST /tokens` made a token of any tenants: an admin of acme alone could make an all-tenant
 * admin token and so read and change every client. Now such an admin lists only the tokens all
 * of whose tenants it has (one of acme and jade, or of every tenant, is not its), another token's
 * id answers exactly as an id there is not and revokes nothing, and it makes tokens of its own
 * tenants alone, any other answered `400 tenants: unknown tenant "x"` as `POST /displays` does.
 * The all-tenant admin lists, makes and revokes every token, as before.
 */
import { describe, expect, it } from 'vitest';
import { ACME_ADMIN, ADMIN, acmeAdminServer, expectDeleteAsUnknown } from '../helpers/acme-admin.ts';

const { server, call, acmeAndJade } = acmeAdminServer();

/** Makes a viewer token (as the all-tenant admin unless told) and gives its id and token. */
async function make(name: string, tenants: string[], token = ADMIN): Promise<{ id: string; token: string }> {
  const made = await call('POST', '/tokens', token, { name, role: 'viewer', tenants });
  expect(made.status).toBe(201);
  return JSON.parse(made.text) as { id: string; token: string };
}
const listed = async (token: string): Promise<string[]> => {
  const res = await call('GET', '/tokens', token);
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { tokens: { name: string }[] }).tokens.map((t) => t.name).sort();
};
/** Whether `token` still reads jade's board. */
const readsJade = async (token: string) => (await server().get('/api/v1/snapshot?tenant=jade', token)).status;

describe('tokens of other tenants, to an admin of acme alone', () => {
  let jade: { id: string; token: string };
  let mixed: { id: string; token: string };
  let every: { id: string; token: string };
  let acme: { id: string; token: string };
  it('lists only the tokens all of whose tenants are its own', async () => {
    await acmeAndJade();
    acme = await make('acme wall', ['acme'], ACME_ADMIN);
    jade = await make('jade wall', ['jade']);
    mixed = await make('acme and jade wall', ['acme', 'jade']);
    every = await make('every wall', ['*']);
    expect(await listed(ACME_ADMIN)).toEqual(['acme wall']);
    expect(await listed(ADMIN)).toEqual(['acme and jade wall', 'acme wall', 'every wall', 'jade wall']);
  });

  it("answers DELETE of another's token exactly as an id there is not, and the token still reads", async () => {
    for (const t of [jade, mixed, every]) {
      const refused = await expectDeleteAsUnknown(call, '/tokens', t.id);
      expect(refused).toBe(`{"error":"token \\"${t.id}\\" not found","code":"token.notFound","params":{"id":"\\"${t.id}\\""}}`);
      expect(server().floor.directory.tokens.get(t.id)!.revokedAt).toBeNull();
      expect(await readsJade(t.token)).toBe(200);
    }
    const own = await call('DELETE', `/tokens/${acme.id}`, ACME_ADMIN);
    expect(own.status).toBe(200);
    expect((JSON.parse(own.text) as { revokedAt: string | null }).revokedAt).not.toBeNull();
  });

  it('makes tokens of its own tenants alone, any other answered as a tenant there is not, making nothing', async () => {
    const before = server().floor.directory.tokens.size;
    const unknown = (tenant: string) => ({ status: 400, text: JSON.stringify({ error: `tenants: unknown tenant "${tenant}"`, code: 'tenant.unknown', params: { tenant: `"${tenant}"` } }) });
    for (const [tenants, bad] of [[['jade'], 'jade'], [['acme', 'jade'], 'jade'], [['*'], '*'], [['acme', '*'], '*'], [['nosuch'], 'nosuch']] as const) {
      for (const role of ['viewer', 'admin']) expect(await call('POST', '/tokens', ACME_ADMIN, { name: `try ${tenants.join(' ')} ${role}`, role, tenants })).toEqual(unknown(bad));
    }
    expect(server().floor.directory.tokens.size).toBe(before);
    // An admin token of acme, as itself, it still makes.
    expect((await call('POST', '/tokens', ACME_ADMIN, { name: 'acme second admin', role: 'admin', tenants: ['acme'] })).status).toBe(201);
  });

  it('lets the all-tenant admin list, make and revoke every token', async () => {
    expect((await call('POST', '/tokens', ADMIN, { name: 'jade feed', role: 'ingest', tenants: ['jade'] })).status).toBe(201);
    for (const t of [jade, mixed, every]) {
      const res = await call('DELETE', `/tokens/${t.id}`, ADMIN);
      expect(res.status).toBe(200);
      expect(await readsJade(t.token)).toBe(401);
    }
    expect(await listed(ADMIN)).toEqual(['acme and jade wall', 'acme second admin', 'acme wall', 'every wall', 'jade feed', 'jade wall']);
    expect(await listed(ACME_ADMIN)).toEqual(['acme second admin', 'acme wall']);
  });
});
