/**
 * One command per load scenario: starts a fresh server on 127.0.0.1 (simulator off, its own
 * data directory, file store), runs the k6 script against it with the scenario's settings,
 * samples the server's CPU and memory from /proc every second, then prints CPU %, peak RSS
 * and RSS per client next to k6's own summary. The server runs with bench/server-probe.ts
 * preloaded (a loopback-only port, PORT + 1): screens.js marks heapUsed after full GCs at the
 * end of its setup and with every screen connected, and this prints the difference per client
 * with the event-loop stalls and GC pauses of the run.
 *   npm run load:big-floor | load:small-floor | load:storm | load:ingest   (extra k6 -e flags via K6_ENV="A=1 B=2")
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Scenario {
  script: string;
  /** k6 -e settings. */
  env: Record<string, string>;
  /** Connected clients, for memory per client (0: none). */
  clients: number;
  /** Extra server environment. */
  server?: Record<string, string>;
}

/**
 * Every screen of a scenario signs in as the one open-mode principal, so the per-principal socket
 * cap (500 by default) is lifted far above the scenario's screens, a storm's overlap included.
 * And every screen opens within the first second from this one machine, each waiting for k6's
 * busy loop to send its CONNECT: the bound on connections not signed in yet (2,000 by default,
 * counted for the whole process) is lifted too, as a floor's screens answer on their own CPUs and
 * a generator that lags is not what the scenarios measure. The connect timeout stays at its 10 s.
 * With PAGE_MS (board pages), the pages one sign-in may have waiting are lifted too.
 */
const ONE_SIGN_IN_SCREENS = { MAX_SOCKETS_PER_PRINCIPAL: '100000', MAX_PENDING_CONNECTIONS: '100000', MAX_PAGES_WAITING_PER_PRINCIPAL: '100000' };

const SCENARIOS: Record<string, Scenario> = {
  // 20,000 agents, 800 queues, 20 tenants; 1,000 screens each scoped to one tenant.
  'big-floor': { script: 'screens.js', env: { TENANTS: '20', QUEUES_PER_TENANT: '40', AGENTS_PER_TENANT: '1000', CLIENTS: '1000', PER_VU: '50', HOLD_MS: '25000' }, clients: 1000, server: ONE_SIGN_IN_SCREENS },
  // 10,000 screens on a small floor (2 tenants, 8 queues, 60 agents).
  'small-floor': { script: 'screens.js', env: { TENANTS: '2', QUEUES_PER_TENANT: '4', AGENTS_PER_TENANT: '30', CLIENTS: '10000', PER_VU: '250', HOLD_MS: '40000', PROBES: '2' }, clients: 10000, server: ONE_SIGN_IN_SCREENS },
  // 1,000 screens on a 5,000-agent floor all drop at 10 s and come straight back.
  storm: { script: 'screens.js', env: { TENANTS: '20', QUEUES_PER_TENANT: '20', AGENTS_PER_TENANT: '250', CLIENTS: '1000', PER_VU: '50', HOLD_MS: '25000', STORM_AT_MS: '12000' }, clients: 1000, server: ONE_SIGN_IN_SCREENS },
  // Sustained HTTP ingest of complete call lifecycles (the events route waits for the file store's group commit).
  ingest: { script: 'ingest.js', env: { VUS: '8', BATCH: '1000', DURATION: '20s' }, clients: 0 },
};

const name = process.argv[2] ?? '';
const scenario = SCENARIOS[name];
if (!scenario) {
  console.error(`usage: run.ts <${Object.keys(SCENARIOS).join('|')}>`);
  process.exit(2);
}
const PORT = process.env.LOAD_PORT ?? '3977';
const PROBE_PORT = String(Number(PORT) + 1);
const PROBE = `http://127.0.0.1:${PROBE_PORT}`;
const probeModule = fileURLToPath(new URL('../bench/server-probe.ts', import.meta.url));
const K6 = process.env.K6 ?? join(process.env.HOME ?? '', 'go/bin/k6');
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-load-'));
const TICK_HZ = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s

/** Starts a command under bash with the open-file limit raised (10,000 sockets need it). */
function withUlimit(cmd: string, env: NodeJS.ProcessEnv, inherit: boolean, cwd = process.cwd()): ChildProcess {
  return spawn('bash', ['-c', `ulimit -n $(ulimit -Hn) 2>/dev/null; exec ${cmd}`], { env, cwd, stdio: inherit ? 'inherit' : ['ignore', 'inherit', 'inherit'] });
}

/** CPU seconds (user + system) and resident memory (bytes) of a process, from /proc. */
function sample(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / TICK_HZ; // utime, stime (fields 14, 15)
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return { cpu, rss };
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not come up in 20 s');
}

