import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Packet } from 'socket.io-parser';
import { missedUpdate, withQueueUpdate } from '../../client/src/lib/version-gap.ts';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../server/protocol/heartbeat.ts';
import type { Ack, AgentPage, ClientToServer, ServerToClient, SubscribeRequest, Update, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type FloorSocket = Socket<ServerToClient, ClientToServer>;
let server: Awaited<ReturnType<typeof startServer>>;

// Pushes only when the test calls flush(), so each cycle is under the test's control.
beforeAll(async () => {
  server = await startServer();
  server.floor.hub.stop();
  const logins = ['acme', 'bank'].flatMap((tenant) =>
    ['a1', 'a2', 'a3'].map((id) => ev('agent.login', '09:00:00', { tenant, agentId: id, name: `${tenant} ${id}`, queues: ['support'], state: 'available' })),
  );
  expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
});
afterAll(() => server.stop());

async function connected(): Promise<FloorSocket> {
  const s = server.socket();
  await new Promise<void>((r) => s.once('connect', () => r()));
  return s;
}
function subscribe(s: FloorSocket, req: SubscribeRequest): Promise<Ack<VersionedSnapshot>> {
  return new Promise((r) => s.emit('subscribe', req, r));
}
function page(s: FloorSocket, req: Parameters<ClientToServer['agents:page']>[0]): Promise<Ack<AgentPage>> {
  return new Promise((r) => s.emit('agents:page', req, r));
}
function collect(s: FloorSocket): Update[] {
  const got: Update[] = [];
  s.on('update', (u) => got.push(u));
  return got;
}
/** Whether a value is a subscribe answer ({ ok, data } with data.agentCount). */
function isAnswer(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'data' in v && typeof v.data === 'object' && v.data !== null && 'agentCount' in v.data;
}
const isUpdate = (p: Packet) => Array.isArray(p.data) && p.data[0] === 'update';
const settle = () => new Promise((r) => setTimeout(r, 150));
let seq = 0;
/** Puts one agent of a tenant on a break, so that tenant's scope has a change to push. */
async function change(tenant: string): Promise<void> {
  const at = `09:1${seq % 10}:${String(10 + seq).slice(-2)}`;
  seq++;
  const e = ev('agent.state', at, { tenant, agentId: 'a1', state: seq % 2 ? 'aux' : 'available', ...(seq % 2 ? { reason: 'break' } : {}) });
  expect((await server.post('/api/v1/events', ndjson([e]))).status).toBe(200);
}

describe('hub at scale: shared snapshots, one encoding per room, versions, pages', () => {
  it('answers a burst of identical subscriptions from one snapshot build, and another scope from its own', async () => {
    server.floor.hub.flush(); // the logins of beforeAll go out: nothing is dirty from here
    const before = server.floor.hub.phases.snapshotBuilds;
    const sockets = await Promise.all(Array.from({ length: 20 }, connected));
    const stringify = vi.spyOn(JSON, 'stringify');
    const answers = await Promise.all(sockets.map((s) => subscribe(s, { tenants: ['acme'] })));
    // Serialisations of a snapshot answer (the only JSON holding `agentCount`), alone or as a packet's arguments.
    const snapshotEncodes = stringify.mock.calls.filter(([v]) => isAnswer(v) || (Array.isArray(v) && isAnswer(v[0]))).length;
    // Serialisations of agent views (objects with a boardState): the answer's agents are written one by one.
    const agentEncodes = stringify.mock.calls.filter(([v]) => typeof v === 'object' && v !== null && 'boardState' in v).length;
    stringify.mockRestore();
    for (const a of answers) expect(a.ok).toBe(true);
    // No push cycle ran in between (pushes wait for flush()), so 20 answers cost 1 build, each of
    // its three agents written once (unchanged when the answer was joined) and the answer never
    // serialised as an object (it is joined from text once, not per socket).
    expect(server.floor.hub.phases.snapshotBuilds - before).toBe(1);
    expect(agentEncodes).toBe(3);
    expect(snapshotEncodes).toBe(0);
    // A push cycle with nothing changed keeps the snapshot: one more subscriber, no new build.
    server.floor.hub.flush();
    const late = await connected();
    expect((await subscribe(late, { tenants: ['acme'] })).ok).toBe(true);
    expect(server.floor.hub.phases.snapshotBuilds - before).toBe(1);
    // A change starts a new cycle: the next subscriber gets a fresh build.
    await change('acme');
    server.floor.hub.flush();
    expect((await subscribe(late, { tenants: ['acme'] })).ok).toBe(true);
    expect(server.floor.hub.phases.snapshotBuilds - before).toBe(2);
    late.disconnect();
    const other = await connected();
    const b = await subscribe(other, { tenants: ['bank'] });
    expect(server.floor.hub.phases.snapshotBuilds - before).toBe(3);
    if (!answers[0].ok || !b.ok) throw new Error('subscribe failed');
    expect(answers[0].data.agents.map((a) => a.tenant)).toEqual(['acme', 'acme', 'acme']);
    expect(b.data.agents.map((a) => a.tenant)).toEqual(['bank', 'bank', 'bank']);
    for (const s of [...sockets, other]) s.disconnect();
  });

  it('leaves agent rows out of the snapshot when asked, and counts them', async () => {
    const s = await connected();
    const a = await subscribe(s, { tenants: ['acme'], agents: false });
    expect(a.ok && { rows: a.data.agents.length, count: a.data.agentCount }).toEqual({ rows: 0, count: 3 });
    s.disconnect();
  });

  it('encodes each update once per room, however many sockets share the room', async () => {
    const room1 = await Promise.all([connected(), connected(), connected()]);
    const room2 = await connected();
    for (const s of room1) expect((await subscribe(s, { tenants: ['acme'] })).ok).toBe(true);
    expect((await subscribe(room2, {})).ok).toBe(true);
    const got1 = room1.map(collect);
    const got2 = collect(room2);
    const encoder = server.floor.io.encoder;
    const encode = vi.spyOn(encoder, 'encode');
    await change('acme');
    server.floor.hub.flush();
    await settle();
    const updateEncodes = encode.mock.calls.filter(([p]) => isUpdate(p)).length;
    encode.mockRestore();
    // An acme change reaches both rooms (acme, and everything): 2 encodings, 4 deliveries.
    expect(got1.map((g) => g.length)).toEqual([1, 1, 1]);
    expect(got2.length).toBe(1);
    expect(updateEncodes).toBe(2);
    for (const s of [...room1, room2]) s.disconnect();
  });

  it('sends a screen that follows several tenants one message per cycle, whichever of them changed', async () => {
    const s = await connected();
    expect((await subscribe(s, { tenants: ['acme', 'bank'] })).ok).toBe(true);
    const live = await new Promise<Ack<unknown[]>>((r) => s.emit('adherence:subscribe', { tenants: ['acme', 'bank'] }, r));
    expect(live.ok).toBe(true);
    const events: string[] = [];
    s.onAny((event) => events.push(event));
    const got = collect(s);
    let adherence: string[] = [];
    s.on('adherence', (list) => (adherence = list.map((a) => a.tenant).sort()));
    await change('acme');
    await change('bank');
    server.floor.hub.flush();
    server.floor.hub.pushAdherence();
    await settle();
    // Both tenants changed in the cycle: 1 update holding both agents, and 1 adherence message with both tenants.
    expect(events.sort()).toEqual(['adherence', 'update']);
    expect(got[0].agents.map((a) => a.tenant).sort()).toEqual(['acme', 'bank']);
    expect(adherence).toEqual(['acme', 'bank']);
    s.disconnect();
  });

  it('chains versions: each update builds on the last one the room got, so a screen can see a gap', async () => {
    const acme = await connected();
    const bank = await connected();
    expect((await subscribe(bank, { tenants: ['bank'] })).ok).toBe(true);
    const snap = await subscribe(acme, { tenants: ['acme'] });
    if (!snap.ok) throw new Error(snap.error);
    const got = collect(acme);
    // acme changes, then only bank changes (only bank's room hears it), then acme again.
    await change('acme');
    server.floor.hub.flush();
    await change('bank');
    server.floor.hub.flush();
    await change('acme');
    server.floor.hub.flush();
    await settle();
    expect(got.length).toBe(2);
    const [u1, u2] = got;
    expect(u1.base).toBeLessThanOrEqual(snap.data.version);
    expect(u1.version).toBe(snap.data.version + 1);
    // The bank-only cycle took version +2 without sending to acme's room: acme's next update
    // is +3 and builds on +1, the last it got, so the screen sees no gap.
    expect(u2).toMatchObject({ base: u1.version, version: snap.data.version + 3 });
    expect(missedUpdate(snap.data.version, u1)).toBe(false);
    expect(missedUpdate(u1.version!, u2)).toBe(false);
    // A screen that had only the snapshot and then got u2 (u1 lost) must ask again.
    expect(missedUpdate(snap.data.version, u2)).toBe(true);
    acme.disconnect();
    bank.disconnect();
  });

  it('sends changed fields of queues the screen holds, which bring its snapshot to the next one exactly', async () => {
    const s = await connected();
    const snap = await subscribe(s, { tenants: ['acme'] });
    if (!snap.ok) throw new Error(snap.error);
    const raw: string[] = [];
    s.io.engine.on('packet', (p) => typeof p.data === 'string' && p.data.startsWith('2["update"') && raw.push(p.data));
    const got = collect(s);
    await change('acme'); // a1 goes on a break (or back): support's agent counts change
    server.floor.hub.flush();
    await settle();
    expect(got.length).toBe(1);
    const [u] = got;
    // support was pushed before (the first flush): a patch, no whole row.
    expect(u.queues).toEqual([]);
    expect(u.queuePatches?.map((p) => p.key)).toEqual(['4:acme/support']);
    const screen = withQueueUpdate(Object.fromEntries(snap.data.queues.map((q) => [q.key, q])), u);
    // A screen subscribing now gets the floor of this push: the patched rows equal its queues.
    const fresh = await subscribe(await connected(), { tenants: ['acme'] });
    if (!fresh.ok) throw new Error(fresh.error);
    expect(fresh.data.version).toBe(u.version);
    expect(Object.values(screen!)).toEqual(fresh.data.queues);
    // The patch is a small part of the view it changes (a whole support view is a few KB).
    const whole = JSON.stringify(fresh.data.queues[0]).length;
    expect(raw.length).toBe(1);
    expect(raw[0].length).toBeLessThan(whole / 2);
    s.disconnect();
  });

  it('sends nothing to a room with nothing new, and the clock only when it runs apart from real time', async () => {
    const s = await connected();
    expect((await subscribe(s, { tenants: ['bank'] })).ok).toBe(true);
    const heard: string[] = [];
    s.onAny((event) => heard.push(event));
    server.floor.hub.flush();
    // Five seconds of real time and engine time together (a live floor's clock): nothing to say.
    server.clock.now += 5000;
    server.floor.hub.engine.tick(server.clock.now);
    for (let i = 0; i < 3; i++) server.floor.hub.flush();
    await settle();
    expect(heard).toEqual([]);
    // The engine clock jumps 60 s while 2 s of real time pass (a simulated floor): the screen is
    // told the clock, once, since it would otherwise extrapolate 58 s wrong.
    server.floor.hub.engine.tick(server.clock.now + 62_000);
    server.clock.now += 2000;
    server.floor.hub.flush();
    server.floor.hub.flush();
    await settle();
    expect(heard).toEqual(['tick']);
    s.disconnect();
  });

  it('spreads a cycle over turns of the loop, one room at a time at budget 0, and runs a cycle that came due meanwhile after it', async () => {
    const hub = server.floor.hub;
    const sockets = await Promise.all([connected(), connected(), connected()]);
    const scopes: SubscribeRequest[] = [{ tenants: ['acme'] }, { tenants: ['bank'] }, { tenants: ['acme', 'bank'] }];
    const snaps = await Promise.all(sockets.map((s, i) => subscribe(s, scopes[i])));
    const got = sockets.map(collect);
    await change('acme');
    await change('bank');
    hub.sendBudgetMs = 0;
    try {
      hub.flush();
      // Three rooms, each with news: the first message went at once, the other two wait their turn.
      expect(hub.unsent).toBe(2);
      hub.flush(); // due meanwhile: it waits for the last two messages and then finds nothing new
      expect(hub.unsent).toBe(2);
      await settle();
      expect(hub.unsent).toBe(0);
    } finally {
      hub.sendBudgetMs = 10;
    }
    // Every room got its one update of the cycle, and it builds on the screen's snapshot.
    expect(got.map((g) => g.length)).toEqual([1, 1, 1]);
    const version = got[0][0].version;
    for (const [i, [u]] of got.entries()) {
      const snap = snaps[i];
      if (!snap.ok) throw new Error(snap.error);
      expect(u.version).toBe(version);
      expect(missedUpdate(snap.data.version, u)).toBe(false);
    }
    for (const s of sockets) s.disconnect();
  });

  it('keeps quiet screens alive with the transport heartbeat', () => {
    const opts = server.floor.io.engine.opts;
    expect({ pingInterval: opts.pingInterval, pingTimeout: opts.pingTimeout }).toEqual({ pingInterval: PING_INTERVAL_MS, pingTimeout: PING_TIMEOUT_MS });
  });

  it('pages the board of the subscription within bounds, and names the bad field', async () => {
    // A tenant of its own, untouched by the other tests: three agents available since 09:00.
    const logins = ['a1', 'a2', 'a3'].map((id) => ev('agent.login', '09:00:00', { tenant: 'cafe', agentId: id, name: `cafe ${id}`, queues: ['support'], state: 'available' }));
    expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
    const s = await connected();
    expect((await subscribe(s, { tenants: ['cafe'], agents: false })).ok).toBe(true);
    const p = await page(s, { offset: 1, limit: 5 });
    if (!p.ok) throw new Error(p.error);
    // The scope is cafe only: 3 agents in name order (same state, same since), the window from the second holds 2.
    expect({ total: p.data.total, offset: p.data.offset, rows: p.data.rows.map((r) => r.key) }).toEqual({ total: 3, offset: 1, rows: ['4:cafe/a2', '4:cafe/a3'] });
    const big = await page(s, { offset: 0, limit: 501 });
    expect(big.ok ? 'ok' : big.error).toMatch(/^agents:page: limit/);
    const neg = await page(s, { offset: -1, limit: 5 });
    expect(neg.ok ? 'ok' : neg.error).toMatch(/^agents:page: offset/);
    s.disconnect();
  });

  it('encodes a board window once per push cycle for every screen of the scope that asks for it, and anew after a change', async () => {
    const logins = ['a1', 'a2', 'a3'].map((id) => ev('agent.login', '09:00:00', { tenant: 'deli', agentId: id, name: `deli ${id}`, queues: ['support'], state: 'available' }));
    expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
    server.floor.hub.flush();
    const screens = await Promise.all(Array.from({ length: 10 }, connected));
    for (const s of screens) expect((await subscribe(s, { tenants: ['deli'], agents: false })).ok).toBe(true);
    // A page answer is the only JSON with byBoardState, alone or as a packet's arguments.
    const isPage = (v: unknown) => typeof v === 'object' && v !== null && 'data' in v && typeof v.data === 'object' && v.data !== null && 'byBoardState' in v.data;
    const stringify = vi.spyOn(JSON, 'stringify');
    const pageEncodes = () => stringify.mock.calls.filter(([v]) => isPage(v) || (Array.isArray(v) && isPage(v[0]))).length;
    try {
      const first = await Promise.all(screens.map((s) => page(s, { offset: 0, limit: 2 })));
      // Ten screens, one window: one encoding, the same rows for all (available since 09:00, by name).
      expect(pageEncodes()).toBe(1);
      for (const p of first) expect(p.ok && p.data.rows.map((r) => r.id)).toEqual(['a1', 'a2']);
      // Another window is its own answer.
      const second = await page(screens[0], { offset: 1, limit: 2 });
      expect(second.ok && second.data.rows.map((r) => r.id)).toEqual(['a2', 'a3']);
      expect(pageEncodes()).toBe(2);
      // Asks with the same answer share it: the search as compared (trimmed, any case), states as a
      // set, reason codes only with a search. Four asks, one more encoding.
      const same = await Promise.all([
        page(screens[1], { offset: 0, limit: 3, search: ' DELI ', boardStates: ['available', 'aux'] }),
        page(screens[2], { offset: 0, limit: 3, search: 'deli', boardStates: ['aux', 'available', 'aux'] }),
        page(screens[3], { offset: 0, limit: 3, search: 'Deli', boardStates: ['aux', 'available'], searchReasons: [] }),
        page(screens[4], { offset: 0, limit: 3, search: 'deli', boardStates: ['available', 'aux'] }),
      ]);
      for (const p of same) expect(p.ok && p.data.rows.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
      expect(pageEncodes()).toBe(3);
      // a1 goes on a break: the next cycle's window is built and encoded again, with a1 last (aux after available).
      expect((await server.post('/api/v1/events', ndjson([ev('agent.state', '09:20:00', { tenant: 'deli', agentId: 'a1', state: 'aux', reason: 'break' })]))).status).toBe(200);
      server.floor.hub.flush();
      const after = await Promise.all(screens.slice(0, 3).map((s) => page(s, { offset: 0, limit: 3 })));
      expect(pageEncodes()).toBe(4);
      for (const p of after) expect(p.ok && p.data.rows.map((r) => `${r.id} ${r.state}`)).toEqual(['a2 available', 'a3 available', 'a1 aux']);
    } finally {
      stringify.mockRestore();
      for (const s of screens) s.disconnect();
    }
  });
});

