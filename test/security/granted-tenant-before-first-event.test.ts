/**
 * A client granted to a viewer or manager before its first event. The board's window
 * (`agents:page`), the TV (`tv:subscribe`) and the tenant's settings (`/tenants/:t/settings`)
 * answered `unknown tenant "newco"` (404 `tenant "newco" not found`) to newco's own viewer and
 * manager until newco's first event: a client going live that morning read as a typo. Now a
 * tenant granted by name is one to whoever holds the grant (an empty board, a tile of zeros, its
 * settings): they were told that tenant, so the answer tells them nothing. Anyone else is answered
 * for it exactly as for a tenant there is not, and an all-tenant admin, granted no tenant by name,
 * is told a tenant the floor and its config do not know is unknown on the board and the TV, as
 * before. Its settings, though, an all-tenant admin could not open until the first event: it was
 * 404 for a client whose people were already made. Now a tenant granted by name to anyone (a
 * person, a configured token, a token or display not revoked) has settings the all-tenant admin
 * reads and sets; one nobody is granted is still 404, and other tenants' callers still get 404.
 * POST /displays asks the same check: the all-tenant admin makes a TV of such a tenant (400
 * `tenants: unknown tenant "later"` before), and an admin of acme alone makes none of another
 * tenant (it made one of the config file's jade before). The board (subscribe, agents:page,
 * adherence, alerts) and the TV ask the same check since: the all-tenant admin's page and TV of a
 * tenant granted by name were `unknown tenant` while its settings and display opened, and its
 * subscribe to a name nobody is granted was an empty board where its page said unknown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AgentPage } from '../../server/protocol/socket.ts';
import type { TvClientToServer, TvServerToClient } from '../../server/protocol/socket.ts';
import type { TvHello } from '../../server/protocol/tv.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const NEWCO_VIEW = 'newco-viewer-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const ACME_ADMIN = 'acme-admin-0123456789';
const PW = 'correct horse battery';
const TOKENS = [
  { token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' },
  { token: NEWCO_VIEW, name: 'newco-wall', tenants: ['newco'], role: 'viewer' },
  { token: ACME_VIEW, name: 'acme-wall', tenants: ['acme'], role: 'viewer' },
  { token: ACME_ADMIN, name: 'acme-admin', tenants: ['acme'], role: 'admin' },
];
// The config file names the client jade, which has no event either.
const dir = mkdtempSync(join(tmpdir(), 'floorboard-granted-'));
const configFile = join(dir, 'floorboard.config.json');
writeFileSync(configFile, JSON.stringify({ tenants: [{ id: 'jade', name: 'Jade Bank' }] }));
let running: Awaited<ReturnType<typeof startServer>>;
const server = () => running;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  running = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(TOKENS), FLOORBOARD_CONFIG: configFile });
  // acme has an agent; newco, granted to newco-wall and to the manager newco-mgr, has no event yet.
  expect((await server().post('/api/v1/events', ndjson([ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'acme-a1', name: 'Ann', queues: ['q'], state: 'available' })]), ADMIN)).status).toBe(200);
  server().floor.hub.flush();
  for (const [name, tenants] of [['newco-mgr', ['newco']], ['acme-mgr', ['acme']]] as const) {
    const made = await fetch(`${server().base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ name, role: 'manager', tenants, password: PW }) });
    expect(made.status).toBe(201);
    const signIn = await fetch(`${server().base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PW }) });
    expect(signIn.status).toBe(200);
    cookies[name] = signIn.headers.getSetCookie()[0].split(';')[0];
  }
});
const tvSockets: Socket[] = [];
afterAll(async () => {
  for (const s of tvSockets) s.disconnect();
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const page = (token: string, tenant: string): Promise<Ack<AgentPage>> => server().socket(token).emitWithAck('agents:page', { tenant, offset: 0, limit: 10 });
async function tv(token: string, tenants: string[]): Promise<Ack<TvHello>> {
  const s: Socket<TvServerToClient, TvClientToServer> = connect(`${server().base}/tv`, { auth: { token }, transports: ['websocket'], reconnection: false });
  tvSockets.push(s);
  return s.emitWithAck('tv:subscribe', { tenants });
}
async function settings(cookie: string, tenant: string) {
  const res = await fetch(`${server().base}/api/v1/tenants/${tenant}/settings`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('agents:page of a tenant granted but with no event yet', () => {
  it("answers its own viewer an empty page", async () => {
    const a = await page(NEWCO_VIEW, 'newco');
    expect(a.ok && { total: a.data.total, rows: a.data.rows }).toEqual({ total: 0, rows: [] });
  });

  it('answers another tenant\'s viewer as for a tenant there is not, and the all-tenant admin so for one nobody is granted', async () => {
    expect(await page(ACME_VIEW, 'newco')).toEqual({ ok: false, error: 'unknown tenant "newco"' });
    expect(await page(ACME_VIEW, 'nosuch')).toEqual({ ok: false, error: 'unknown tenant "nosuch"' });
    expect(await page(ADMIN, 'nosuch')).toEqual({ ok: false, error: 'unknown tenant "nosuch"' });
  });

  it('answers the all-tenant admin an empty page for a tenant granted by name, as its settings open', async () => {
    const a = await page(ADMIN, 'newco');
    expect(a.ok && { total: a.data.total, rows: a.data.rows }).toEqual({ total: 0, rows: [] });
  });
});

describe('a tenant the config file names, with no event yet', () => {
  it('is an empty page and a tile of zeros for the all-tenant admin, as before', async () => {
    const a = await page(ADMIN, 'jade');
    expect(a.ok && a.data.total).toBe(0);
    const t = await tv(ADMIN, ['jade']);
    expect(t.ok && t.data.frame.tiles.map((x) => [x.tenant, x.name, x.waiting])).toEqual([['jade', 'Jade Bank', 0]]);
  });
});

describe('tv:subscribe of a tenant granted but with no event yet', () => {
  it('answers its own viewer a tile of zeros named by its id', async () => {
    const a = await tv(NEWCO_VIEW, ['newco']);
    expect(a.ok && a.data.frame.tiles.map((t) => [t.tenant, t.name, t.waiting, t.offeredToday, t.handledToday])).toEqual([['newco', 'newco', 0, 0, 0]]);
  });

  it('answers the all-tenant admin a tile of zeros, as its settings open', async () => {
    const a = await tv(ADMIN, ['newco']);
    expect(a.ok && a.data.frame.tiles.map((t) => [t.tenant, t.name, t.waiting, t.offeredToday, t.handledToday])).toEqual([['newco', 'newco', 0, 0, 0]]);
  });

  it('answers others, and the all-tenant admin for a tenant nobody is granted, as for a tenant there is not', async () => {
    expect(await tv(ACME_VIEW, ['newco'])).toEqual({ ok: false, error: 'unknown tenant "newco"' });
    expect(await tv(ADMIN, ['nosuch'])).toEqual({ ok: false, error: 'unknown tenant "nosuch"' });
  });
});

describe('/tenants/:tenant/settings of a tenant granted but with no event yet', () => {
  it('lets its own manager read and set them', async () => {
    expect(await settings(cookies['newco-mgr'], 'newco')).toEqual({ status: 200, body: { tenant: 'newco', clientViewerAgentNames: false } });
    const put = await fetch(`${server().base}/api/v1/tenants/newco/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: cookies['newco-mgr'] }, body: JSON.stringify({ clientViewerAgentNames: true }) });
    expect(put.status).toBe(200);
    expect(await settings(cookies['newco-mgr'], 'newco')).toEqual({ status: 200, body: { tenant: 'newco', clientViewerAgentNames: true } });
  });

  it("answers another tenant's manager 404 as for a tenant there is not", async () => {
    expect(await settings(cookies['acme-mgr'], 'newco')).toEqual({ status: 404, body: expect.objectContaining({ error: 'tenant "newco" not found' }) });
    expect(await settings(cookies['acme-mgr'], 'nosuch')).toEqual({ status: 404, body: expect.objectContaining({ error: 'tenant "nosuch" not found' }) });
  });
});

describe('/tenants/:tenant/settings for the all-tenant admin', () => {
  // later is granted only to the person later-lead; gone only to a token made here and revoked since.
  const asAdmin = async (method: 'GET' | 'PUT', tenant: string, body?: unknown) => {
    const res = await fetch(`${server().base}/api/v1/tenants/${tenant}/settings`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const notFound = (tenant: string) => ({ status: 404, body: { error: `tenant "${tenant}" not found`, code: 'tenant.notFound', params: { tenant: `"${tenant}"` } } });

  beforeAll(async () => {
    const post = (path: string, body: unknown) => fetch(`${server().base}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
    expect((await post('/users', { name: 'later-lead', role: 'teamLead', tenants: ['later'], password: PW })).status).toBe(201);
    const made = await post('/tokens', { name: 'gone-feed', role: 'ingest', tenants: ['gone'] });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect((await fetch(`${server().base}/api/v1/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });

  it('reads and sets those of a tenant granted to a person by name, before its first event', async () => {
    expect(await asAdmin('GET', 'later')).toEqual({ status: 200, body: { tenant: 'later', clientViewerAgentNames: false } });
    expect(await asAdmin('PUT', 'later', { clientViewerAgentNames: true })).toEqual({ status: 200, body: { tenant: 'later', clientViewerAgentNames: true } });
    expect(await asAdmin('GET', 'later')).toEqual({ status: 200, body: { tenant: 'later', clientViewerAgentNames: true } });
    // newco is granted to a configured token and a person; jade is only in the config file.
    expect((await asAdmin('GET', 'newco')).status).toBe(200);
    expect(await asAdmin('GET', 'jade')).toEqual({ status: 200, body: { tenant: 'jade', clientViewerAgentNames: false } });
  });

  it('answers a tenant nobody is granted (or only a revoked token was) exactly as one there is not', async () => {
    for (const tenant of ['nosuch', 'gone']) {
      expect(await asAdmin('GET', tenant)).toEqual(notFound(tenant));
      expect(await asAdmin('PUT', tenant, { clientViewerAgentNames: true })).toEqual(notFound(tenant));
    }
  });

  it("still answers another tenant's manager for it as for a tenant there is not", async () => {
    const res = await fetch(`${server().base}/api/v1/tenants/later/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: cookies['acme-mgr'] }, body: JSON.stringify({ clientViewerAgentNames: false }) });
    expect({ status: res.status, body: await res.json() }).toEqual(notFound('later'));
    expect(await settings(cookies['acme-mgr'], 'later')).toEqual(notFound('later'));
    // The admin's setting stood.
    expect(await asAdmin('GET', 'later')).toEqual({ status: 200, body: { tenant: 'later', clientViewerAgentNames: true } });
  });
});

describe('POST /displays of a tenant before its first event', () => {
  // As above: later is granted only to the person later-lead (made by the settings tests' beforeAll,
  // made again here if this block runs alone); gone only to a revoked token; jade is in the config file.
  const create = async (tenants: string[], token = ADMIN) => {
    const res = await fetch(`${server().base}/api/v1/displays`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: `TV ${tenants.join(' ')} ${token.slice(0, 4)}`, tenants }) });
    return { status: res.status, body: (await res.json()) as { token?: string } };
  };
  const unknown = (tenant: string) => ({ status: 400, body: { error: `tenants: unknown tenant "${tenant}"`, code: 'tenant.unknown', params: { tenant: `"${tenant}"` } } });
  const displayCount = () => server().floor.directory.displays.size;

  beforeAll(async () => {
    if ([...server().floor.directory.users.keys()].includes('later-lead')) return;
    const made = await fetch(`${server().base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ name: 'later-lead', role: 'teamLead', tenants: ['later'], password: PW }) });
    expect(made.status).toBe(201);
  });

  it('lets the all-tenant admin make a TV of a tenant granted to a person by name, which shows a tile of zeros', async () => {
    const made = await create(['later']);
    expect(made.status).toBe(201);
    const t = await tv(made.body.token!, ['later']);
    expect(t.ok && t.data.frame.tiles.map((x) => [x.tenant, x.name, x.waiting, x.offeredToday])).toEqual([['later', 'later', 0, 0]]);
    // The config file's jade and the floor's acme, as before.
    expect((await create(['jade', 'acme'])).status).toBe(201);
  });

  it('answers a tenant nobody is granted (or only a revoked token was) exactly as one there is not, making nothing', async () => {
    const before = displayCount();
    for (const tenant of ['nosuch', 'gone']) {
      expect(await create([tenant])).toEqual(unknown(tenant));
      expect(await create(['acme', tenant])).toEqual(unknown(tenant));
    }
    expect(displayCount()).toBe(before);
  });

  it('refuses an admin of other tenants a TV of a tenant granted by name, or on the floor, exactly as one there is not', async () => {
    const before = displayCount();
    for (const tenant of ['later', 'newco', 'jade', 'nosuch']) expect(await create([tenant], ACME_ADMIN)).toEqual(unknown(tenant));
    expect(await create(['acme', 'jade'], ACME_ADMIN)).toEqual(unknown('jade'));
    expect(displayCount()).toBe(before);
    // Its own tenant, as before.
    expect((await create(['acme'], ACME_ADMIN)).status).toBe(201);
  });
});

describe('the board and the TV of a tenant granted to a person, before its first event', () => {
  // later is granted only to the person later-lead (made above, made again here if this block runs alone).
  beforeAll(async () => {
    if ([...server().floor.directory.users.keys()].includes('later-lead')) return;
    const made = await fetch(`${server().base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ name: 'later-lead', role: 'teamLead', tenants: ['later'], password: PW }) });
    expect(made.status).toBe(201);
  });
  const subscribe = (token: string, tenants: string[]) => server().socket(token).emitWithAck('subscribe', { tenants });
  const unknown = (tenant: string) => ({ ok: false, error: `unknown tenant "${tenant}"` });

  it('is an empty board and a tile of zeros to the all-tenant admin', async () => {
    const s = await subscribe(ADMIN, ['later']);
    expect(s.ok && { queues: s.data.queues, agents: s.data.agents, agentCount: s.data.agentCount }).toEqual({ queues: [], agents: [], agentCount: 0 });
    const p = await page(ADMIN, 'later');
    expect(p.ok && { total: p.data.total, rows: p.data.rows }).toEqual({ total: 0, rows: [] });
    const t = await tv(ADMIN, ['later']);
    expect(t.ok && t.data.frame.tiles.map((x) => [x.tenant, x.name, x.waiting, x.offeredToday])).toEqual([['later', 'later', 0, 0]]);
    const adherence = await server().socket(ADMIN).emitWithAck('adherence:subscribe', { tenants: ['later'] });
    expect(adherence).toEqual({ ok: true, data: [] });
  });

  it('answers the all-tenant admin a name nobody is granted, on the board and the TV, as a tenant there is not', async () => {
    expect(await subscribe(ADMIN, ['nosuch'])).toEqual(unknown('nosuch'));
    expect(await subscribe(ADMIN, ['acme', 'nosuch'])).toEqual(unknown('nosuch'));
    expect(await page(ADMIN, 'nosuch')).toEqual(unknown('nosuch'));
    expect(await tv(ADMIN, ['nosuch'])).toEqual(unknown('nosuch'));
    expect(await server().socket(ADMIN).emitWithAck('adherence:subscribe', { tenants: ['nosuch'] })).toEqual(unknown('nosuch'));
    expect(await server().socket(ADMIN).emitWithAck('alerts:subscribe', { tenants: ['nosuch'] })).toEqual(unknown('nosuch'));
  });

  it("answers a caller of named tenants another's granted tenant exactly as one there is not", async () => {
    for (const tenant of ['later', 'newco', 'nosuch']) {
      expect(await subscribe(ACME_VIEW, [tenant])).toEqual(unknown(tenant));
      expect(await page(ACME_VIEW, tenant)).toEqual(unknown(tenant));
      expect(await tv(ACME_VIEW, [tenant])).toEqual(unknown(tenant));
    }
  });
});