const serverEnv = { ...process.env, PORT, PROBE_PORT, HOST: '127.0.0.1', SIMULATOR: 'off', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...scenario.server };
// SERVER_DIR runs another checkout's server (a "before" figure) under the same load; the probe is this checkout's.
// SERVER_NODE_FLAGS replaces the heap flags of `npm start` (e.g. another young-generation size).
const server = withUlimit(`node --expose-gc ${process.env.SERVER_NODE_FLAGS ?? '--max-semi-space-size=32'} --import tsx --import ${probeModule} server/index.ts`, serverEnv, false, process.env.SERVER_DIR ?? process.cwd());
const pid = () => {
  if (server.pid === undefined) throw new Error('server has no pid');
  return server.pid;
};
try {
  await waitForHealth();
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const before = sample(pid());
  const t0 = Date.now();
  let peak = before.rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, sample(pid()).rss);
  }, 1000);
  const extra = (process.env.K6_ENV ?? '').split(' ').filter(Boolean);
  await fetch(`${PROBE}/stalls`); // from here on
  const envFlags = [...Object.entries(scenario.env).map(([k, v]) => `${k}=${v}`), ...extra, `BASE=http://127.0.0.1:${PORT}`, ...(scenario.clients ? [`PROBE=${PROBE}`] : [])].map((kv) => `-e ${kv}`).join(' ');
  const k6 = withUlimit(`${K6} run --quiet ${envFlags} loadtest/${scenario.script}`, process.env, true);
  let k6Cpu = 0;
  const k6Timer = setInterval(() => {
    try {
      if (k6.pid !== undefined) k6Cpu = sample(k6.pid).cpu;
    } catch {
      // k6 has exited between two samples
    }
  }, 1000);
  const code: number = await new Promise((r) => k6.on('exit', (c) => r(c ?? 1)));
  clearInterval(timer);
  clearInterval(k6Timer);
  const after = sample(pid());
  const wall = (Date.now() - t0) / 1000;
  const mb = (b: number) => (b / 1048576).toFixed(1);
  console.log(`\n== server (${name}, ${new Date().toISOString()}) ==`);
  // Other work on the machine skews every latency: the load average says how busy it was.
  console.log(`load average before ${loadBefore}, after ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
  console.log(`CPU ${(((after.cpu - before.cpu) / wall) * 100).toFixed(0)}% of one core over ${wall.toFixed(1)} s (${(after.cpu - before.cpu).toFixed(1)} CPU s)`);
  console.log(`RSS ${mb(before.rss)} MB before, peak ${mb(peak)} MB`);
  // On a 2-core machine k6 competes with the server: when k6 uses most of the CPU, latencies are k6's.
  console.log(`k6 used ${k6Cpu.toFixed(1)} CPU s (${((k6Cpu / wall) * 100).toFixed(0)}% of one core)`);
  if (scenario.clients) console.log(`RSS per client (peak − before, floor included) ${((peak - before.rss) / scenario.clients / 1024).toFixed(1)} KB`);
  const marks = (await (await fetch(`${PROBE}/marks`)).json()) as Record<string, NodeJS.MemoryUsage & { sockets: number }>;
  if (marks.before && marks.with) {
    // Per open socket at the mark (not per scenario client: some may not have connected yet).
    const n = Math.max(1, marks.with.sockets - marks.before.sockets);
    const per = (k: 'heapUsed' | 'external' | 'arrayBuffers') => ((marks.with[k] - marks.before[k]) / n / 1024).toFixed(2);
    console.log(`heapUsed after full GCs ${mb(marks.before.heapUsed)} MB after setup, ${mb(marks.with.heapUsed)} MB with ${n} more sockets open: ${per('heapUsed')} KB per socket (external ${per('external')} KB, of which array buffers ${per('arrayBuffers')} KB)`);
  }
  const { stalls, gcs } = (await (await fetch(`${PROBE}/stalls`)).json()) as { stalls: { at: number; ms: number; cpuMs: number }[]; gcs: { at: number; ms: number; kind: string }[] };
  const worst = <T extends { ms: number }>(xs: T[], by: (x: T) => number = (x) => x.ms) => [...xs].sort((a, b) => by(b) - by(a)).slice(0, 8);
  const rel = (at: number) => ((at - t0) / 1000).toFixed(1);
  // Wall time of a stall includes waiting for a core on a busy machine; the CPU part is the server's own work.
  console.log(`event-loop stalls >= 50 ms: ${stalls.length}, longest (s after k6 start: wall ms / CPU ms) ${worst(stalls).map((x) => `${rel(x.at)}: ${x.ms}/${x.cpuMs}`).join(', ') || '-'}`);
  console.log(`  most CPU in one stall: ${worst(stalls, (x) => x.cpuMs).map((x) => `${rel(x.at)}: ${x.ms}/${x.cpuMs}`).join(', ') || '-'}`);
  console.log(`GC pauses >= 10 ms: ${gcs.length}, ${gcs.reduce((n, g) => n + g.ms, 0)} ms in all, worst ${worst(gcs).map((x) => `${rel(x.at)}: ${x.ms} ${x.kind}`).join(', ') || '-'}`);
  process.exitCode = code;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
