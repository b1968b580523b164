/**
 * A connection that has not joined a namespace has shown no token, so no sign-in's socket cap
 * counts it: an anonymous client opened 2,000 such connections and Socket.IO kept them for its
 * 45 s connect timeout, at up to 10,000 new ones a second. Now they are closed after
 * SOCKET_CONNECT_TIMEOUT_MS, and at most MAX_PENDING_CONNECTIONS of them (and, when set,
 * MAX_PENDING_CONNECTIONS_PER_ADDRESS from one address) may be open at once in a process; a
 * new one beyond is refused at the handshake. A connection whose sockets all leave their
 * namespaces while it stays open is pending again (it held its descriptor counted by nothing).
 * The bounds here are small (4 and 2; 3 and 2 with a 2 s timeout), and the counts must come
 * back to zero whatever way a connection goes.
 */
import { connect as tcp, type Socket as TcpSocket } from 'node:net';
import { io as connect, Manager, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clientAddress, PendingConnections } from '../../server/realtime/pending-connections.ts';
import { startServer } from '../helpers/server.ts';
import { until } from '../helpers/webhook-receiver.ts';

const VIEW = 'acme-viewer-0123456789';
const TOKENS = JSON.stringify([{ token: VIEW, name: 'wall', tenants: ['acme'], role: 'viewer' }]);
const FULL = (limit: number) => `too many connections waiting to sign in (limit ${limit}): try again shortly`;
const FULL_HERE = (limit: number) => `too many connections waiting to sign in from this address (limit ${limit}): try again shortly`;

type Server = Awaited<ReturnType<typeof startServer>>;
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** X-Forwarded-For naming `from`: the test's connections come through loopback, as a local TLS proxy's do. */
const via = (from?: string): Record<string, string> => (from ? { 'x-forwarded-for': from } : {});

/** 'open' once Engine.IO's open packet came, else the refusal's status and body. */
type Outcome = 'open' | { status: number; body: string };

interface Raw {
  ws: WebSocket;
  result: Promise<Outcome>;
  /** Resolves when the connection is closed (by either side), with the time. */
  closed: Promise<number>;
}

