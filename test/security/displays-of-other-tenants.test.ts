/**
 * TV displays of another client, asked by an admin of named tenants. `GET /displays` listed every
 * display (its name, its tenants) to any admin, and `DELETE /displays/:id` switched off any of
 * them: an admin of acme alone saw jade's TVs and could turn them off. Now such an admin lists
 * only the displays all of whose tenants it has (one of acme and jade is not its), and any other
 * display's id is answered exactly as an id there is not, switching nothing off. The all-tenant
 * admin lists and switches off every display, as before.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Ack, TvClientToServer, TvServerToClient } from '../../server/protocol/socket.ts';
import type { DisplayInfo } from '../../server/protocol/people.ts';
import type { TvHello } from '../../server/protocol/tv.ts';
import { ACME_ADMIN, ADMIN, acmeAdminServer, expectDeleteAsUnknown } from '../helpers/acme-admin.ts';

const { server, call, acmeAndJade } = acmeAdminServer();

/** Makes a display (as the all-tenant admin unless told) and gives its id and token. */
async function make(name: string, tenants: string[], token = ADMIN): Promise<{ id: string; token: string }> {
  const made = await call('POST', '/displays', token, { name, tenants });
  expect(made.status).toBe(201);
  return JSON.parse(made.text) as { id: string; token: string };
}
const listed = async (token: string): Promise<string[]> => {
  const res = await call('GET', '/displays', token);
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { displays: DisplayInfo[] }).displays.map((d) => d.name).sort();
};
const sockets: Socket[] = [];
function tv(token: string): Promise<Ack<TvHello>> {
  const s: Socket<TvServerToClient, TvClientToServer> = connect(`${server().base}/tv`, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(s);
  return s.emitWithAck('tv:subscribe', {});
}

describe('displays of other tenants, to an admin of acme alone', () => {
  let acme: { id: string; token: string };
  let jade: { id: string; token: string };
  let mixed: { id: string; token: string };
  it('lists only the displays all of whose tenants are its own', async () => {
    await acmeAndJade();
    acme = await make('acme lobby', ['acme'], ACME_ADMIN);
    jade = await make('jade lobby', ['jade']);
    mixed = await make('acme and jade', ['acme', 'jade']);
    expect(await listed(ACME_ADMIN)).toEqual(['acme lobby']);
    expect(await listed(ADMIN)).toEqual(['acme and jade', 'acme lobby', 'jade lobby']);
  });

  it("answers DELETE of jade's display, or of the mixed one, exactly as an id there is not, and the TVs still read", async () => {
    for (const d of [jade, mixed]) {
      const refused = await expectDeleteAsUnknown(call, '/displays', d.id);
      expect(refused).toBe(`{"error":"display \\"${d.id}\\" not found","code":"display.notFound","params":{"id":"\\"${d.id}\\""}}`);
      expect(server().floor.directory.displays.get(d.id)!.revokedAt).toBeNull();
    }
    const jadeTv = await tv(jade.token);
    expect(jadeTv.ok && jadeTv.data.frame.tiles.map((t) => t.tenant)).toEqual(['jade']);
    const mixedTv = await tv(mixed.token);
    expect(mixedTv.ok && mixedTv.data.frame.tiles.map((t) => t.tenant).sort()).toEqual(['acme', 'jade']);
    // Its own display it switches off, as before.
    const own = await call('DELETE', `/displays/${acme.id}`, ACME_ADMIN);
    expect(own.status).toBe(200);
    expect((JSON.parse(own.text) as DisplayInfo).revokedAt).not.toBeNull();
    for (const s of sockets) s.disconnect();
  });

  it('lets the all-tenant admin list and switch off every display', async () => {
    for (const d of [jade, mixed]) {
      const res = await call('DELETE', `/displays/${d.id}`, ADMIN);
      expect(res.status).toBe(200);
      expect((JSON.parse(res.text) as DisplayInfo).revokedAt).not.toBeNull();
    }
    expect(await listed(ADMIN)).toEqual(['acme and jade', 'acme lobby', 'jade lobby']);
    expect(await listed(ACME_ADMIN)).toEqual(['acme lobby']);
  });
});
