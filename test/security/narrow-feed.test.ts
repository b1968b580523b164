/**
 * What a team lead or an agent may read of a tenant beyond its people: the feed's anomalies name
 * any agent, call and queue of the tenant, so they are for roles that see all of them (403 for
 * the narrow ones); the calendar shows an agent only the special days of every queue and those
 * of queues it serves, naming only those queues.
 *
 * A TV tile sums every queue of its client, so an agent sees one only when it serves them all.
 *
 * Tenant acme: a1 (team t1, serves cards), a2 (t2, loans), a5 (t2, both). lead1 leads t1; ag1 is
 * agent a1, ag5 agent a5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { TvClientToServer, TvServerToClient } from '../../server/protocol/socket.ts';
import { addPeople, LEAD_AND_AGENT } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'narrow-feed-admin-0123456789';
const PW = 'correct horse battery';
const DATE = '2026-11-20';
const T = (at: string) => `${DATE}T${at}+08:00`;
const acme = (id: string, type: string, at: string, f: object) => ({ id, type, ts: T(at), tenant: 'acme', ...f });

let server: Awaited<ReturnType<typeof startServer>>;
const cookie: Record<string, string> = {};
type Who = 'admin' | 'lead1' | 'ag1' | 'ag5';

async function get(path: string, who: Who) {
  const headers: Record<string, string> = who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] };
  const res = await fetch(server.base + path, { headers });
  return { status: res.status, body: await res.json() };
}

const send = (method: string, path: string, body: unknown) =>
  fetch(server.base + path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  const events = [
    acme('1', 'agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['cards'], state: 'available' }),
    acme('2', 'agent.login', '08:00:00', { agentId: 'a2', name: 'Bo Chen', teamId: 't2', queues: ['loans'], state: 'available' }),
    acme('7', 'agent.login', '08:00:00', { agentId: 'a5', name: 'Di Hsu', teamId: 't2', queues: ['cards', 'loans'], state: 'available' }),
    acme('3', 'call.queued', '09:00:00', { callId: 'c1', queueId: 'loans' }),
    acme('4', 'call.answered', '09:00:05', { callId: 'c1', queueId: 'loans', agentId: 'a2' }),
    // Ended twice at one instant: an anomaly at once, whose detail names the call a2 took.
    acme('5', 'call.ended', '09:02:00', { callId: 'c1', agentId: 'a2' }),
    acme('6', 'call.ended', '09:02:00', { callId: 'c1', agentId: 'a2' }),
  ];
  const posted = await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json());
  expect(posted).toMatchObject({ accepted: 7, anomalies: 1 });
  const days = [
    { date: '2026-12-25', kind: 'holiday', name: 'Constitution Day' },
    { date: '2026-12-01', kind: 'campaign', name: 'Loan week', queueIds: ['loans'] },
    { date: '2026-12-02', kind: 'campaign', name: 'Card and loan fair', queueIds: ['cards', 'loans'] },
  ];
  expect((await send('PUT', '/api/v1/calendar?tenant=acme', { days })).status).toBe(200);
  Object.assign(cookie, await addPeople(server.base, ADMIN, [...LEAD_AND_AGENT, { name: 'ag5', role: 'agent', tenants: ['acme'], agentId: 'a5' }], PW));
});
afterAll(async () => {
  await server.stop();
});

describe("the feed's anomalies", () => {
  it('are shown to a role that sees every agent, with the detail that names them', async () => {
    const r = await get('/api/v1/anomalies?tenant=acme', 'admin');
    expect(r.status).toBe(200);
    expect(r.body.tenants[0].recent).toEqual([expect.objectContaining({ eventId: '6', reason: 'ended-twice', detail: 'call c1 ended twice' })]);
  });

  it('are refused to a team lead and an agent, saying why', async () => {
    for (const who of ['lead1', 'ag1'] as const) {
      const r = await get('/api/v1/anomalies?tenant=acme', who);
      expect([who, r.status]).toEqual([who, 403]);
      // They are people, signed in: named so, not as tokens.
      expect(r.body.error).toBe(`person "${who}" may not read the feed's anomalies (they name every agent and queue of a tenant)`);
      expect(JSON.stringify(r.body)).not.toContain('c1');
    }
  });
});

describe('the calendar', () => {
  const lines = (days: { name: string; queueIds?: string[] }[]) => days.map((d) => [d.name, d.queueIds ?? 'every queue']).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it('shows an agent the days of every queue and of the queues it serves, naming only those', async () => {
    const r = await get('/api/v1/calendar?tenant=acme', 'ag1');
    expect(r.status).toBe(200);
    expect(r.body.custom).toBe(true);
    expect(lines(r.body.days)).toEqual([
      ['Card and loan fair', ['cards']],
      ['Constitution Day', 'every queue'],
    ]);
    expect(JSON.stringify(r.body)).not.toContain('loans');
  });

  it('shows a team lead, who sees every queue, every day as saved', async () => {
    for (const who of ['lead1', 'admin'] as const) {
      const r = await get('/api/v1/calendar?tenant=acme', who);
      expect(lines(r.body.days)).toEqual([
        ['Card and loan fair', ['cards', 'loans']],
        ['Constitution Day', 'every queue'],
        ['Loan week', ['loans']],
      ]);
    }
  });
});

describe('the TV view', () => {
  /** The clients of a reader's TV frame, or its refusal. */
  async function tv(who: 'lead1' | 'ag1' | 'ag5', tenants?: string[]): Promise<string[] | string> {
    const socket: Socket<TvServerToClient, TvClientToServer> = connect(server.base + '/tv', { extraHeaders: { cookie: cookie[who] }, transports: ['websocket'], reconnection: false });
    try {
      const r = await socket.emitWithAck('tv:subscribe', tenants ? { tenants } : {});
      return r.ok ? r.data.frame.tiles.map((t) => t.tenant) : r.error;
    } finally {
      socket.disconnect();
    }
  }

  it("shows an agent a client's tile only when it serves every queue of the client, and refuses it like an unknown client", async () => {
    expect(await tv('ag1')).toEqual([]);
    expect(await tv('ag1', ['acme'])).toBe('unknown tenant "acme"');
    expect(await tv('ag1', ['ghost'])).toBe('unknown tenant "ghost"');
    expect(await tv('ag5')).toEqual(['acme']);
    expect(await tv('ag5', ['acme'])).toEqual(['acme']);
  });

  it('shows a team lead, who sees every queue, its clients', async () => {
    expect(await tv('lead1')).toEqual(['acme']);
  });
});
