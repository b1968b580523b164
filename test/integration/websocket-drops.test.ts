/**
 * Screens dropping their WebSockets (a reconnect storm drops 1,000 at once): the client's close
 * is answered and its TCP socket let go of at once, a push meanwhile is dropped rather than
 * written to an ended socket (server/realtime/quick-close.ts), a close the server begins still
 * sends its last packets and its close frame with the code, and whatever way screens go, every
 * count and descriptor comes back to where it was.
 */
import { readdirSync } from 'node:fs';
import type { Socket as TcpSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from '../helpers/server.ts';
import { until } from '../helpers/webhook-receiver.ts';

/** A push every screen takes (Socket.IO broadcasts it as one pre-encoded frame). */
const NO_ALERTS = { tenant: 'acme', open: [], recentlyClosed: [] };
type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer({ MAX_SOCKETS_PER_PRINCIPAL: '1000', MAX_PENDING_CONNECTIONS: '1000', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '1000' });
  const login = (agentId: string) => ({ id: `login-${agentId}`, type: 'agent.login', ts: server.clock.now, tenant: 'acme', agentId, name: agentId, teamId: 'team1', queues: ['q1'], state: 'available' });
  expect((await server.post('/api/v1/events', [login('a1'), login('a2')].map((e) => JSON.stringify(e)).join('\n'))).status).toBe(200);
});
afterAll(() => server.stop());

/** A screen as k6 is one: a raw WebSocket that joins the namespace and subscribes to acme, answering the heartbeat. */
interface Screen {
  ws: WebSocket;
  /** Text frames received, in order. */
  said: string[];
  /** The close code the client was told (1005: a close frame with none; 1006: no close frame). */
  closed: Promise<number>;
}

function screen(): Promise<Screen> {
  const ws = new WebSocket(`${server.base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  ws.on('error', () => {}); // a reset on this side errors; the test looks at the counts
  const said: string[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.on('message', (m) => {
      const text = String(m);
      said.push(text);
      if (text === '2') ws.send('3');
      else if (text.startsWith('0{')) ws.send('40');
      else if (text.startsWith('40')) ws.send('420["subscribe",{"tenants":["acme"],"agents":false}]');
      else if (text.startsWith('430')) resolve({ ws, said, closed });
    });
    ws.once('close', () => reject(new Error('closed before it subscribed')));
  });
}

/** The server side of the only open connection: its ws WebSocket, TCP socket and Socket.IO socket. */
function serverSide() {
  const engines = Object.values((server.floor.io.engine as unknown as { clients: Record<string, { transport: { socket: { _socket: TcpSocket } } }> }).clients);
  expect(engines).toHaveLength(1);
  const sockets = [...server.floor.io.of('/').sockets.values()];
  expect(sockets).toHaveLength(1);
  return { tcp: engines[0]!.transport.socket._socket, socket: sockets[0]! };
}

/** Connections the server's HTTP listener holds (each a descriptor). */
const held = () => new Promise<number>((resolve, reject) => server.floor.http.getConnections((err, n) => (err ? reject(err) : resolve(n))));
const descriptors = () => readdirSync('/proc/self/fd').length;

/** Waits until no connection is left anywhere: Engine.IO, the sign-in cap, the pending bound, the HTTP listener. */
async function nothingLeft(what: string): Promise<void> {
  await until(async () => {
    const counts = [server.floor.io.engine.clientsCount, server.floor.connections.total, server.floor.pending.size, await held()];
    return counts.every((n) => n === 0) ? true : undefined;
  }, 10_000, what);
}

describe('a screen closing its WebSocket', () => {
  it("is disconnected as the client's close, with the close answered, though a push goes out between its close frame and its socket's close", async () => {
    const s = await screen();
    const { tcp, socket } = serverSide();
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    // Listeners run in order: ws has read the close frame and answered it when this runs, and
    // the broadcast (Socket.IO writes it straight to ws's Sender) goes out before the timers'
    // next turn. ws had ended the socket there, so the write failed (ERR_STREAM_WRITE_AFTER_END)
    // and Engine.IO closed the connection as a transport error, reading the error's stack.
    tcp.on('data', () => setImmediate(() => server.floor.io.of('/').emit('alerts', NO_ALERTS)));
    s.ws.close(1000);
    expect(await s.closed).toBe(1000);
    expect(await disconnected).toBe('transport close');
    await nothingLeft('the screen gone');
  });

  it('still gets its last packets and a close frame with its code when the server closes it', async () => {
    // Socket.IO's disconnect: its DISCONNECT packet, then Engine.IO's close (a close frame with no code).
    const s = await screen();
    server.floor.io.of('/').disconnectSockets(true);
    expect(await s.closed).toBe(1005);
    expect(s.said.at(-1)).toBe('41');
    await nothingLeft('the disconnected screen gone');
    // A protocol error: a message over Engine.IO's limit (1e6 bytes) is closed with 1009 (message too big).
    const big = await screen();
    big.ws.send('4' + 'x'.repeat(1_100_000));
    expect(await big.closed).toBe(1009);
    await nothingLeft('the screen that sent too much gone');
  });

  it('leaves no connection or descriptor behind after 200 screens reset their connections and 200 close them, while pushes go on', async () => {
    await nothingLeft('the earlier tests gone');
    const before = descriptors();
    const pushes = setInterval(() => server.floor.io.of('/').emit('alerts', NO_ALERTS), 5);
    try {
      const resets = await Promise.all(Array.from({ length: 200 }, screen));
      for (const s of resets) (s.ws as unknown as { _socket: TcpSocket })._socket.resetAndDestroy();
      await nothingLeft('the reset screens gone');
      const closing = await Promise.all(Array.from({ length: 200 }, screen));
      for (const s of closing) s.ws.close(1000);
      // Each was answered with its own code before its socket went.
      expect(new Set(await Promise.all(closing.map((s) => s.closed)))).toEqual(new Set([1000]));
      await nothingLeft('the closed screens gone');
    } finally {
      clearInterval(pushes);
    }
    // This process holds both ends: every one of the 800 descriptors is closed.
    await until(() => (descriptors() <= before ? true : undefined), 10_000, 'descriptors back');
  });
});
