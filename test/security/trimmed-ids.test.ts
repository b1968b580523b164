/**
 * Ids a caller asks for are read alike: trimmed, as ingest trims event ids; blank refused naming
 * the field; over 200 characters refused. Team ids were (filterId); a socket's tenants and queues
 * and REST's `agentId` and `?tenant=` were not, so a padded " acme" answered `unknown tenant
 * " acme"` rather than acme's board, "  " asked for the tenant of spaces, and `?agentId=%20%20`
 * was 404 for an agent named two spaces. A padded id of a tenant or agent the caller may not see
 * still answers byte for byte as one there is not.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AgentPage, TvClientToServer, TvServerToClient, VersionedSnapshot } from '../../server/protocol/socket.ts';
import type { TvHello } from '../../server/protocol/tv.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, serverWithTokens } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const server = serverWithTokens([
  { token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' },
  { token: ACME_VIEW, name: 'acme-wall', tenants: ['acme'], role: 'viewer' },
]);
const LONG = 'a'.repeat(201);

beforeAll(async () => {
  // acme and bank each have one agent in queue q.
  const logins = ['acme', 'bank'].map((t) => ev('agent.login', '09:00:00', { tenant: t, agentId: `${t}-a1`, name: 'Ann', queues: ['q'], state: 'available' }));
  expect((await server().post('/api/v1/events', ndjson(logins), ADMIN)).status).toBe(200);
  server().floor.hub.flush();
});
const tvSockets: Socket[] = [];
afterAll(() => {
  for (const s of tvSockets) s.disconnect();
});

const subscribe = (token: string, req: object): Promise<Ack<VersionedSnapshot>> => server().socket(token).emitWithAck('subscribe', req as never);
const board = (a: Ack<VersionedSnapshot>) => (a.ok ? { tenants: a.data.tenants.map((t) => t.id), queues: a.data.queues.map((q) => q.key), agents: a.data.agents.map((x) => x.id) } : a);
const acmeBoard = { tenants: ['acme'], queues: [expect.stringContaining('q')], agents: ['acme-a1'] };

describe('socket subscribe', () => {
  it('reads " acme " as acme, its tenant and its queue alike', async () => {
    expect(board(await subscribe(ACME_VIEW, { tenants: [' acme '] }))).toEqual(acmeBoard);
    expect(board(await subscribe(ADMIN, { tenants: [' acme '] }))).toEqual(acmeBoard);
    expect(board(await subscribe(ACME_VIEW, { queues: [{ tenant: ' acme', id: 'q ' }] }))).toEqual(acmeBoard);
    expect(board(await subscribe(ACME_VIEW, { queues: [' q '] }))).toEqual(acmeBoard);
  });

  it('refuses a blank or over-long id, naming the field', async () => {
    expect(await subscribe(ACME_VIEW, { tenants: ['  '] })).toEqual({ ok: false, error: 'subscribe: tenants.0: empty; give an id or leave the parameter out' });
    expect(await subscribe(ACME_VIEW, { queues: [{ tenant: 'acme', id: ' ' }] })).toEqual({ ok: false, error: 'subscribe: queues.0.id: empty; give an id or leave the parameter out' });
    expect(await subscribe(ADMIN, { tenants: [LONG] })).toEqual({ ok: false, error: 'subscribe: tenants.0: must be at most 200 characters' });
  });

  it('answers a padded tenant the caller may not see byte for byte as one there is not', async () => {
    const other = JSON.stringify(await subscribe(ACME_VIEW, { tenants: [' bank '] }));
    expect(other).toBe(JSON.stringify(await subscribe(ACME_VIEW, { tenants: ['bank'] })));
    expect(other).toBe(JSON.stringify(await subscribe(ACME_VIEW, { tenants: [' nosuch '] })).replace('nosuch', 'bank'));
    expect(JSON.parse(other)).toEqual({ ok: false, error: 'unknown tenant "bank"' });
    const queue = JSON.stringify(await subscribe(ACME_VIEW, { queues: [{ tenant: ' bank ', id: 'q' }] }));
    expect(queue).toBe(JSON.stringify(await subscribe(ACME_VIEW, { queues: [{ tenant: 'nosuch', id: 'q' }] })));
    expect(JSON.parse(queue)).toEqual({ ok: false, error: 'unknown queue "q"' });
  });
});

describe('other socket requests', () => {
  it('agents:page reads " acme " as acme, and a padded other tenant as one there is not', async () => {
    const page = (token: string, tenant: string): Promise<Ack<AgentPage>> => server().socket(token).emitWithAck('agents:page', { tenant, offset: 0, limit: 10 });
    const a = await page(ACME_VIEW, ' acme ');
    expect(a.ok && a.data.rows.map((r) => r.id)).toEqual(['acme-a1']);
    expect(await page(ACME_VIEW, ' bank')).toEqual({ ok: false, error: 'unknown tenant "bank"' });
    expect(await page(ACME_VIEW, ' ')).toEqual({ ok: false, error: 'agents:page: tenant: empty; give an id or leave the parameter out' });
  });

  it('adherence:subscribe and alerts:subscribe read " acme " as acme', async () => {
    const adherence = await server().socket(ACME_VIEW).emitWithAck('adherence:subscribe', { tenants: [' acme '] });
    expect(adherence.ok && adherence.data.map((t) => t.tenant)).toEqual(['acme']);
    expect(await server().socket(ACME_VIEW).emitWithAck('alerts:subscribe', { tenants: [' bank '] })).toEqual({ ok: false, error: 'unknown tenant "bank"' });
    expect(await server().socket(ACME_VIEW).emitWithAck('adherence:subscribe', { tenants: [''] })).toEqual({ ok: false, error: 'adherence:subscribe: tenants.0: empty; give an id or leave the parameter out' });
  });

  it('tv:subscribe reads " acme " as acme', async () => {
    const s: Socket<TvServerToClient, TvClientToServer> = connect(`${server().base}/tv`, { auth: { token: ACME_VIEW }, transports: ['websocket'], reconnection: false });
    tvSockets.push(s);
    const t: Ack<TvHello> = await s.emitWithAck('tv:subscribe', { tenants: [' acme '] });
    expect(t.ok && t.data.frame.tiles.map((x) => x.tenant)).toEqual(['acme']);
    expect(await s.emitWithAck('tv:subscribe', { tenants: [' bank '] })).toEqual({ ok: false, error: 'unknown tenant "bank"' });
  });
});

describe('REST agentId and tenant', () => {
  const get = async (path: string, token = ACME_VIEW) => {
    const res = await fetch(server().base + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text() };
  };

  it('reads agentId=" acme-a1 " as acme-a1', async () => {
    const plain = await get('/api/v1/adherence/live?agentId=acme-a1');
    expect(plain.status).toBe(200);
    expect(await get('/api/v1/adherence/live?agentId=%20acme-a1%20')).toEqual(plain);
  });

  it('refuses a blank or over-long agentId, naming it', async () => {
    expect(await get('/api/v1/adherence/live?agentId=%20%20')).toEqual({ status: 400, text: expect.stringContaining('"agentId: empty; give an id or leave the parameter out"') });
    expect(await get(`/api/v1/adherence/live?agentId=${LONG}`)).toEqual({ status: 400, text: expect.stringContaining('"agentId: must be at most 200 characters"') });
  });

  it('answers a padded agent of another tenant byte for byte as one there is not', async () => {
    const other = await get('/api/v1/adherence/live?agentId=%20bank-a1%20');
    expect(other).toEqual(await get('/api/v1/adherence/live?agentId=bank-a1'));
    expect(other).toEqual({ ...(await get('/api/v1/adherence/live?agentId=nosuch')), text: (await get('/api/v1/adherence/live?agentId=nosuch')).text.replaceAll('nosuch', 'bank-a1') });
    expect(other.status).toBe(404);
  });

  it('reads ?tenant=" acme" as acme where one tenant is asked, and a padded other tenant as one there is not', async () => {
    const plain = await get('/api/v1/queues/q/intervals?tenant=acme');
    expect(plain.status).toBe(200);
    expect(await get('/api/v1/queues/q/intervals?tenant=%20acme%20')).toEqual(plain);
    expect(await get('/api/v1/queues/q/intervals?tenant=%20bank')).toEqual(await get('/api/v1/queues/q/intervals?tenant=nosuch'));
    expect(await get('/api/v1/queues/q/intervals?tenant=%20')).toEqual({ status: 400, text: expect.stringContaining('"tenant: empty; give a tenant id or leave the parameter out"') });
  });

  it('refuses an over-long tenant in a list, naming it, whoever asks', async () => {
    for (const token of [ACME_VIEW, ADMIN]) expect(await get(`/api/v1/snapshot?tenant=acme,${LONG}`, token)).toEqual({ status: 400, text: expect.stringContaining('"tenant: must be at most 200 characters"') });
  });
});
