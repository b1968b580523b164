/**
 * The reconnect storm's drop, in process: how long the server's event loop stalls while
 * CLIENTS (1,000) subscribed screens drop their WebSockets at once (loadtest/screens.js at
 * STORM_AT_MS), with nothing else running. The server (this checkout, or SERVER_DIR's) runs in
 * this process on a floor of 20 tenants x 250 agents, as the storm scenario's; the screens are
 * socket.io-client sockets (transports ['websocket']) in a child process, so their own cost
 * does not count, each subscribed to one tenant with agents: false. Each mode connects and
 * subscribes CLIENTS screens afresh, waits for quiet, then drops them all in one go:
 *   close  as k6's `ws.close()`: a close frame (1000), then the TCP socket closed once the
 *          server's close frame arrives (gorilla/websocket's conn.Close()): what the storm does
 *   reset  an abrupt TCP reset (RST), no close frame: a screen whose machine or network dies
 *   fin    the TCP socket closed (FIN) with no close frame
 * and then one server-initiated close of them all (`server`: Socket.IO's `disconnectSockets`).
 * Meanwhile the child posts the storm's probes (5 agents of each tenant to aux every 250 ms, as
 * the k6 driver does), so pushes go out to screens that are closing; DRIVE=0 leaves them out.
 * Printed per mode: the drop's time to the last connection gone, the longest gap between two
 * turns of the loop (what a health request waited at worst), the sum of the gaps of 10 ms or
 * more, and monitorEventLoopDelay's p99 and max over the drop.
 *   node --import tsx bench/ws-drop.ts [close,reset,fin,server] [--cpu-prof <dir>]
 *   CLIENTS=1000 ROUNDS=1 (drops of each mode) SERVER_DIR=<another checkout> (its server/, with node_modules resolvable from it)
 * --cpu-prof writes the server's CPU profile of each drop (<dir>/ws-drop-<mode>.cpuprofile) and
 * prints its heaviest functions by self time.
 * Figures (2026-12-02, docs/performance.md "WebSocket drops"; load average 18-25 from other jobs,
 * so read the CPU ones): a `close` drop's most CPU in one turn min/median/max 89/126/447 ms on
 * main (55c7e9d), 26/51/56 ms with server/realtime/quick-close.ts's paced answers; the server's
 * CPU from the drop to all gone 218/384/691 against 194/286/308 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
/** Drops of each mode, one after another in the same process. */
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const TENANTS = 20;
const AGENTS_PER_TENANT = 250;
const QUEUES_PER_TENANT = 20;
type Mode = 'close' | 'reset' | 'fin' | 'server';
const tenant = (i: number) => `t${String(i).padStart(2, '0')}`;

if (process.env.WS_DROP_CLIENTS) await clients(JSON.parse(process.env.WS_DROP_CLIENTS) as { base: string; count: number });
else await main();

/** The child: connects and subscribes `count` screens, then drops them as the parent says. */
async function clients({ base, count }: { base: string; count: number }): Promise<void> {
  const { io } = await import('socket.io-client');
  type Raw = { close(code: number): void; on(e: 'close', f: () => void): void; _socket: import('node:net').Socket };
  let sockets: ReturnType<typeof io>[] = [];
  const rawOf = (s: ReturnType<typeof io>) => (s.io.engine as unknown as { transport: { ws: Raw } }).transport.ws;
  const connectAll = () =>
    Promise.all(
      Array.from({ length: count }, (_, i) => {
        const s = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(s);
        return new Promise<void>((done, fail) => {
          s.once('connect_error', fail);
          s.once('connect', () => s.emit('subscribe', { tenants: [tenant(i % TENANTS)], agents: false }, (r: { ok: boolean }) => (r.ok ? done() : fail(new Error('subscribe refused')))));
        });
      }),
    );
  process.on('message', async (m: { do: 'connect' | Mode }) => {
    if (m.do === 'connect') {
      sockets = [];
      await connectAll();
      process.send!({ ready: true });
      return;
    }
    // One synchronous loop, as k6 closes a VU's screens in one timer callback each at the same instant.
    for (const s of sockets) {
      const ws = rawOf(s);
      if (m.do === 'close') ws.close(1000);
      else if (m.do === 'reset') ws._socket.resetAndDestroy();
      else if (m.do === 'fin') ws._socket.destroy();
    }
    process.send!({ dropped: true });
  });
  // The storm's driver (loadtest/screens.js `drive`): 5 agents of each tenant go aux every 250 ms, so pushes go out while the screens drop.
  if (process.env.DRIVE !== '0') {
    let round = 0;
    setInterval(() => {
      const now = Date.now();
      const lines: string[] = [];
      for (let t = 0; t < TENANTS; t++) for (let p = 0; p < 5; p++) lines.push(JSON.stringify({ id: `probe-${round}-${t}-${p}`, type: 'agent.state', ts: now, tenant: tenant(t), agentId: `a${(round * 5 + p) % AGENTS_PER_TENANT}`, state: 'aux', reason: `lt${now}` }));
      round++;
      fetch(`${base}/api/v1/events`, { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } }).then((r) => r.arrayBuffer(), () => undefined);
    }, 250);
  }
  process.send!({ up: true });
}

