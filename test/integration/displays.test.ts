import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { TvClientToServer, TvServerToClient } from '../../server/protocol/socket.ts';
import type { TvHello } from '../../server/protocol/tv.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExampleTenCalls } from '../helpers/worked-example.ts';

const ADMIN = 'admin-token-0123456789';
const VIEW = 'viewer-token-0123456789';
const tokens = [
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: VIEW, name: 'supervisor', tenants: ['*'], role: 'viewer' },
];

let server: Awaited<ReturnType<typeof startServer>>;
const tvSockets: Socket[] = [];
function tvSocket(token: string): Socket<TvServerToClient, TvClientToServer> {
  const s: Socket<TvServerToClient, TvClientToServer> = connect(server.base + '/tv', { auth: { token }, transports: ['websocket'], reconnection: false });
  tvSockets.push(s);
  return s;
}
const json = (_body: unknown) => ({ 'content-type': 'application/json' });
async function createDisplay(body: unknown, token = ADMIN) {
  const res = await fetch(server.base + '/api/v1/displays', { method: 'POST', body: JSON.stringify(body), headers: { ...json(body), authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}
function hello(s: Socket<TvServerToClient, TvClientToServer>): Promise<TvHello> {
  return new Promise((resolve, reject) => s.emit('tv:subscribe', {}, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
  await server.post('/api/v1/events', ndjson(workedExampleTenCalls), ADMIN);
  await server.post('/api/v1/events', ndjson([{ id: 'j1', type: 'call.queued', ts: '2026-11-20T09:10:00+08:00', tenant: 'jade', callId: 'j1', queueId: 'jade-q' }]), ADMIN);
});
afterAll(async () => {
  for (const s of tvSockets) s.disconnect();
  await server.stop();
});

describe('executive TV displays', () => {
  it('are created only by admins, with each bad field named', async () => {
    expect((await createDisplay({ name: 'Lobby', tenants: ['default'] }, VIEW)).status).toBe(403);
    const noToken = await fetch(server.base + '/api/v1/displays', { method: 'POST', body: '{}', headers: json({}) });
    expect(noToken.status).toBe(401);
    const bad = await createDisplay({ name: '', tenants: [], rotationSeconds: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/name: .*tenants: .*rotationSeconds: /s);
    const unknown = await createDisplay({ name: 'Lobby', tenants: ['nosuch'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('tenants: unknown tenant "nosuch"');
  });

  it('shows the token once, lists displays without it, and lets the token read only TV figures of its tenants', async () => {
    const created = await createDisplay({ name: 'Lobby', tenants: ['default'], rotationSeconds: 20, lang: 'zh-TW' });
    expect(created.status).toBe(201);
    const { id, token, url } = created.body;
    expect(token).toMatch(/^fbd_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`${server.base}/?token=${token}&lang=zh-TW#/tv`);

    const list = await server.get('/api/v1/displays', ADMIN);
    expect(list.body.displays).toEqual([{ id, name: 'Lobby', tenants: ['default'], rotationSeconds: 20, lang: 'zh-TW', createdAt: '2026-11-20T01:31:00.000Z', createdBy: 'ops', revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(server.floor.directory.displays.get(id))).not.toContain(token);

    // The display token reads nothing else: REST and the floor namespace refuse it.
    expect((await server.get('/api/v1/snapshot', token)).status).toBe(403);
    const floorSocket = server.socket(token);
    const refused = await new Promise<string>((resolve) => floorSocket.on('connect_error', (e) => resolve(e.message)));
    expect(refused).toMatch(/forbidden/);

    const tv = tvSocket(token);
    const h = await hello(tv);
    expect(h.display).toEqual({ id, name: 'Lobby', rotationSeconds: 20, lang: 'zh-TW' });
    // Only its own tenant, even though jade has a call waiting.
    expect(h.frame.tiles.map((t) => t.tenant)).toEqual(['default']);
    const tile = h.frame.tiles[0];
    // Worked example (docs/metrics.md) with six more calls, three of them late (worked-example.ts), at 09:31:
    // SL = answeredInSL / (answered + abandoned − short) = (2 + 3) / (9 + 2 − 1) = 5 / 10 = 0.5, over ten calls;
    // abandon rate = (2 − 1) / (13 − 1) = 1/12; c7 still waiting since 09:29:50; a1 and a2 available.
    expect(tile.serviceLevelToday).toBe(0.5);
    expect(tile.slTarget).toEqual({ value: 0.8, shared: true });
    expect(tile.abandonRate).toBeCloseTo(1 / 12, 12);
    expect(tile.waiting).toBe(1);
    expect(tile.oldestWaitingSince).toBe(Date.parse('2026-11-20T09:29:50+08:00'));
    expect(tile.offeredToday).toBe(13);
    expect(tile.onPhones).toBe(2);
    // Nothing arrived since 09:30: this interval has no service level yet.
    expect(tile.serviceLevelInterval).toBeNull();
    // 50% of ten calls is judged: under the red line (80% − 10 points); 1/12 = 8.3% is past the 7% limit; no forecast, so staffing is not judged.
    expect(tile.verdict).toEqual({ serviceLevelToday: { status: 'red', met: false }, serviceLevelInterval: { status: 'none', met: null }, abandonRate: { status: 'red', met: false }, staffing: { status: 'none', met: null } });
    // The longest wait turns amber past the 20 s SL threshold and red past 60 s (the wallboard's).
    expect(tile.longestWaitThresholds).toEqual({ amber: 20, red: 60 });
    // The 8 hours up to the end of the 09:30 interval: 02:00 to 10:00, ticks at 04:00, 06:00, 08:00;
    // 16 half-hour points up to now; the 09:00 one (the 15th) holds the thirteen calls.
    expect(h.frame.trend).toEqual({ start: Date.parse('2026-11-20T02:00:00+08:00'), end: Date.parse('2026-11-20T10:00:00+08:00'), ticks: [4, 6, 8].map((hh) => Date.parse(`2026-11-20T0${hh}:00:00+08:00`)) });
    expect(tile.sparkline).toHaveLength(16);
    // Its 50% is of the same ten calls: judged, red.
    expect(tile.sparkline[14]).toEqual({ start: Date.parse('2026-11-20T09:00:00+08:00'), offered: 13, serviceLevel: 0.5, target: 0.8, status: 'red' });
    expect(h.frame.floor.offeredToday).toBe(13);

    // Frames keep coming without asking again.
    const frame = await new Promise<number>((resolve) => tv.once('tv', (f) => resolve(f.tiles.length)));
    expect(frame).toBe(1);
  });

  it('lets a reader watch the TV view of the tenants it sees', async () => {
    const s = tvSocket(VIEW);
    const h = await hello(s);
    expect(h.display).toBeNull();
    expect(h.frame.tiles.map((t) => t.tenant)).toEqual(['default', 'jade']);
    expect(h.frame.floor.waiting).toBe(2);
    // Jade's first call came at 09:10, the worked example's at 09:00: both lines still span the same 02:00 to 10:00.
    const starts = h.frame.tiles.map((t) => t.sparkline.map((p) => p.start));
    expect(starts[0]).toEqual(starts[1]);
    expect(starts[0][0]).toBe(Date.parse('2026-11-20T02:00:00+08:00'));
  });

  it('switches a revoked display off within a second: told, then disconnected, and its token refused after', async () => {
    const { id, token } = (await createDisplay({ name: 'Board room', tenants: ['default', 'jade'] })).body;
    const tv = tvSocket(token);
    await hello(tv);
    const t0 = performance.now();
    const told = new Promise<number>((resolve) => tv.on('display:revoked', (r) => r.id === id && resolve(performance.now() - t0)));
    const cut = new Promise<number>((resolve) => tv.on('disconnect', () => resolve(performance.now() - t0)));
    const res = await fetch(`${server.base}/api/v1/displays/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).revokedAt).toBe('2026-11-20T01:31:00.000Z');
    const toldMs = await told;
    const cutMs = await cut;
    console.log(`display revoked: told after ${toldMs.toFixed(0)} ms, disconnected after ${cutMs.toFixed(0)} ms`);
    expect(cutMs).toBeLessThan(1000);
    expect(toldMs).toBeLessThanOrEqual(cutMs);

    const again = tvSocket(token);
    expect(await new Promise<string>((resolve) => again.on('connect_error', (e) => resolve(e.message)))).toMatch(/unauthorized/);
    expect((await fetch(`${server.base}/api/v1/displays/nope`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(404);
    const audit = server.floor.directory.audit.filter((a) => a.action.startsWith('display.')).map((a) => [a.action, a.by]);
    expect(audit).toEqual([['display.create', 'ops'], ['display.create', 'ops'], ['display.revoke', 'ops']]);
  });
});
