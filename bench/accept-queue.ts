/**
 * How long a Node HTTP server takes to accept CONNS connections that arrive at once, while its
 * event loop runs turns of BUSY_MS (0: idle). Node 20's libuv accepts about one connection per
 * readiness report of the listening socket, so a busy loop takes a handful per turn and the
 * rest wait in the kernel's accept queue: a connection opened during a reconnect storm (a new
 * ingest client, a load balancer's health check) waits behind the storm's handshakes before any
 * of this server's code sees it. The connections come from a child process, as a real client's
 * would.
 *   node --import tsx bench/accept-queue.ts [CONNS=1000] [BUSY_MS list, default 0,2,5,15,30]
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

const CONNS = Number(process.argv[2] ?? 1000);
const BUSY = (process.argv[3] ?? '0,2,5,15,30').split(',').map(Number);

if (process.env.ACCEPT_QUEUE_CLIENT) {
  // The client: open every connection at once and hold them until told to go.
  const port = Number(process.env.ACCEPT_QUEUE_CLIENT);
  for (let i = 0; i < CONNS; i++) connect(port, '127.0.0.1').on('error', () => {});
  process.on('message', () => process.exit(0));
  setTimeout(() => process.exit(0), 30_000);
} else {
  for (const busyMs of BUSY) console.log(`loop turns of ${busyMs} ms: ${CONNS} connections accepted in ${await acceptTime(busyMs)} ms`);
}

/** Ms from the first accepted connection to the last, with the loop busy `busyMs` per turn. */
async function acceptTime(busyMs: number): Promise<number> {
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r));
  let accepted = 0;
  let first = 0;
  let running = true;
  const turn = () => {
    const until = performance.now() + busyMs;
    while (performance.now() < until);
    if (running) setTimeout(turn, 0);
  };
  if (busyMs > 0) turn();
  const client = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, ACCEPT_QUEUE_CLIENT: String((server.address() as AddressInfo).port) }, execArgv: process.execArgv });
  const ms = await new Promise<number>((resolve) => {
    server.on('connection', () => {
      if (accepted++ === 0) first = Date.now();
      if (accepted === CONNS) resolve(Date.now() - first);
    });
  });
  running = false;
  client.send('go');
  await new Promise((r) => client.once('exit', r));
  server.closeAllConnections();
  server.close();
  return ms;
}
