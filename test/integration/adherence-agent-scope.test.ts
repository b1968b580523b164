import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AdherenceLive, TenantAdherence } from '../../server/protocol/adherence.ts';
import type { ClientToServer, ServerToClient } from '../../server/protocol/socket.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;
/** Session cookie of each signed-in user. */
const cookie: Record<string, string> = {};
const sockets: Socket<ServerToClient, ClientToServer>[] = [];

/**
 * acme at 09:31: a1 and a2 (t1) scheduled A's shift (phone from 09:00) and logged in at 09:00;
 * a3 (t2) logged in with no schedule. ag1 is the agent user of a1, ag3 of a3.
 */
beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  const segments = ['a1', 'a2'].flatMap((agentId) => SHIFT.map(([from, to, activity]) => ({ tenant: 'acme', agentId, start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity })));
  const put = await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=acme`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
  expect([put.status, await put.text()]).toEqual([200, expect.anything()]);
  const logins = [
    ['a1', 't1'],
    ['a2', 't1'],
    ['a3', 't2'],
  ].map(([agentId, teamId]) => ({ id: agentId, type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', agentId, teamId, queues: ['q1'], state: 'available' }));
  expect((await (await server.post('/api/v1/events', ndjson(logins), ADMIN)).json()).accepted).toBe(3);
  for (const [name, agentId] of [
    ['ag1', 'a1'],
    ['ag3', 'a3'],
  ]) {
    const made = await fetch(server.base + '/api/v1/users', { method: 'POST', body: JSON.stringify({ name, role: 'agent', tenants: ['acme'], agentId, password: PW }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(made.status).toBe(201);
    const session = await fetch(server.base + '/api/v1/session', { method: 'POST', body: JSON.stringify({ name, password: PW }), headers: { 'content-type': 'application/json' } });
    cookie[name] = session.headers.getSetCookie()[0].split(';')[0];
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.stop();
});

/** The live adherence `who` (a user, or the admin token) subscribes to, and GET /adherence/live's answer, with `query`. */
async function both(who: string, req: { teamId?: string }, query = '') {
  const auth = who === 'admin' ? { auth: { token: ADMIN } } : { extraHeaders: { cookie: cookie[who] } };
  const s: Socket<ServerToClient, ClientToServer> = connect(server.base, { ...auth, transports: ['websocket'], reconnection: false });
  sockets.push(s);
  const res = await s.emitWithAck('adherence:subscribe', { tenants: ['acme'], limit: 0, ...req });
  if (!res.ok) throw new Error(res.error);
  const headers: Record<string, string> = who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] };
  const rest = (await (await fetch(`${server.base}/api/v1/adherence/live?tenant=acme&limit=0${query}`, { headers })).json()) as AdherenceLive;
  return { socket: res.data[0] as TenantAdherence, rest };
}

describe('how many agents live adherence checks, within what the caller may see', () => {
  it('is 1 for the agent user of a scheduled agent, though it gets no team figures to sum (socket and REST)', async () => {
    const { socket, rest } = await both('ag1', {});
    for (const live of [socket, rest]) expect(live).toMatchObject({ teams: [], agentCount: 1, scheduledCount: 1 });
  });

  it('is 0 for the agent user of an unscheduled agent, and 2 for the admin (a1, a2; a3 unscheduled), 2 of team t1, 0 of t2', async () => {
    expect((await both('ag3', {})).socket).toMatchObject({ agentCount: 1, scheduledCount: 0 });
    const all = await both('admin', {});
    for (const live of [all.socket, all.rest]) expect(live).toMatchObject({ agentCount: 3, scheduledCount: 2 });
    const t1 = await both('admin', { teamId: 't1' }, '&teamId=t1');
    for (const live of [t1.socket, t1.rest]) expect(live).toMatchObject({ agentCount: 2, scheduledCount: 2, teams: [{ id: 't1', agents: 2 }] });
    expect((await both('admin', { teamId: 't2' }, '&teamId=t2')).socket).toMatchObject({ agentCount: 1, scheduledCount: 0, teams: [] });
  });
});
