import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Server } from 'socket.io';
import WebSocket from 'ws';
import { AdmissionQueue } from '../../server/realtime/admission-queue.ts';
import { paceUpgrades } from '../../server/realtime/upgrade-pacer.ts';

const closers: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A Socket.IO server whose upgrades wait in a line the test drains by hand. */
async function pacedServer(maxWaiting: number) {
  const http: HttpServer = createServer();
  const io = new Server(http, { serveClient: false });
  const due: (() => void)[] = [];
  const line = new AdmissionQueue({ perSlot: 10, slotMs: 10, maxWaiting, schedule: (fn) => void due.push(fn) });
  paceUpgrades(http, line);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => io.close(() => r(undefined))));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/socket.io/?EIO=4&transport=websocket`;
  const drain = () => due.splice(0).forEach((fn) => fn());
  const connections = () => new Promise<number>((r) => http.getConnections((_e, n) => r(n)));
  return { io, line, url, drain, connections };
}

function client(url: string): WebSocket {
  const ws = new WebSocket(url);
  ws.on('error', () => {}); // a refused or abandoned upgrade errors on the client side; the test looks at what happened
  closers.push(() => ws.terminate());
  return ws;
}
const firstMessage = (ws: WebSocket) => new Promise<string>((r) => ws.once('message', (d) => r(String(d))));

type Paced = Awaited<ReturnType<typeof pacedServer>>;

/** A screen whose upgrade now waits in the line (the only one there); `opened` resolves with its first message. */
async function waitingScreen(s: Paced): Promise<{ ws: WebSocket; opened: Promise<string> }> {
  const ws = client(s.url);
  const opened = firstMessage(ws);
  await vi.waitFor(() => expect(s.line.length).toBe(1));
  return { ws, opened };
}

/** Gives the line its turn and checks that the waiting screen got Engine.IO's open packet, as the one session. */
async function expectServed(s: Paced, opened: Promise<string>): Promise<void> {
  s.drain();
  expect(await opened).toMatch(/^0\{"sid":"/); // the Engine.IO open packet
  expect(s.io.engine.clientsCount).toBe(1);
}

describe('WebSocket upgrades wait in a paced line', () => {
  it('holds an upgrade until its turn, then Engine.IO opens the session', async () => {
    const s = await pacedServer(10);
    const { ws, opened } = await waitingScreen(s);
    await new Promise((r) => setTimeout(r, 50));
    expect(ws.readyState).toBe(WebSocket.CONNECTING); // no 101 before its turn
    await expectServed(s, opened);
  });

  it('answers 503 with Retry-After when the line is full, and still serves the one waiting', async () => {
    const s = await pacedServer(1);
    const { opened } = await waitingScreen(s);
    const second = client(s.url);
    const refused = await new Promise<{ status: number; retry: string | undefined }>((r) =>
      second.once('unexpected-response', (_req, res) => r({ status: res.statusCode ?? 0, retry: res.headers['retry-after'] })),
    );
    expect(refused).toEqual({ status: 503, retry: '2' });
    await expectServed(s, opened);
  });

  it('cleans up after a screen that went away while waiting, and serves the next', async () => {
    const s = await pacedServer(10);
    const gone = await waitingScreen(s);
    gone.ws.terminate();
    // Its socket is not read while it waits (no 101 yet), so the close is seen once its turn hands it on.
    s.drain();
    await vi.waitFor(async () => expect(await s.connections()).toBe(0));
    expect(s.io.engine.clientsCount).toBe(0);
    const next = await waitingScreen(s);
    await expectServed(s, next.opened);
  });

  it('drops an upgrade still waiting when the server closes, so the close finishes', async () => {
    const s = await pacedServer(10);
    const { ws } = await waitingScreen(s);
    const dropped = new Promise<void>((r) => ws.once('close', () => r()));
    let closed = false;
    const closing = new Promise<void>((r) => s.io.close(() => r())).then(() => (closed = true));
    s.drain(); // its turn comes after the close began
    await dropped;
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5000))]);
    expect(closed).toBe(true);
    expect(s.io.engine.clientsCount).toBe(0);
  });
});