/** One drop's figures (ms). */
interface Figures {
  gone: number;
  /** CPU time (user and system) the server's process took from the drop to the last connection gone: on a shared machine the time another process held the core does not count. */
  cpu: number;
  longest: number;
  /** The most CPU the process used within one gap of the 1 ms timer: the longest turn as a quiet machine would see it. */
  longestCpu: number;
  over10: number;
  p99: number;
  max: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profAt = args.indexOf('--cpu-prof');
  const profDir = profAt >= 0 ? resolve(args.splice(profAt, 2)[1] ?? '.') : null;
  const modes = (args[0] ?? 'close,reset,fin,server').split(',') as Mode[];
  const serverDir = resolve(process.env.SERVER_DIR ?? fileURLToPath(new URL('..', import.meta.url)));
  const { loadConfig } = (await import(pathToFileURL(join(serverDir, 'server/config/config.ts')).href)) as typeof import('../server/config/config.ts');
  const { createApp } = (await import(pathToFileURL(join(serverDir, 'server/http/app.ts')).href)) as typeof import('../server/http/app.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-ws-drop-'));
  const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DIRECTORY_FILE: 'none', MAX_SOCKETS_PER_PRINCIPAL: '100000', MAX_PENDING_CONNECTIONS: '100000', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '100000' }, '/nonexistent');
  const floor = await createApp({ config });
  const port = await floor.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  await seed(base);
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, WS_DROP_CLIENTS: JSON.stringify({ base, count: CLIENTS }) } });
  await said(child, 'up');
  const session = profDir ? new Session() : null;
  if (session) {
    mkdirSync(profDir!, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
  }
  console.log(`ws-drop: ${CLIENTS} screens, server from ${serverDir}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const mode of modes.flatMap((m) => Array<Mode>(ROUNDS).fill(m))) {
    child.send({ do: 'connect' });
    await said(child, 'ready');
    // Quiet: the subscriptions' answers and the first pushes are done.
    await new Promise((r) => setTimeout(r, 1500));
    // A 1 ms timer's gaps: what a request arriving meanwhile waited (a spin of setImmediate cost as much as some drops).
    // With each gap, the CPU the process used in it: on a shared machine a gap also holds the time another process had the core.
    const gaps: number[] = [];
    const gapsCpu: number[] = [];
    let last = performance.now();
    let lastCpu = cpuMs();
    const tick = setInterval(() => {
      const now = performance.now();
      const nowCpu = cpuMs();
      gaps.push(now - last);
      gapsCpu.push(nowCpu - lastCpu);
      last = now;
      lastCpu = nowCpu;
    }, 1);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    if (session) await session.post('Profiler.start');
    const t0 = performance.now();
    const cpu0 = cpuMs();
    if (mode === 'server') floor.io.of('/').disconnectSockets(true);
    else child.send({ do: mode });
    while (floor.io.engine.clientsCount > 0 || floor.connections.total > 0) await new Promise((r) => setTimeout(r, 1));
    const gone = performance.now() - t0;
    const cpu = cpuMs() - cpu0;
    // The turns just after the last one left (timers ws set, sockets' close events) count too.
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(tick);
    delay.disable();
    // After the figures: stopping the profiler holds the loop while it builds the profile.
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      const file = join(profDir!, `ws-drop-${mode}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  ${mode}: CPU profile ${file}`);
      printHeaviest(profile);
    }
    if (mode === 'server') await new Promise((r) => setTimeout(r, 300)); // the child's sockets see their closes
    const f: Figures = { gone, cpu, longest: Math.max(...gaps), longestCpu: Math.max(...gapsCpu), over10: gaps.filter((g) => g >= 10).reduce((a, b) => a + b, 0), p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
    console.log(`  ${mode.padEnd(6)} all ${CLIENTS} gone in ${f.gone.toFixed(0)} ms (${f.cpu.toFixed(0)} ms of CPU); longest turn ${f.longest.toFixed(1)} ms (the most CPU in one: ${f.longestCpu.toFixed(1)} ms), turns of 10 ms or more ${f.over10.toFixed(0)} ms in all; loop delay p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`);
  }
  child.kill();
  await floor.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

/** CPU time (user and system) the process has used, ms. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Logs in the storm scenario's floor (loadtest/run.ts storm): TENANTS x AGENTS_PER_TENANT agents, two skills each. */
async function seed(base: string): Promise<void> {
  const at = Date.now();
  for (let t = 0; t < TENANTS; t++) {
    const lines: string[] = [];
    for (let a = 0; a < AGENTS_PER_TENANT; a++) {
      lines.push(JSON.stringify({ id: `seed-${t}-${a}`, type: 'agent.login', ts: at, tenant: tenant(t), agentId: `a${a}`, name: `Agent ${a}`, teamId: `team${a % 25}`, queues: [`q${a % QUEUES_PER_TENANT}`, `q${(a + 1) % QUEUES_PER_TENANT}`], state: 'available' }));
    }
    const res = await fetch(`${base}/api/v1/events`, { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    if (res.status !== 200) throw new Error(`seeding answered ${res.status}: ${await res.text()}`);
  }
}

/** Waits for the child's message with `key`. */
function said(child: ChildProcess, key: string): Promise<void> {
  return new Promise((done, fail) => {
    const on = (m: Record<string, unknown>) => {
      if (!m[key]) return;
      child.off('message', on);
      done();
    };
    child.on('message', on);
    child.once('exit', (code) => fail(new Error(`the clients' process exited (${code})`)));
  });
}

/** Prints the 12 functions with the most self time in a CPU profile, with their share of the sampled time. */
function printHeaviest(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i]!)!;
    const us = deltas[i] ?? 0;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    const key = `${name} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(server|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  console.log(`    busy ${(total / 1000).toFixed(0)} ms sampled; heaviest by self time:`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`      ${(us / 1000).toFixed(1).padStart(6)} ms ${((100 * us) / total).toFixed(0).padStart(3)}%  ${k}`);
}
