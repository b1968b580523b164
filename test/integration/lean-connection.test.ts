import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientToServer, ServerToClient } from '../../server/protocol/socket.ts';
import type { TvClientToServer, TvServerToClient } from '../../server/protocol/socket.ts';
import { OpeningRequest } from '../../server/realtime/lean-connection.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;
let cookie = '';
const open: { disconnect(): void }[] = [];

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  const user = { name: 'mgr', role: 'manager', tenants: ['acme'], password: PW };
  const made = await fetch(server.base + '/api/v1/users', { method: 'POST', body: JSON.stringify(user), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
  expect(made.status).toBe(201);
  const signed = await fetch(server.base + '/api/v1/session', { method: 'POST', body: JSON.stringify({ name: 'mgr', password: PW }), headers: { 'content-type': 'application/json' } });
  cookie = signed.headers.getSetCookie()[0].split(';')[0];
});
afterAll(async () => {
  for (const s of open) s.disconnect();
  await server.stop();
});

interface EventEmitterLike {
  rawListeners(name: string): Function[];
}

function screen(transports: ('polling' | 'websocket')[]): Socket<ServerToClient, ClientToServer> {
  const s: Socket<ServerToClient, ClientToServer> = connect(server.base, { transports, reconnection: false, extraHeaders: { cookie } });
  open.push(s);
  return s;
}
const subscribed = (s: Socket<ServerToClient, ClientToServer>) =>
  new Promise<{ queues: { id: string }[] }>((resolve, reject) => s.emit('subscribe', { tenants: ['acme'] }, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
const connected = (s: { on(e: 'connect', f: () => void): unknown; on(e: 'connect_error', f: (err: Error) => void): unknown }) =>
  new Promise<void>((resolve, reject) => {
    s.on('connect', resolve);
    s.on('connect_error', reject);
  });

describe('a connected socket drops what only its opening needed', () => {
  it('keeps only the cookie of the opening request, so a second namespace on the same connection still signs in', async () => {
    const s = screen(['websocket']);
    await connected(s);
    expect((await subscribed(s)).queues).toEqual([]);
    const serverSide = [...server.floor.io.of('/').sockets.values()].find((x) => x.id === s.id)!;
    const req = serverSide.conn.request as unknown as OpeningRequest;
    expect(req).toBeInstanceOf(OpeningRequest);
    expect([Object.keys(req.headers), req.url?.startsWith('/socket.io/'), req.connection.encrypted, serverSide.handshake.time, serverSide.handshake.auth]).toEqual([['cookie'], true, false, '', {}]);
    // The shared empty auth, not a screen's own (it sent none: only the frozen object tells them apart).
    expect(Object.isFrozen(serverSide.handshake.auth)).toBe(true);
    // In its scope's room, not in a room of its own id.
    expect([...serverSide.rooms].filter((r) => r === serverSide.id)).toEqual([]);
    expect(serverSide.rooms.size).toBe(1);
    expect(server.floor.io.of('/').adapter.rooms.has(serverSide.id)).toBe(false);
    // socket.io-client opens another namespace over the same Engine.IO connection: its handshake
    // is built from the trimmed request, and the manager's session cookie must still be there.
    const replay = s.io.socket('/replay');
    open.push(replay);
    await connected(replay);
    const answer = await new Promise<{ ok: boolean }>((resolve) => replay.emit('subscribe', { tenants: ['acme'] }, resolve));
    expect(answer.ok).toBe(true);
    expect(server.floor.io.of('/replay').sockets.get(replay.id!)?.conn).toBe(serverSide.conn);
  });

  it('still pushes updates, over a WebSocket and over a connection that starts by polling', async () => {
    const ws = screen(['websocket']);
    const polling = screen(['polling', 'websocket']);
    await Promise.all([connected(ws), connected(polling)]);
    await Promise.all([subscribed(ws), subscribed(polling)]);
    const heard = (s: Socket<ServerToClient, ClientToServer>) =>
      new Promise<string[]>((resolve) => s.on('update', (u) => u.queues.length && resolve(u.queues.map((q) => q.id))));
    const both = Promise.all([heard(ws), heard(polling)]);
    const ev = { id: 'q1', type: 'call.queued', ts: '2026-11-20T09:30:00+08:00', tenant: 'acme', callId: 'c1', queueId: 'sales' };
    expect((await server.post('/api/v1/events', ndjson([ev]), ADMIN).then((r) => r.json())).accepted).toBe(1);
    expect(await both).toEqual([['sales'], ['sales']]);
    // The polling screen upgrades (as a browser does), and a second namespace still signs in over it.
    const conn = server.floor.io.of('/').sockets.get(polling.id!)!.conn;
    for (let i = 0; i < 100 && conn.transport.name !== 'websocket'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(conn.transport.name).toBe('websocket');
    // The upgrade's own request is let go of too, and the new transport's one-shot listeners are unwrapped.
    const upgraded = conn.transport as unknown as EventEmitterLike & { socket: EventEmitterLike & { _socket: EventEmitterLike } };
    expect(upgraded.socket._socket.rawListeners('close').length).toBe(1);
    for (const name of ['close', 'error']) expect(upgraded.rawListeners(name).filter((l) => 'listener' in l)).toEqual([]);
    const replay = polling.io.socket('/replay');
    open.push(replay);
    await connected(replay);
    expect(server.floor.io.of('/replay').sockets.get(replay.id!)?.conn).toBe(conn);
  });

  it('leaves a TV display the same way, and its frames still come', async () => {
    const body = { name: 'Lobby', tenants: ['acme'] };
    const made = await fetch(server.base + '/api/v1/displays', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    const { token } = (await made.json()) as { token: string };
    const tv: Socket<TvServerToClient, TvClientToServer> = connect(server.base + '/tv', { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(tv);
    await connected(tv);
    const hello = await new Promise<{ ok: boolean }>((resolve) => tv.emit('tv:subscribe', {}, resolve));
    expect(hello.ok).toBe(true);
    const req = [...server.floor.io.of('/tv').sockets.values()][0].conn.request as unknown as OpeningRequest;
    expect([req instanceof OpeningRequest, Object.keys(req.headers)]).toEqual([true, []]);
  });

  it('lets go of the upgrade request, and still closes, forgets and acknowledges as before', async () => {
    const s = screen(['websocket']);
    await connected(s);
    await subscribed(s);
    const serverSide = [...server.floor.io.of('/').sockets.values()].find((x) => x.id === s.id)!;
    const conn = serverSide.conn as unknown as { transport: { socket: { _socket: EventEmitterLike; _receiver: { _mask?: unknown } } }; cleanupFn: unknown[] };
    const tcp = conn.transport.socket._socket;
    // Engine.IO's upgrade response listened for the TCP socket's close (holding the request): only ws's listener is left, and no one-shot wrappers.
    expect(tcp.rawListeners('close').length).toBe(1);
    for (const e of [serverSide.conn, conn.transport, conn.transport.socket] as unknown as EventEmitterLike[])
      for (const name of ['close', 'error']) expect(e.rawListeners(name).filter((l) => 'listener' in l)).toEqual([]);
    expect(conn.transport.socket._receiver._mask).toBeUndefined();
    // The server can still ask the screen for an acknowledgement (Socket.IO's acks table is made on demand).
    s.on('probe' as never, ((n: number, reply: (x: number) => void) => reply(n + 1)) as never);
    const answer = await (serverSide as unknown as { timeout(ms: number): { emitWithAck(ev: string, n: number): Promise<number> } }).timeout(2000).emitWithAck('probe', 41);
    expect(answer).toBe(42);
    // A closed screen is disconnected and the engine forgets its connection.
    const engine = server.floor.io.engine;
    const before = engine.clientsCount;
    const gone = new Promise<string>((resolve) => serverSide.on('disconnect', resolve));
    s.disconnect();
    expect(await gone).toBe('client namespace disconnect');
    for (let i = 0; i < 100 && engine.clientsCount !== before - 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(engine.clientsCount).toBe(before - 1);
  });

  it('still closes a screen on a transport error and on a ping timeout, and forgets it', async () => {
    const engine = server.floor.io.engine;
    const waitFor = async (f: () => boolean) => {
      for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    const reasonOf = async (s: Socket<ServerToClient, ClientToServer>) => {
      await connected(s);
      const serverSide = [...server.floor.io.of('/').sockets.values()].find((x) => x.id === s.id)!;
      return { serverSide, reason: new Promise<string>((resolve) => serverSide.on('disconnect', resolve)) };
    };
    const before = engine.clientsCount;
    // A frame the server cannot take (a text frame from a client must be masked; this one is not): ws errors, the transport closes.
    const bad = screen(['websocket']);
    const a = await reasonOf(bad);
    const tcp = (a.serverSide.conn.transport as unknown as { socket: { _socket: { emit(e: string, b: Buffer): void } } }).socket._socket;
    tcp.emit('data', Buffer.from([0x81, 0x02, 0x34, 0x32]));
    expect(await a.reason).toBe('transport error');
    // A screen that stops answering pings (a raw WebSocket that never sends a pong), with the
    // engine's ping times shortened while it is open.
    const opts = engine.opts as { pingInterval: number; pingTimeout: number };
    const saved = { pingInterval: opts.pingInterval, pingTimeout: opts.pingTimeout };
    try {
      opts.pingInterval = 50;
      opts.pingTimeout = 50;
      const quiet = new WebSocket(`${server.base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie } });
      open.push({ disconnect: () => quiet.close() });
      const sid = await new Promise<string>((resolve) =>
        quiet.on('message', (m) => {
          const text = m.toString();
          if (text.startsWith('0')) quiet.send('40');
          else if (text.startsWith('40')) resolve((JSON.parse(text.slice(2)) as { sid: string }).sid);
        }),
      );
      const serverSide = server.floor.io.of('/').sockets.get(sid)!;
      const reason = await new Promise<string>((resolve) => serverSide.on('disconnect', resolve));
      expect(reason).toBe('ping timeout');
    } finally {
      Object.assign(opts, saved);
    }
    await waitFor(() => engine.clientsCount === before);
    expect(engine.clientsCount).toBe(before);
  });
});
