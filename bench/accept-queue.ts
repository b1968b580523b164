/**
 * How long a Node HTTP server takes to accept CONNS connections that arrive at once, while its
 * event loop runs turns of BUSY_MS (0: idle). Node 20's libuv accepts about one connection per
 * readiness report of the listening socket, so a busy loop takes a handful per turn and the
 * rest wait in the kernel's accept queue: a connection opened during a reconnect storm (a new
 * ingest client, a load balancer's health check) waits behind the storm's handshakes before any
 * of this server's code sees it. The connections come from a child process, as a real client's
 * would. Then the same storm with a second listener on the same loop (the server's OPS_PORT): a
 * request on a fresh connection to each port, sent right after the storm's connections, and how
 * long each waited for its answer.
 *   node --import tsx bench/accept-queue.ts [CONNS=1000] [BUSY_MS list, default 0,2,5,15,30]
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

const CONNS = Number(process.argv[2] ?? 1000);
const BUSY = (process.argv[3] ?? '0,2,5,15,30').split(',').map(Number);

if (process.env.ACCEPT_QUEUE_CLIENT) {
  // The client: open every connection at once and hold them until told to go; with an ops port,
  // then time one request on a fresh connection to each port and report both.
  const [port, opsPort] = process.env.ACCEPT_QUEUE_CLIENT.split(',').map(Number);
  for (let i = 0; i < CONNS; i++) connect(port, '127.0.0.1').on('error', () => {});
  if (opsPort) void Promise.all([freshRequestMs(port), freshRequestMs(opsPort)]).then((ms) => process.send?.(ms));
  process.on('message', () => process.exit(0));
  setTimeout(() => process.exit(0), 30_000);
} else {
  for (const busyMs of BUSY) console.log(`loop turns of ${busyMs} ms: ${CONNS} connections accepted in ${await acceptTime(busyMs)} ms`);
  for (const busyMs of BUSY) {
    const [main, ops] = await withOpsPort(busyMs);
    console.log(`loop turns of ${busyMs} ms: a request on a fresh connection during the storm answered in ${main} ms on the storm's port, ${ops} ms on the ops port`);
  }
}

/** Ms from opening a connection to `port` to the end of a GET's answer on it. */
async function freshRequestMs(port: number): Promise<number> {
  const t0 = performance.now();
  await (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).text();
  return Math.round(performance.now() - t0);
}

/** A busy loop serving two listeners; the storm hits the first. Returns the fresh request's ms on each. */
async function withOpsPort(busyMs: number): Promise<[number, number]> {
  const servers = [createServer((_req, res) => res.end('ok')), createServer((_req, res) => res.end('ok'))];
  for (const s of servers) await new Promise<void>((r) => s.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  const stopBusy = busyLoop(busyMs);
  const ports = servers.map((s) => (s.address() as AddressInfo).port).join(',');
  const client = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, ACCEPT_QUEUE_CLIENT: ports }, execArgv: process.execArgv });
  const ms = await new Promise<[number, number]>((resolve) => client.once('message', (m) => resolve(m as [number, number])));
  stopBusy();
  client.send('go');
  await new Promise((r) => client.once('exit', r));
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  return ms;
}

/** Ms from the first accepted connection to the last, with the loop busy `busyMs` per turn. */
async function acceptTime(busyMs: number): Promise<number> {
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  let accepted = 0;
  let first = 0;
  const stopBusy = busyLoop(busyMs);
  const client = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, ACCEPT_QUEUE_CLIENT: String((server.address() as AddressInfo).port) }, execArgv: process.execArgv });
  const ms = await new Promise<number>((resolve) => {
    server.on('connection', () => {
      if (accepted++ === 0) first = Date.now();
      if (accepted === CONNS) resolve(Date.now() - first);
    });
  });
  stopBusy();
  client.send('go');
  await new Promise((r) => client.once('exit', r));
  server.closeAllConnections();
  server.close();
  return ms;
}

/** Keeps the event loop busy for turns of `busyMs` (0: idle) until the returned function is called. */
function busyLoop(busyMs: number): () => void {
  let running = true;
  const turn = () => {
    const until = performance.now() + busyMs;
    while (performance.now() < until);
    if (running) setTimeout(turn, 0);
  };
  if (busyMs > 0) turn();
  return () => {
    running = false;
  };
}
