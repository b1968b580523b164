/**
 * What a broadcast costs the server per socket, with and without per-message deflate:
 * CLIENTS Socket.IO clients in a child process, the server emitting ROUNDS messages to all of
 * them; prints the server's CPU (user + system) per socket per message. Variants run back to
 * back in alternating order, best of 3 each (the machine may be shared).
 * A "bare" variant writes the same frame, built once, straight to each client's TCP socket,
 * past Socket.IO, Engine.IO and ws: the floor any WebSocket engine pays in this process (the
 * system part is the kernel's loopback send, one write per socket).
 *   node --import tsx bench/ws-broadcast.ts [clients=500] [rounds=100]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { deflateOptions } from '../server/realtime/deflate.ts';
import { preEncodingParser } from '../server/realtime/pre-encoded.ts';

const CLIENTS = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 100);

if (process.env.BENCH_CLIENT_URL) {
  // The client side: connect, count messages, report when all arrived.
  const url = process.env.BENCH_CLIENT_URL;
  let connected = 0;
  let got = 0;
  for (let i = 0; i < CLIENTS; i++) {
    const s = connect(url, { transports: ['websocket'], reconnection: false });
    s.on('connect', () => ++connected === CLIENTS && process.send?.('ready'));
    s.on('m', () => ++got % CLIENTS === 0 && process.send?.(`got ${got}`));
  }
  process.on('message', (m) => m === 'bye' && process.exit(0));
} else {
  /** A payload of about `bytes` of queue-like JSON. */
  const payload = (bytes: number) => ({ rows: Array.from({ length: Math.ceil(bytes / 60) }, (_, i) => ({ key: `4:acme/q${i}`, waiting: i % 7, sl: 0.8 })) });
  /** The TCP socket under a Socket.IO socket's WebSocket transport (ws keeps it as `_socket`). */
  const tcpOf = (s: unknown): Socket => {
    const tcp = [['conn'], ['transport'], ['socket'], ['_socket']].reduce<unknown>((o, [k]) => (o && typeof o === 'object' ? Reflect.get(o, k) : undefined), s);
    if (!(tcp instanceof Socket)) throw new Error('no TCP socket under this Socket.IO socket (not on WebSocket?)');
    return tcp;
  };
  /** One unmasked text frame (server to client) holding `text`. */
  const frameOf = (text: string): Buffer => {
    const body = Buffer.from(text);
    const n = body.length;
    const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255]) : Buffer.from([0x81, 127, 0, 0, 0, 0, n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
    return Buffer.concat([head, body]);
  };
  /** Server CPU (us) per socket per message, user and system; threshold -1 writes bare frames. */
  async function run(threshold: number, bytes: number): Promise<[number, number]> {
    const http = createServer();
    const io = new Server(http, { parser: preEncodingParser, perMessageDeflate: deflateOptions(Math.max(0, threshold)) });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const child = fork(new URL(import.meta.url).pathname, [String(CLIENTS), String(ROUNDS)], { env: { ...process.env, BENCH_CLIENT_URL: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }, execArgv: ['--import', 'tsx'] });
    let waiter: (() => void) | null = null;
    child.on('message', () => waiter?.());
    const next = () => new Promise<void>((r) => (waiter = r));
    await next(); // every client connected
    const data = payload(bytes);
    const bare = threshold < 0 ? [...io.sockets.sockets.values()].map(tcpOf) : [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      const arrived = next();
      if (threshold < 0) {
        // Built once per message, as a room broadcast builds it; the clients decode it as an emit.
        const frame = frameOf(`42${JSON.stringify(['m', data])}`);
        for (const tcp of bare) tcp.write(frame);
      } else io.emit('m', data);
      await arrived;
    }
    const cpu = process.cpuUsage(cpu0);
    child.send('bye');
    io.close();
    return [cpu.user / ROUNDS / CLIENTS, cpu.system / ROUNDS / CLIENTS];
  }
  const variants: [string, number, number][] = [
    ['1 KB message, no deflate', 0, 1024],
    ['1 KB message, bare frame written to each TCP socket (the floor)', -1, 1024],
    ['1 KB message, deflate from 16 KB', 16384, 1024],
    ['64 KB message, no deflate', 0, 65536],
    ['64 KB message, deflate from 16 KB', 16384, 65536],
  ];
  const best = new Map<string, [number, number]>();
  for (let round = 0; round < 3; round++) {
    for (const [name, threshold, bytes] of round % 2 ? [...variants].reverse() : variants) {
      const us = await run(threshold, bytes);
      const was = best.get(name);
      if (!was || us[0] + us[1] < was[0] + was[1]) best.set(name, us);
    }
  }
  const { loadavg } = await import('node:os');
  console.log(`${CLIENTS} sockets, ${ROUNDS} messages each; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const [name, [user, system]] of best) console.log(`${name}: ${(user + system).toFixed(1)} us of server CPU per socket per message (user ${user.toFixed(1)}, system ${system.toFixed(1)})`);
  process.exit(0);
}
