import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { missedUpdate } from '../../client/src/lib/version-gap.ts';
import type { TenantAlerts } from '../../server/protocol/alerts.ts';
import type { Ack, ClientToServer, ServerToClient, Update, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { LAGGING } from '../../server/realtime/slow-readers.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type FloorSocket = Socket<ServerToClient, ClientToServer>;
let server: Awaited<ReturnType<typeof startServer>>;

const AGENTS = 1000;
// Long names make each push of 1,000 changed agents a few hundred KB, so a screen that stops
// reading fills the kernel's socket buffers (a few MB on loopback) within a few dozen pushes.
const name = (i: number) => `Agent ${i} ${'x'.repeat(150)}`;

// Pushes and scans only when the test calls them, so each cycle is under the test's control.
beforeAll(async () => {
  server = await startServer();
  server.floor.hub.stop();
  const logins = Array.from({ length: AGENTS }, (_, i) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId: `a${i}`, name: name(i), queues: ['support'], state: 'available' }));
  expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
  server.floor.hub.flush();
});
afterAll(() => server.stop());

async function subscribed(): Promise<{ s: FloorSocket; answer: Ack<VersionedSnapshot> }> {
  const s = server.socket();
  await new Promise<void>((r) => s.once('connect', () => r()));
  const answer = await new Promise<Ack<VersionedSnapshot>>((r) => s.emit('subscribe', { tenants: ['acme'] }, r));
  return { s, answer };
}

/** The client's WebSocket (ws in Node): pausing it stops reading from the TCP socket, as a stalled screen would. */
function clientWs(s: FloorSocket): { pause(): void; resume(): void } {
  return (s.io.engine.transport as unknown as { ws: { pause(): void; resume(): void } }).ws;
}

/** Packets Engine.IO holds in the server's memory for the socket, waiting for its transport. */
function waitingOnServer(id: string): number {
  const socket = server.floor.io.of('/').sockets.get(id)!;
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

let step = 0;
/** Every agent changes state (aux <-> available) and one push cycle goes out in full; returns the state now. */
async function cycle(): Promise<'aux' | 'available'> {
  step++;
  const state = step % 2 ? 'aux' : 'available';
  const at = `09:${String(10 + Math.floor(step / 60)).padStart(2, '0')}:${String(step % 60).padStart(2, '0')}`;
  const changes = Array.from({ length: AGENTS }, (_, i) => ev('agent.state', at, { tenant: 'acme', agentId: `a${i}`, state, ...(state === 'aux' ? { reason: 'break' } : {}) }));
  expect((await server.post('/api/v1/events', ndjson(changes))).status).toBe(200);
  server.floor.hub.flush();
  while (server.floor.hub.unsent > 0) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 20));
  return state;
}

/** The screen stops reading; push cycles and scans go on until the hub finds it lagging (at most 150). */
async function stopReading(s: FloorSocket): Promise<void> {
  clientWs(s).pause();
  for (let cycles = 0; server.floor.hub.slowReaders.size === 0 && cycles < 150; cycles++) {
    await cycle();
    server.floor.hub.slowReaders.scan(server.clock.now);
  }
}

describe('a screen that stops reading its pushes', () => {
  it('is left out of broadcasts once it lags, so what the server holds for it stops growing, while the others go on', async () => {
    const healthy = await subscribed();
    const slow = await subscribed();
    const healthyGot: Update[] = [];
    healthy.s.on('update', (u) => healthyGot.push(u));
    const slowGot: Update[] = [];
    slow.s.on('update', (u) => slowGot.push(u));
    // It watches alerts too: they go out only when they change, so the hub resends them when it catches up.
    expect((await new Promise<Ack<TenantAlerts[]>>((r) => slow.s.emit('alerts:subscribe', {}, r))).ok).toBe(true);
    const alertsGot: TenantAlerts[] = [];
    slow.s.on('alerts', (a) => alertsGot.push(a));
    const hub = server.floor.hub;

    await stopReading(slow.s);
    // Found lagging: its kernel buffers are full, and it is in the room every broadcast leaves out.
    expect(hub.slowReaders.size).toBe(1);
    expect(server.floor.io.of('/').sockets.get(slow.s.id!)!.rooms.has(LAGGING)).toBe(true);
    expect(server.floor.io.of('/').sockets.get(healthy.s.id!)!.rooms.has(LAGGING)).toBe(false);

    // 20 more pushes: the healthy screen gets each one; nothing more waits in memory for the slow one.
    const held = waitingOnServer(slow.s.id!);
    const healthyBefore = healthyGot.length;
    let last: 'aux' | 'available' = 'aux';
    for (let i = 0; i < 20; i++) last = await cycle();
    expect(healthyGot.length - healthyBefore).toBe(20);
    expect(waitingOnServer(slow.s.id!)).toBe(held);

    // It reads again: it gets what was already on its way, then its room's current version, which
    // shows it missed updates (a screen then asks for a snapshot), and the snapshot is the floor as it is.
    clientWs(slow.s).resume();
    let have = (slow.answer.ok && slow.answer.data.version) || 0;
    const gap = await new Promise<Update>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no version gap reached the screen')), 20_000);
      const poll = setInterval(() => {
        hub.flush();
        for (const u of slowGot.splice(0)) {
          if (missedUpdate(have, u)) {
            clearTimeout(timer);
            clearInterval(poll);
            return resolve(u);
          }
          if (u.version !== undefined) have = u.version;
        }
      }, 50);
    });
    expect(gap.queues).toEqual([]);
    expect(gap.agents).toEqual([]);
    expect(hub.slowReaders.size).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(alertsGot.map((a) => a.tenant)).toEqual(['acme']);
    const again = await new Promise<Ack<VersionedSnapshot>>((r) => slow.s.emit('subscribe', { tenants: ['acme'] }, r));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.data.version).toBe(gap.base);
    expect(again.data.agents).toHaveLength(AGENTS);
    expect(again.data.agents.every((a) => a.state === last)).toBe(true);
    healthy.s.disconnect();
    slow.s.disconnect();
  }, 120_000);

  it('is disconnected once it has lagged for a minute', async () => {
    const slow = await subscribed();
    const hub = server.floor.hub;
    const droppedBefore = hub.slowReaders.dropped;
    await stopReading(slow.s);
    expect(hub.slowReaders.size).toBe(1);
    const onServer = server.floor.io.of('/').sockets.get(slow.s.id!)!;
    // 59 s of lagging: still connected; 60 s: cut.
    server.clock.now += 59_000;
    hub.flush();
    expect(onServer.connected).toBe(true);
    server.clock.now += 1_000;
    hub.flush();
    expect(onServer.connected).toBe(false);
    expect(hub.slowReaders.dropped - droppedBefore).toBe(1);
    expect(hub.slowReaders.size).toBe(0);
    // Reading again lets the WebSocket's closing handshake finish (else it waits out ws's 30 s close timeout).
    clientWs(slow.s).resume();
    slow.s.disconnect();
  }, 120_000);
});
