/**
 * What a broadcast costs the server per socket, with and without per-message deflate:
 * CLIENTS Socket.IO clients in a child process, the server emitting ROUNDS messages to all of
 * them; prints the server's CPU (user + system) per socket per message. Variants run back to
 * back in alternating order, best of 3 each (the machine may be shared).
 *   node --import tsx bench/ws-broadcast.ts [clients=500] [rounds=100]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  async function run(threshold: number, bytes: number): Promise<number> {
    const http = createServer();
    const io = new Server(http, { parser: preEncodingParser, perMessageDeflate: deflateOptions(threshold) });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const child = fork(new URL(import.meta.url).pathname, [String(CLIENTS), String(ROUNDS)], { env: { ...process.env, BENCH_CLIENT_URL: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }, execArgv: ['--import', 'tsx'] });
    let waiter: (() => void) | null = null;
    child.on('message', () => waiter?.());
    const next = () => new Promise<void>((r) => (waiter = r));
    await next(); // every client connected
    const data = payload(bytes);
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      const arrived = next();
      io.emit('m', data);
      await arrived;
    }
    const cpu = process.cpuUsage(cpu0);
    child.send('bye');
    io.close();
    return (cpu.user + cpu.system) / ROUNDS / CLIENTS;
  }
  const variants: [string, number, number][] = [
    ['1 KB message, no deflate', 0, 1024],
    ['1 KB message, deflate from 16 KB', 16384, 1024],
    ['64 KB message, no deflate', 0, 65536],
    ['64 KB message, deflate from 16 KB', 16384, 65536],
  ];
  const best = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const [name, threshold, bytes] of round % 2 ? [...variants].reverse() : variants) {
      const us = await run(threshold, bytes);
      best.set(name, Math.min(best.get(name) ?? Infinity, us));
    }
  }
  const { loadavg } = await import('node:os');
  console.log(`${CLIENTS} sockets, ${ROUNDS} messages each; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const [name, us] of best) console.log(`${name}: ${us.toFixed(1)} us of server CPU per socket per message`);
  process.exit(0);
}