/** A WebSocket that opens an Engine.IO connection and never sends a namespace CONNECT. */
function raw(s: Server, from?: string, query = ''): Raw {
  const ws = new WebSocket(`${s.base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket${query}`, { headers: via(from) });
  ws.on('error', () => {}); // a refused upgrade errors on this side; the test looks at what it was told
  closers.push(() => ws.terminate());
  const result = new Promise<Outcome>((resolve) => {
    ws.once('message', (m) => resolve(String(m).startsWith('0{') ? 'open' : { status: 101, body: String(m) }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
  const closed = new Promise<number>((resolve) => ws.once('close', () => resolve(Date.now())));
  return { ws, result, closed };
}

/** `n` raw connections from `from`, each open before the next starts (so the order of admission is known). */
async function rawOpen(s: Server, n: number, from?: string): Promise<Raw[]> {
  const all: Raw[] = [];
  for (let i = 0; i < n; i++) {
    const r = raw(s, from);
    expect(await r.result).toBe('open');
    all.push(r);
  }
  return all;
}

/** A polling handshake: its status and body, and the connection's session id when it opened. */
async function poll(s: Server, from?: string): Promise<{ status: number; body: string; sid?: string }> {
  const res = await fetch(`${s.base}/socket.io/?EIO=4&transport=polling`, { headers: via(from) });
  const body = await res.text();
  return { status: res.status, body, sid: body.startsWith('0{') ? (JSON.parse(body.slice(1)) as { sid: string }).sid : undefined };
}
const post = (s: Server, sid: string, body: string) =>
  fetch(`${s.base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).then((r) => r.text());

/** A signed-in screen (socket.io-client, WebSocket only); resolves once it is in or refused. */
function screen(s: Server, from?: string): Promise<{ socket: Socket; refused?: string }> {
  const socket = connect(s.base, { auth: { token: VIEW }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: via(from) });
  closers.push(() => socket.disconnect());
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (e) => resolve({ socket, refused: e.message }));
  });
}

/** A plain TCP connection to the server, for writing an upgrade request by hand. */
function tcpTo(s: Server): TcpSocket {
  const url = new URL(s.base);
  const sock = tcp(Number(url.port), url.hostname);
  sock.on('error', () => {});
  closers.push(() => sock.destroy());
  return sock;
}
/** An Engine.IO WebSocket upgrade request, as a client writes it. */
const upgrade = (s: Server, from: string) =>
  `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${new URL(s.base).host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Forwarded-For: ${from}\r\n\r\n`;

const pendingIs = (s: Server, n: number, what: string) => until(() => (s.floor.pending.size === n ? true : undefined), 5000, `${what}: ${n} pending`);

describe('connections that have not signed in: bounded per process and per address', () => {
  let server: Server;
  beforeAll(async () => {
    // A long connect timeout: the connections held here must not time out under the test.
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, MAX_PENDING_CONNECTIONS: '4', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '2', SOCKET_CONNECT_TIMEOUT_MS: '30000' });
  });
  afterEach(() => pendingIs(server, 0, 'after the test'));
  afterAll(() => server.stop());

  it('refuses anonymous connections past the process bound, over WebSocket and polling, while a signed-in screen stays; a screen gets in once one goes', async () => {
    const signedIn = await screen(server);
    expect(signedIn.refused).toBeUndefined();
    // Every place taken, no address past its own bound, and the newcomers' addresses (.2, .3)
    // hold one each: not two fewer than .1's two, so no place is theirs to take.
    const held = [...(await rawOpen(server, 2, '203.0.113.1')), ...(await rawOpen(server, 1, '203.0.113.2')), ...(await rawOpen(server, 1, '203.0.113.3'))];
    expect(await raw(server, '203.0.113.3').result).toEqual({ status: 400, body: FULL(4) });
    expect(await poll(server, '203.0.113.2')).toEqual({ status: 403, body: JSON.stringify({ code: 4, message: FULL(4) }) });
    expect(server.floor.pending.size).toBe(4);
    // A new screen opens a connection like any other before it signs in: it waits too (the page retries).
    expect((await screen(server, '203.0.113.3')).refused).toBe('websocket error');
    expect(server.floor.pending.size).toBe(4);
    // The screen already in is not pending, and stays.
    expect(signedIn.socket.connected).toBe(true);
    expect(server.floor.connections.total).toBe(1);

    held[0]!.ws.close();
    await pendingIs(server, 3, 'one closed');
    const late = await screen(server, '203.0.113.3');
    expect(late.refused).toBeUndefined();
    // Signed in: no longer pending, and counted by its sign-in instead.
    expect([server.floor.pending.size, server.floor.connections.total]).toEqual([3, 2]);
    for (const r of held) r.ws.close();
  });

  it('lets exactly its bound in when many come at once', async () => {
    const connected = () => new Promise<TcpSocket>((resolve) => {
      const sock = tcpTo(server).once('connect', () => resolve(sock));
    });
    const socks = await Promise.all(Array.from({ length: 10 }, connected));
    const answers = socks.map((sock) => new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString()))));
    // Written in one go, the ten requests are read in one turn and handed to Engine.IO in one slot of the upgrade line:
    // each is let through before any has become a connection. Five addresses, two each: none past its own bound.
    socks.forEach((sock, i) => sock.write(upgrade(server, `203.0.113.${10 + (i % 5)}`)));
    const heads = (await Promise.all(answers)).map((a) => (a.startsWith('HTTP/1.1 101') ? 101 : a.split('\r\n\r\n')[1]));
    expect(heads.filter((h) => h === 101).length).toBe(4);
    expect(heads.filter((h) => h !== 101)).toEqual(Array(6).fill(FULL(4)));
    expect(server.floor.pending.size).toBe(4);
    for (const sock of socks) sock.destroy();
  });

  it('reserves a place for each handshake it lets through until Engine.IO makes the connection, and gives back those it never makes at the end of the turn', async () => {
    const pending = new PendingConnections(4, 3, 10_000);
    const req = (remoteAddress: string) => ({ headers: {}, socket: { remoteAddress } });
    // One turn, no connection made yet: the 4th place is the last, and one address stops at its 3.
    const answers = ['1', '1', '1', '1', '2', '2'].map((n) => pending.admit(req(`203.0.113.${n}`)));
    expect(answers).toEqual([null, null, null, FULL_HERE(3), null, FULL(4)]);
    expect([pending.size, pending.from('203.0.113.1'), pending.from('203.0.113.2')]).toEqual([4, 3, 1]);
    await new Promise((r) => setImmediate(r));
    expect([pending.size, pending.from('203.0.113.1'), pending.from('203.0.113.2')]).toEqual([0, 0, 0]);
  });

  it("stops one address's anonymous connections at its own bound while a screen from another address signs in", async () => {
    const held = await rawOpen(server, 2, '203.0.113.9');
    expect(server.floor.pending.from('203.0.113.9')).toBe(2);
    expect(await raw(server, '203.0.113.9').result).toEqual({ status: 400, body: FULL_HERE(2) });
    expect(await poll(server, '203.0.113.9')).toEqual({ status: 403, body: JSON.stringify({ code: 4, message: FULL_HERE(2) }) });
    // The same address further along X-Forwarded-For (a client's own header before the proxy's) is the proxy's word that counts.
    expect(await raw(server, '10.9.9.9, 203.0.113.9').result).toEqual({ status: 400, body: FULL_HERE(2) });
    const [other, local] = await Promise.all([screen(server, '198.51.100.7'), screen(server)]);
    expect([other.refused, local.refused]).toEqual([undefined, undefined]);
    expect(server.floor.pending.size).toBe(2);
    for (const r of held) r.ws.close();
  });

  it('counts the addresses of one IPv6 /64 as one address however they are written, and an IPv4-mapped one as its IPv4 address', async () => {
    // One host holds a whole /64: counted whole, each of its addresses would have had a bound of its own.
    const held = [...(await rawOpen(server, 1, '2001:db8::1')), ...(await rawOpen(server, 1, '2001:0db8:0:0::2'))];
    expect([server.floor.pending.from('2001:db8::99'), server.floor.pending.from('2001:db8:0:1::1')]).toEqual([2, 0]);
    expect(await raw(server, '2001:db8:0:0:ffff::3').result).toEqual({ status: 400, body: FULL_HERE(2) });
    expect(await poll(server, '2001:DB8::4')).toEqual({ status: 403, body: JSON.stringify({ code: 4, message: FULL_HERE(2) }) });
    // The next /64 is another client, and so is an IPv4 address written as IPv6.
    held.push(...(await rawOpen(server, 1, '2001:db8:0:1::1')), ...(await rawOpen(server, 1, '::ffff:198.51.100.8')));
    expect([server.floor.pending.size, server.floor.pending.from('2001:db8:0:1::2'), server.floor.pending.from('198.51.100.8')]).toEqual([4, 1, 1]);
    for (const r of held) r.ws.close();
  });

  it('names the client address as Express does behind a proxy on this machine, and believes no remote peer', () => {
    const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} });
    expect(clientAddress(req('::ffff:127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(clientAddress(req('127.0.0.1', '203.0.113.1, 198.51.100.7, 127.0.0.2'))).toBe('198.51.100.7');
    expect(clientAddress(req('::1', '127.0.0.1'))).toBe('127.0.0.1');
    expect(clientAddress(req('198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
    expect(clientAddress(req('::ffff:198.51.100.7'))).toBe('198.51.100.7');
    expect(clientAddress(req('2001:db8::1', '203.0.113.1'))).toBe('2001:db8::1');
    expect(clientAddress({ socket: {}, headers: {} })).toBe('unknown');
  });
});

describe('a full bound shared out by address (no per-address bound, as by default)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, MAX_PENDING_CONNECTIONS: '4', SOCKET_CONNECT_TIMEOUT_MS: '30000' });
  });
  afterEach(() => pendingIs(server, 0, 'after the test'));
  afterAll(() => server.stop());

  /** Whether each connection was closed by now. */
  const closedYet = (all: Raw[]) => Promise.all(all.map((r) => Promise.race([r.closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))])));

  it("lets a screen from another address in while one address holds every place, by closing that address's oldest", async () => {
    // The oldest a polling connection, the others WebSockets.
    const { sid } = await poll(server, '203.0.113.66');
    const held = await rawOpen(server, 3, '203.0.113.66');
    expect([server.floor.pending.size, server.floor.pending.from('203.0.113.66')]).toEqual([4, 4]);
    // Before, the flood kept every new screen out until its connections timed out.
    const signedIn = await screen(server, '198.51.100.7');
    expect(signedIn.refused).toBeUndefined();
    // The polling one is gone at once (it would otherwise close only at its next request).
    const next = await fetch(`${server.base}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
    expect([next.status, await next.text()]).toEqual([400, JSON.stringify({ code: 1, message: 'Session ID unknown' })]);
    expect(await closedYet(held)).toEqual([false, false, false]);
    expect([server.floor.pending.size, server.floor.connections.total]).toEqual([3, 1]);
    // The flooding address takes the free place, and no more: it holds as many as any. So is a
    // screen from it: behind a proxy on another machine every client has one address, and there
    // the full bound refuses as before.
    held.push(...(await rawOpen(server, 1, '203.0.113.66')));
    expect(await raw(server, '203.0.113.66').result).toEqual({ status: 400, body: FULL(4) });
    expect(await poll(server, '203.0.113.66')).toEqual({ status: 403, body: JSON.stringify({ code: 4, message: FULL(4) }) });
    expect((await screen(server, '203.0.113.66')).refused).toBe('websocket error');
    // Another address takes places until it holds as many as the flood: 1 (flood 3), 2 (flood 2), then no more.
    const other = await rawOpen(server, 2, '203.0.113.67');
    expect(await raw(server, '203.0.113.67').result).toEqual({ status: 400, body: FULL(4) });
    expect(await closedYet(held)).toEqual([true, true, false, false]);
    expect([server.floor.pending.size, server.floor.pending.from('203.0.113.66'), server.floor.pending.from('203.0.113.67')]).toEqual([4, 2, 2]);
    expect(signedIn.socket.connected).toBe(true);
    for (const r of [...held, ...other]) r.ws.close();
  });

  it("lets a screen from another /64 in while many addresses of one IPv6 /64 hold every place, by closing that /64's oldest", async () => {
    // Four addresses, one /64: one client holding every place, not four holding one each (who would all be refused).
    const held: Raw[] = [];
    for (let i = 1; i <= 4; i++) held.push(...(await rawOpen(server, 1, `2001:db8::${i}`)));
    expect([server.floor.pending.size, server.floor.pending.from('2001:db8::ab')]).toEqual([4, 4]);
    expect(await raw(server, '2001:db8::5').result).toEqual({ status: 400, body: FULL(4) });
    const signedIn = await screen(server, '2001:db8:0:1::1');
    expect(signedIn.refused).toBeUndefined();
    expect(await closedYet(held)).toEqual([true, false, false, false]);
    expect([server.floor.pending.size, server.floor.pending.from('2001:db8::ab'), signedIn.socket.connected]).toEqual([3, 3, true]);
    for (const r of held) r.ws.close();
  });
});

describe('the connect timeout, and the count after every way a connection goes', () => {
  const TIMEOUT_MS = 2000;
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, MAX_PENDING_CONNECTIONS: '3', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '2', SOCKET_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(() => server.stop());

  it('closes a connection that never sends CONNECT after the timeout, and leaves a signed-in one open', async () => {
    const signedIn = await screen(server);
    // Before the server can start its timer: the time to the close is at least the timeout.
    const started = Date.now();
    const quiet = raw(server);
    expect(await quiet.result).toBe('open');
    // Socket.IO's own default held it 45 s.
    const closedAt = await Promise.race([quiet.closed, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
    expect(closedAt - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(closedAt - started).toBeLessThan(TIMEOUT_MS + 2000);
    expect(server.floor.pending.size).toBe(0);
    expect(signedIn.socket.connected).toBe(true);
  });

  it('lets go of the TCP socket of a connection it times out, even when the client never answers the close', async () => {
    // By hand: the upgrade, then nothing read or written, as a client holding descriptors would.
    const sock = tcpTo(server);
    const started = Date.now();
    sock.write(upgrade(server, '203.0.113.40'));
    const head = await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
    expect(head.startsWith('HTTP/1.1 101')).toBe(true);
    const closedAt = await Promise.race([new Promise<number>((r) => sock.once('close', () => r(Date.now()))), new Promise<number>((r) => setTimeout(() => r(NaN), TIMEOUT_MS + 8000))]);
    // ws waits 30 s for the client's answer to its close frame: the descriptor stayed held, counted by nothing, that long.
    expect(closedAt - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(closedAt - started).toBeLessThan(TIMEOUT_MS + 3000);
    expect(server.floor.pending.size).toBe(0);
  });

  it("lets go of the TCP socket of each upgrade a pending polling connection begins and spoils, though the client never answers the close", async () => {
    const { sid } = await poll(server, '203.0.113.41');
    const mask = Buffer.from([1, 2, 3, 4]);
    // Not the probe ping: Engine.IO closes the new WebSocket and the polling connection goes on.
    const spoilt = Buffer.concat([Buffer.from([0x81, 0x82]), mask, Buffer.from('4x').map((b, i) => b ^ mask[i]!)]);
    for (let i = 0; i < 5; i++) {
      const sock = tcpTo(server);
      sock.write(upgrade(server, '203.0.113.41').replace('transport=websocket', `transport=websocket&sid=${sid}`));
      const head = await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
      expect(head.startsWith('HTTP/1.1 101')).toBe(true);
      sock.on('data', () => {}); // reads on, never answers
      const spoiltAt = Date.now();
      sock.write(spoilt);
      const closedAt = await Promise.race([new Promise<number>((r) => sock.once('close', () => r(Date.now()))), new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
      // Each held a descriptor 30 s, and the pending bound counted only the polling connection.
      expect(closedAt - spoiltAt).toBeLessThan(3000);
    }
    expect([server.floor.pending.size, server.floor.io.engine.clientsCount]).toEqual([1, 1]);
    expect(await post(server, sid!, '1')).toBe('ok');
    await pendingIs(server, 0, 'the polling connection closed');
  });

  it('comes back to zero after connections closed mid-handshake, timed out, upgraded from polling and refused, and then holds exactly its bound again', async () => {
    const engine = server.floor.io.engine;
    // Upgrade requests dropped before or while they are handled: reset, or closed from this side.
    for (let i = 0; i < 5; i++) tcpTo(server).end(upgrade(server, '203.0.113.1'));
    for (let i = 0; i < 5; i++) {
      const sock = tcpTo(server);
      sock.write(upgrade(server, '203.0.113.1'), () => sock.resetAndDestroy());
    }
    // Handled, and any that became a connection timed out, before the next opens: on a loaded
    // machine some were still in hand and held the address's places.
    await new Promise((r) => setTimeout(r, 500));
    await pendingIs(server, 0, 'dropped upgrades');
    // Open and gone before CONNECT, at once.
    for (const r of await rawOpen(server, 2, '203.0.113.1')) r.ws.terminate();
    // A polling connection sends CONNECT and its close in one payload: closed while its namespace checks it.
    for (let i = 0; i < 2; i++) {
      const { sid } = await poll(server, '203.0.113.2');
      expect(await post(server, sid!, `40${JSON.stringify({ token: VIEW })}\x1e1`)).toBe('ok');
    }
    // One that closes without CONNECT.
    const { sid: quitter } = await poll(server, '203.0.113.2');
    expect(await post(server, quitter!, '1')).toBe('ok');
    await pendingIs(server, 0, 'closed ones');

    // Polling, then upgraded to a WebSocket before signing in: one connection, pending once.
    const upgraded = async (from: string) => {
      const { sid } = await poll(server, from);
      const r = raw(server, from, `&sid=${sid}`);
      await new Promise<void>((resolve) => r.ws.once('open', () => resolve()));
      r.ws.send('2probe');
      await new Promise<void>((resolve) => r.ws.once('message', (m) => (String(m) === '3probe' ? resolve() : undefined)));
      r.ws.send('5');
      const conns = (engine as unknown as { clients: Record<string, { transport: { name: string } } | undefined> }).clients;
      await until(() => (conns[sid!]?.transport.name === 'websocket' ? true : undefined), 5000, 'the upgrade');
      return r;
    };
    const signs = await upgraded('203.0.113.3');
    const waits = await upgraded('203.0.113.4');
    expect([server.floor.pending.size, engine.clientsCount]).toEqual([2, 2]);
    // One signs in over its WebSocket; the other times out.
    signs.ws.send(`40${JSON.stringify({ token: VIEW })}`);
    await pendingIs(server, 1, 'the upgraded one signed in');
    await waits.closed;
    await pendingIs(server, 0, 'the upgraded one timed out');
    signs.ws.close();
    await signs.closed;

    // Refused ones add nothing, and the held ones time out.
    const held = [...(await rawOpen(server, 2, '203.0.113.5')), ...(await rawOpen(server, 1, '203.0.113.6'))];
    // From .6, holding one: not two fewer than .5, so it takes none of .5's places.
    const refused = await Promise.all([raw(server, '203.0.113.6').result, raw(server, '203.0.113.6').result, poll(server, '203.0.113.6')]);
    expect(refused.map((r) => (r === 'open' ? r : r.status))).toEqual([400, 400, 403]);
    await Promise.all(held.map((r) => r.closed));
    await pendingIs(server, 0, 'after the timeouts');
    for (const a of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5', '203.0.113.6']) expect(server.floor.pending.from(a)).toBe(0);
    await until(() => (engine.clientsCount === 0 ? true : undefined), 5000, 'every connection gone');

    // Nothing left counted: an address takes its 2 again, another the 3rd, and the next is refused.
    await rawOpen(server, 2, '203.0.113.1');
    expect(await raw(server, '203.0.113.1').result).toEqual({ status: 400, body: FULL_HERE(2) });
    await rawOpen(server, 1, '203.0.113.2');
    expect(await raw(server, '203.0.113.2').result).toEqual({ status: 400, body: FULL(3) });
  });
});

describe('a connection whose sockets all leave: pending again', () => {
  const TIMEOUT_MS = 2000;
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, MAX_PENDING_CONNECTIONS: '3', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '2', SOCKET_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(() => server.stop());

  /**
   * socket.io-client's manager (one Engine.IO connection for its sockets of every namespace) made
   * to keep that connection when its last socket leaves, as an attacker's client may: the stock
   * one closes it then. A socket's `disconnect()` sends the namespace's DISCONNECT packet.
   */
  function keeper(from: string): { manager: Manager; closed: Promise<number>; join(nsp: string): Promise<Socket> } {
    // Not autoConnect: a socket would send its CONNECT when made and again on connect(), and be let in twice.
    const manager = new Manager(server.base, { transports: ['websocket'], reconnection: false, autoConnect: false, extraHeaders: via(from) });
    (manager as unknown as { _destroy: () => void })._destroy = () => {};
    closers.push(() => (manager as unknown as { engine?: { close(): void } }).engine?.close());
    const closed = new Promise<number>((resolve) => manager.on('close', () => resolve(Date.now())));
    const join = (nsp: string) => {
      const socket = manager.socket(nsp, { auth: { token: VIEW } });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
        socket.connect();
      });
    };
    return { manager, closed, join };
  }
  const engine = () => server.floor.io.engine;
  /** Every open connection is in a namespace (its sign-in counts it) or pending. */
  const accounted = () => expect(engine().clientsCount).toBeLessThanOrEqual(server.floor.pending.size + server.floor.connections.total);

  it('counts a connection as pending again when it leaves its last namespace, through any number of joins and leaves, and closes it after the connect timeout', async () => {
    const k = keeper('203.0.113.21');
    const root = await k.join('/');
    const replay = await k.join('/replay');
    expect([engine().clientsCount, server.floor.pending.size, server.floor.connections.total]).toEqual([1, 0, 2]);
    // Still in /replay: not pending.
    root.disconnect();
    await until(() => (server.floor.connections.total === 1 ? true : undefined), 5000, 'left /');
    expect(server.floor.pending.size).toBe(0);
    replay.disconnect();
    await pendingIs(server, 1, 'left /replay');
    expect([engine().clientsCount, server.floor.connections.total, server.floor.pending.from('203.0.113.21')]).toEqual([1, 0, 1]);
    // Join and leave again and again: each join takes it out of pending, each leave puts it back, once.
    for (let i = 0; i < 5; i++) {
      const again = await k.join(i % 2 ? '/replay' : '/');
      expect([server.floor.pending.size, server.floor.connections.total]).toEqual([0, 1]);
      again.disconnect();
      await pendingIs(server, 1, `leave ${i + 1}`);
      accounted();
    }
    // Out of every namespace: closed the connect timeout after its last leave (Socket.IO's own timer stopped at its first join).
    const left = Date.now();
    const closedAt = await Promise.race([k.closed, new Promise<number>((r) => setTimeout(() => r(NaN), TIMEOUT_MS + 5000))]);
    expect(closedAt - left).toBeGreaterThanOrEqual(TIMEOUT_MS - 200);
    expect(closedAt - left).toBeLessThan(TIMEOUT_MS + 3000);
    await pendingIs(server, 0, 'timed out');
    await until(() => (engine().clientsCount === 0 ? true : undefined), 5000, 'no connection left');
  });

  it('closes a connection that leaves its last namespace when the bounds have no room for it, per process and per address', async () => {
    const from = ['203.0.113.31', '203.0.113.31', '203.0.113.31', '203.0.113.32', '203.0.113.33'];
    const keepers = from.map(keeper);
    // All five in one after another (each pending only until it joins), then all leave one after another.
    const sockets: Socket[] = [];
    for (const k of keepers) sockets.push(await k.join('/'));
    expect([engine().clientsCount, server.floor.pending.size, server.floor.connections.total]).toEqual([5, 0, 5]);
    for (const [i, s] of sockets.entries()) {
      s.disconnect();
      await until(() => (server.floor.connections.total === 4 - i ? true : undefined), 5000, `leave ${i + 1}`);
    }
    // .31's third is past its address's 2; .32's is the process's 3rd; .33's finds the process full.
    await until(() => (engine().clientsCount === 3 ? true : undefined), 5000, 'two closed');
    expect(await Promise.all(keepers.map((k) => Promise.race([k.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 50))])))).toEqual([
      'open',
      'open',
      'closed',
      'open',
      'closed',
    ]);
    expect([server.floor.pending.size, server.floor.pending.from('203.0.113.31'), server.floor.pending.from('203.0.113.32'), server.floor.pending.from('203.0.113.33')]).toEqual([3, 2, 1, 0]);
    accounted();
    await Promise.all([keepers[0]!.closed, keepers[1]!.closed, keepers[3]!.closed]);
    await pendingIs(server, 0, 'timed out');
  });
});

