/**
 * A team's screen: `subscribe({ teams })` and `agents:page({ team })` narrow the agents to teams,
 * ids scoped by tenant. acme: a1 and a2 of team red, a3 of blue, a4 of no team; bank: b1 of a team
 * also called red. A team nobody is in, one of a tenant the token may not see and one of another
 * team lead's all give the same empty board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AgentPage, AgentPageFilter, Update, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { openScreen, subscribeScreen, type FloorSocket } from '../helpers/floor-screen.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'team-scope-admin-0123456789';
const ACME_VIEW = 'team-scope-acme-viewer-0123';
const T = (at: string) => `2026-11-20T${at}+08:00`;
const login = (tenant: string, agentId: string, teamId: string | undefined) => ({ id: `l-${tenant}-${agentId}`, type: 'agent.login', ts: T('09:00:00'), tenant, agentId, name: `Agent ${agentId}`, queues: ['q1'], state: 'available', ...(teamId ? { teamId } : {}) });

let server: Awaited<ReturnType<typeof startServer>>;
let leadCookie = '';

beforeAll(async () => {
  server = await startServer({
    FLOORBOARD_TOKENS: JSON.stringify([
      { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
      { token: ACME_VIEW, name: 'acme-wall', tenants: ['acme'], role: 'viewer' },
    ]),
  });
  const events = [login('acme', 'a1', 'red'), login('acme', 'a2', 'red'), login('acme', 'a3', 'blue'), login('acme', 'a4', undefined), login('bank', 'b1', 'red')];
  expect((await (await server.post('/api/v1/events', ndjson(events), ADMIN)).json()).accepted).toBe(5);
  leadCookie = (await addPeople(server.base, ADMIN, [{ name: 'bluelead', role: 'teamLead', tenants: ['acme'], teams: ['blue'] }], 'correct horse battery')).bluelead;
});
afterAll(() => server.stop());

const screen = (auth: { token: string } | { cookie: string }) => openScreen(server, auth);
const subscribe = subscribeScreen;
const page = (s: FloorSocket, req: AgentPageFilter) => new Promise<Ack<AgentPage>>((r) => s.emit('agents:page', req, r));
const ids = (a: Ack<VersionedSnapshot>) => (a.ok ? { agents: a.data.agents.map((v) => `${v.tenant}/${v.id}`).sort(), count: a.data.agentCount } : a.error);
const rows = (a: Ack<AgentPage>) => (a.ok ? { keys: a.data.rows.map((v) => `${v.tenant}/${v.id}`).sort(), total: a.data.total } : a.error);

describe('team scope', () => {
  it("subscribes to one tenant's team: its agents only, in the answer, the count, the board and the updates", async () => {
    const s = await screen({ token: ADMIN });
    const updates: Update[] = [];
    s.on('update', (u) => updates.push(u));
    expect(ids(await subscribe(s, { teams: [{ tenant: 'acme', id: 'red' }] }))).toEqual({ agents: ['acme/a1', 'acme/a2'], count: 2 });
    // With queues asked too (their agents are gathered another way): still the team's only.
    expect(ids(await subscribe(s, { queues: [{ tenant: 'acme', id: 'q1' }], teams: [{ tenant: 'acme', id: 'red' }] }))).toEqual({ agents: ['acme/a1', 'acme/a2'], count: 2 });
    // The queues are as asked (every queue here): a team's screen still shows its queues' tiles.
    const both = await subscribe(s, { teams: [{ tenant: 'acme', id: 'red' }, { tenant: 'bank', id: 'red' }], agents: false });
    expect(both.ok && both.data.agentCount).toBe(3);
    expect(both.ok && both.data.queues.map((q) => `${q.tenant}/${q.id}`).sort()).toEqual(['acme/q1', 'bank/q1']);
    expect(rows(await page(s, { offset: 0, limit: 50 }))).toEqual({ keys: ['acme/a1', 'acme/a2', 'bank/b1'], total: 3 });
    // a3 (blue) and a1 (red) go to aux: only a1's change reaches the red screen.
    const aux = (agentId: string, at: string) => ({ id: `x-${agentId}`, type: 'agent.state', ts: T(at), tenant: 'acme', agentId, state: 'aux', reason: 'break' });
    expect((await server.post('/api/v1/events', ndjson([aux('a3', '09:10:00'), aux('a1', '09:10:01')]), ADMIN)).status).toBe(200);
    server.floor.hub.flush();
    await expect.poll(() => updates.flatMap((u) => u.agents.map((a) => `${a.tenant}/${a.id}`))).toContain('acme/a1');
    expect(updates.flatMap((u) => u.agents.map((a) => `${a.tenant}/${a.id}`))).not.toContain('acme/a3');
    s.disconnect();
  });

  it('pages a board by team within the subscription, the tenant of the team counting (bank has a red team too)', async () => {
    const s = await screen({ token: ADMIN });
    expect((await subscribe(s, { agents: false })).ok).toBe(true);
    expect(rows(await page(s, { offset: 0, limit: 50, team: { tenant: 'acme', id: 'red' } }))).toEqual({ keys: ['acme/a1', 'acme/a2'], total: 2 });
    expect(rows(await page(s, { offset: 0, limit: 50, team: { tenant: 'bank', id: 'red' } }))).toEqual({ keys: ['bank/b1'], total: 1 });
    // A team with a tenant filter of another tenant leaves nobody.
    expect(rows(await page(s, { offset: 0, limit: 50, team: { tenant: 'bank', id: 'red' }, tenant: 'acme' }))).toEqual({ keys: [], total: 0 });
    const bad = await page(s, { offset: 0, limit: 50, team: { tenant: 'acme', id: '' } });
    expect(bad.ok ? 'ok' : bad.error).toMatch(/^agents:page: team\.id/);
    s.disconnect();
  });

  it("answers another tenant's team and another team lead's team exactly like a team nobody is in", async () => {
    const viewer = await screen({ token: ACME_VIEW });
    const other = await subscribe(viewer, { teams: [{ tenant: 'bank', id: 'red' }] });
    const none = await subscribe(viewer, { teams: [{ tenant: 'acme', id: 'ghost' }] });
    expect(ids(other)).toEqual({ agents: [], count: 0 });
    expect(JSON.stringify(other.ok && { ...other.data, version: 0, now: 0 })).toBe(JSON.stringify(none.ok && { ...none.data, version: 0, now: 0 }));
    expect(rows(await page(viewer, { offset: 0, limit: 50, team: { tenant: 'bank', id: 'red' } }))).toEqual(rows(await page(viewer, { offset: 0, limit: 50, team: { tenant: 'acme', id: 'ghost' } })));
    viewer.disconnect();
    const lead = await screen({ cookie: leadCookie });
    expect(ids(await subscribe(lead, {}))).toEqual({ agents: ['acme/a3'], count: 1 });
    expect(ids(await subscribe(lead, { teams: [{ tenant: 'acme', id: 'red' }] }))).toEqual({ agents: [], count: 0 });
    expect(rows(await page(lead, { offset: 0, limit: 50, team: { tenant: 'acme', id: 'red' } }))).toEqual({ keys: [], total: 0 });
    expect(ids(await subscribe(lead, { teams: [{ tenant: 'acme', id: 'blue' }] }))).toEqual({ agents: ['acme/a3'], count: 1 });
    lead.disconnect();
  });

  it('GET /snapshot takes ?team= (a team id in each tenant of the scope), within what the token may see', async () => {
    const agents = async (query: string, token: string) => {
      const res = await fetch(`${server.base}/api/v1/snapshot?${query}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      return res.status === 200 ? (body.agents as { tenant: string; id: string }[]).map((a) => `${a.tenant}/${a.id}`).sort() : [res.status, body.error];
    };
    expect(await agents('team=red&tenant=acme', ADMIN)).toEqual(['acme/a1', 'acme/a2']);
    expect(await agents('team=red', ADMIN)).toEqual(['acme/a1', 'acme/a2', 'bank/b1']);
    expect(await agents('team=red,blue&tenant=acme', ADMIN)).toEqual(['acme/a1', 'acme/a2', 'acme/a3']);
    // The acme viewer's red team is acme's: bank's red is not its to see.
    expect(await agents('team=red', ACME_VIEW)).toEqual(['acme/a1', 'acme/a2']);
    expect(await agents('team=ghost', ACME_VIEW)).toEqual([]);
    expect(await agents('team=', ADMIN)).toEqual([400, 'team: empty; give one or more, comma-separated, or leave the parameter out']);
    expect(await agents(`team=${Array.from({ length: 201 }, (_, i) => `t${i}`).join(',')}`, ADMIN)).toEqual([400, 'team: at most 200 values']);
  });

  it("reads a socket's team ids as GET /snapshot reads team=: trimmed, none empty; teams: [] is no team filter", async () => {
    const rest = async (query: string) => {
      const res = await fetch(`${server.base}/api/v1/snapshot?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const body = await res.json();
      return res.status === 200 ? { agents: (body.agents as { tenant: string; id: string }[]).map((a) => `${a.tenant}/${a.id}`).sort(), count: body.agents.length } : res.status;
    };
    const s = await screen({ token: ADMIN });
    const red = { agents: ['acme/a1', 'acme/a2'], count: 2 };
    // Event ids are trimmed on the way in, so acme's team is "red": a padded id names it, as team= does.
    expect([ids(await subscribe(s, { teams: [{ tenant: ' acme ', id: ' red ' }] })), await rest('tenant=%20acme%20&team=%20red%20')]).toEqual([red, red]);
    expect(rows(await page(s, { offset: 0, limit: 50, team: { tenant: 'acme ', id: 'red ' } }))).toEqual({ keys: red.agents, total: 2 });
    // An id of spaces only is empty: refused on both paths, not taken for a team nobody is in.
    const blank = await subscribe(s, { teams: [{ tenant: 'acme', id: '   ' }] });
    expect([blank.ok ? 'ok' : blank.error.slice(0, 'subscribe: teams.0.id'.length), await rest('tenant=acme&team=%20%20%20')]).toEqual(['subscribe: teams.0.id', 400]);
    // No teams at all is every agent: the socket's [] as its tenants: [] and queues: [] (a JSON list left empty on purpose), the REST parameter left out.
    const everyone = { agents: ['acme/a1', 'acme/a2', 'acme/a3', 'acme/a4', 'bank/b1'], count: 5 };
    expect([ids(await subscribe(s, { teams: [] })), ids(await subscribe(s, { tenants: [], queues: [], teams: [] })), await rest('')]).toEqual([everyone, everyone, everyone]);
    s.disconnect();
  });
});
