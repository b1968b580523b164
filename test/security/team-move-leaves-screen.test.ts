/**
 * An agent that logs in to another team leaves a team's screen. Updates carry changed agents
 * whole and never a removal, so a screen kept from `subscribe` plus updates (the API's way,
 * docs/api.md) held the moved agent forever: its room no longer saw it, so heard nothing. The
 * team's screen (`subscribe({ teams })`) and a team lead's own (its person scope) alike. The
 * server now sends such a room an update built on a version it never had, which a screen takes
 * for a missed one and subscribes again (as a tenant's changed name setting does).
 * acme: a1 and a2 of team red, a3 of blue; the team lead leads blue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SubscribeRequest, Update, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { openScreen, subscribeScreen, type FloorSocket } from '../helpers/floor-screen.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'team-move-admin-0123456789ab';
const T = (at: string) => `2026-11-20T${at}+08:00`;
const login = (agentId: string, teamId: string, at: string, n = 0) => ({ id: `l-${agentId}-${n}`, type: 'agent.login', ts: T(at), tenant: 'acme', agentId, name: `Agent ${agentId}`, queues: ['q1'], state: 'available', teamId });

let server: Awaited<ReturnType<typeof startServer>>;
let leadCookie = '';

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  expect((await (await server.post('/api/v1/events', ndjson([login('a1', 'red', '09:00:00'), login('a2', 'red', '09:00:00'), login('a3', 'blue', '09:00:00')]), ADMIN)).json()).accepted).toBe(3);
  leadCookie = (await addPeople(server.base, ADMIN, [{ name: 'bluelead', role: 'teamLead', tenants: ['acme'], teams: ['blue'] }], 'correct horse battery')).bluelead;
});
afterAll(() => server.stop());

const screen = (auth: { token: string } | { cookie: string }) => openScreen(server, auth);
const subscribe = subscribeScreen;
const agentIds = (a: Ack<VersionedSnapshot>) => (a.ok ? a.data.agents.map((v) => v.id).sort() : a.error);

/**
 * The screen's agents after `move` is posted and pushed, kept as the API says a screen keeps
 * them: the answer, then each update's agents upserted by key; an update built on a version newer
 * than the screen's (`base` above it) is a missed one, and the screen subscribes again.
 */
async function agentsAfterMove(s: FloorSocket, req: SubscribeRequest, move: object): Promise<string[]> {
  const first = await subscribe(s, req);
  if (!first.ok) throw new Error(first.error);
  let have = first.data.version;
  const rows = new Map(first.data.agents.map((a) => [a.key, a.id]));
  let resubscribed = false;
  const updates: Update[] = [];
  s.on('update', (u) => updates.push(u));
  expect((await server.post('/api/v1/events', ndjson([move]), ADMIN)).status).toBe(200);
  server.floor.hub.flush();
  // The move's update (or the call to subscribe again) goes out with the flush's cycle; a later turn would have sent it.
  await new Promise((r) => setTimeout(r, 300));
  for (const u of updates) {
    if (u.base !== undefined && u.base > have) {
      const again = await subscribe(s, req);
      if (!again.ok) throw new Error(again.error);
      rows.clear();
      for (const a of again.data.agents) rows.set(a.key, a.id);
      have = again.data.version;
      resubscribed = true;
      break;
    }
    for (const a of u.agents) rows.set(a.key, a.id);
    if (u.version !== undefined) have = u.version;
  }
  s.off('update');
  expect(resubscribed).toBe(true);
  return [...rows.values()].sort();
}

describe('an agent moving to another team', () => {
  it("leaves a team's screen (subscribe with teams)", async () => {
    const s = await screen({ token: ADMIN });
    expect(await agentsAfterMove(s, { teams: [{ tenant: 'acme', id: 'red' }] }, login('a1', 'blue', '09:05:00', 1))).toEqual(['a2']);
    // The screen of both teams keeps it: nothing to drop, so no call to subscribe again.
    const updates: Update[] = [];
    const both = await subscribe(s, { teams: [{ tenant: 'acme', id: 'red' }, { tenant: 'acme', id: 'blue' }] });
    expect(agentIds(both)).toEqual(['a1', 'a2', 'a3']);
    s.on('update', (u) => updates.push(u));
    expect((await server.post('/api/v1/events', ndjson([login('a2', 'blue', '09:06:00', 1)]), ADMIN)).status).toBe(200);
    server.floor.hub.flush();
    await expect.poll(() => updates.flatMap((u) => u.agents.map((a) => a.id))).toContain('a2');
    expect(updates.every((u) => u.base === undefined || !both.ok || u.base <= both.data.version)).toBe(true);
    s.disconnect();
  });

  it("leaves a team lead's screen of its own team, and comes back to it", async () => {
    // All three are blue by now (the test above moved a1 and a2).
    const s = await screen({ cookie: leadCookie });
    expect(await agentsAfterMove(s, {}, login('a3', 'green', '09:07:00', 1))).toEqual(['a1', 'a2']);
    // a3 comes back: it reaches the screen as an update, as it did.
    const updates: Update[] = [];
    s.on('update', (u) => updates.push(u));
    expect((await server.post('/api/v1/events', ndjson([login('a3', 'blue', '09:08:00', 2)]), ADMIN)).status).toBe(200);
    server.floor.hub.flush();
    await expect.poll(() => updates.flatMap((u) => u.agents.map((a) => a.id))).toContain('a3');
    s.disconnect();
  });

  it("leaves a team's screen of some queues", async () => {
    // By now a1, a2 and a3 are blue and green: a5 is red's only agent.
    expect((await server.post('/api/v1/events', ndjson([login('a5', 'red', '09:09:00')]), ADMIN)).status).toBe(200);
    server.floor.hub.flush();
    const s = await screen({ token: ADMIN });
    expect(await agentsAfterMove(s, { queues: [{ tenant: 'acme', id: 'q1' }], teams: [{ tenant: 'acme', id: 'red' }] }, login('a5', 'blue', '09:10:00', 1))).toEqual([]);
    s.disconnect();
  });

  it('leaves a screen of some queues when a login takes that queue from its skills', async () => {
    // q2's agents: a6 and a7, skilled for q2 only.
    const skilled = (agentId: string, queues: string[], at: string, n: number) => ({ ...login(agentId, 'red', at, n), queues });
    expect((await server.post('/api/v1/events', ndjson([skilled('a6', ['q2'], '09:11:00', 0), skilled('a7', ['q2'], '09:11:00', 0)]), ADMIN)).status).toBe(200);
    server.floor.hub.flush();
    const s = await screen({ token: ADMIN });
    // a6 is reskilled to q3 at 09:12: the q2 screen drops it.
    expect(await agentsAfterMove(s, { queues: [{ tenant: 'acme', id: 'q2' }] }, skilled('a6', ['q3'], '09:12:00', 1))).toEqual(['a7']);
    s.disconnect();
  });
});

