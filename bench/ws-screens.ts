/**
 * The k6 screens scenario (loadtest/screens.js) in Node, for profiling where k6 is not built
 * and for what k6 does not show: it starts a server (this checkout or SERVER_DIR) with
 * bench/server-probe.ts preloaded, logs in the floor, opens CLIENTS raw Engine.IO WebSockets
 * from WORKERS child processes, posts probes every 250 ms and GETs health every 100 ms, then
 * prints event-to-client latency split by when the probe was posted (while screens were still
 * subscribing, or after every screen had its answer), latency per second of the run, health,
 * the server's event-loop stalls and GC pauses with their times, and heapUsed per client
 * (after full GCs, with the screens connected, minus before they connected).
 *   node --import tsx bench/ws-screens.ts big-floor|small-floor|storm   (env overrides: CLIENTS=, HOLD_MS=, ...)
 *   HEAP_SNAPSHOT=<prefix> writes heap snapshots before and with the screens (<prefix>-before/-with.heapsnapshot;
 *   bench/heap-diff.ts tells what grew per screen).
 *   CPU_PROF=<file> also writes the server's CPU profile of the screens' run (not the logins) there.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

interface Settings {
  TENANTS: number;
  QUEUES_PER_TENANT: number;
  AGENTS_PER_TENANT: number;
  CLIENTS: number;
  HOLD_MS: number;
  STORM_AT_MS: number;
  PROBES: number;
}
const SCENARIOS: Record<string, Settings> = {
  'big-floor': { TENANTS: 20, QUEUES_PER_TENANT: 40, AGENTS_PER_TENANT: 1000, CLIENTS: 1000, HOLD_MS: 25000, STORM_AT_MS: 0, PROBES: 5 },
  'small-floor': { TENANTS: 2, QUEUES_PER_TENANT: 4, AGENTS_PER_TENANT: 30, CLIENTS: 10000, HOLD_MS: 40000, STORM_AT_MS: 0, PROBES: 2 },
  storm: { TENANTS: 20, QUEUES_PER_TENANT: 20, AGENTS_PER_TENANT: 250, CLIENTS: 1000, HOLD_MS: 25000, STORM_AT_MS: 12000, PROBES: 5 },
};
const tenant = (i: number) => `t${String(i).padStart(2, '0')}`;
const PROBE = '"reason":"lt';

interface WorkerResult {
  /** Pairs of (probe post time, arrival time), epoch ms. */
  arrivals: number[];
  /** Epoch ms at which each screen had its first subscribe answer. */
  ready: number[];
  /** ms from the storm drop to the first update after coming back, per screen. */
  stormBack: number[];
  failures: number;
  /** Updates that built on a version the screen never got (it lagged and was left out); each one resubscribes. */
  gaps: number;
}

/** The integer after the last `key` in `msg` (0 when absent): version fields come after the views. */
function numberAfter(msg: string, key: string): number {
  const at = msg.lastIndexOf(key);
  return at < 0 ? 0 : parseInt(msg.slice(at + key.length, at + key.length + 16), 10);
}

if (process.env.SCREENS_WORKER) {
  // One worker: screens `from`..`to` of the run, opened at once (as one k6 VU opens its screens).
  const { url, from, to, tenants, stormAt } = JSON.parse(process.env.SCREENS_WORKER) as { url: string; from: number; to: number; tenants: number; stormAt: number };
  const result: WorkerResult = { arrivals: [], ready: [], stormBack: [], failures: 0, gaps: 0 };
  let pending = to - from;
  const sockets = new Set<WebSocket>();
  const screen = (index: number) => {
    const scope = tenant(index % tenants);
    let dropped = 0;
    let fresh = false;
    let first = true;
    const open = () => {
      let subscribed = false;
      let have = 0;
      let resubscribing = false;
      const subscribe = () => ws.send(`420["subscribe",{"tenants":["${scope}"],"agents":false}]`);
      const ws = new WebSocket(`${url}/socket.io/?EIO=4&transport=websocket`);
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => result.failures++);
      ws.on('message', (data: Buffer) => {
        const msg = data.toString();
        if (msg === '2') return ws.send('3');
        if (msg[0] === '0') return ws.send('40');
        if (msg.startsWith('40')) return subscribe();
        if (msg.startsWith('430')) {
          if (!msg.includes('"ok":true')) result.failures++;
          have = numberAfter(msg, '"version":');
          resubscribing = false;
          subscribed = true;
          if (first) {
            first = false;
            result.ready.push(Date.now());
            if (--pending === 0) process.send?.('ready');
          }
          return;
        }
        if (msg.startsWith('42["update"')) {
          const now = Date.now();
          if (!resubscribing) {
            // As the wallboard does: an update built on a version this screen never got asks for a snapshot.
            if (numberAfter(msg, '"base":') > have) {
              result.gaps++;
              resubscribing = true;
              subscribe();
            } else {
              have = Math.max(have, numberAfter(msg, '"version":'));
            }
          }
          for (let at = msg.indexOf(PROBE); at >= 0; at = msg.indexOf(PROBE, at + 24)) result.arrivals.push(Number(msg.slice(at + PROBE.length, at + PROBE.length + 13)), now);
          if (dropped && subscribed && !fresh) {
            fresh = true;
            result.stormBack.push(now - dropped);
          }
        }
      });
      return ws;
    };
    let ws = open();
    if (stormAt) {
      setTimeout(() => {
        dropped = Date.now();
        ws.terminate();
        ws = open();
      }, stormAt - Date.now());
    }
  };
  for (let i = from; i < to; i++) screen(i);
  process.on('message', (m) => {
    if (m === 'results') process.send?.({ results: result });
    if (m === 'bye') {
      for (const s of sockets) s.terminate();
      process.exit(0);
    }
  });
} else {
  const name = process.argv[2] ?? 'big-floor';
  const base = SCENARIOS[name];
  if (!base) throw new Error(`usage: ws-screens.ts <${Object.keys(SCENARIOS).join('|')}>`);
  const s = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, Number(process.env[k] ?? v)])) as unknown as Settings;
  const WORKERS = Number(process.env.WORKERS ?? Math.max(1, Math.ceil(s.CLIENTS / 2500)));
  // Below 32768: the probe listens on PORT + 1, and outgoing connections take ports from 32768 up.
  const PORT = Number(process.env.LOAD_PORT ?? 20000 + Math.floor(Math.random() * 12000));
  const PROBE_PORT = PORT + 1;
  const HTTP = `http://127.0.0.1:${PORT}`;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-bench-'));
  const server = spawn('bash', ['-c', `ulimit -n $(ulimit -Hn) 2>/dev/null; exec node --expose-gc --max-semi-space-size=32 --import tsx --import ${join(here, 'server-probe.ts')} server/index.ts`], {
    cwd: process.env.SERVER_DIR ?? process.cwd(),
    // Every screen is the one open-mode principal: the per-principal socket cap (500 by default) is lifted above CLIENTS,
    // and all open at once from this machine: the bound on connections not signed in yet (2,000) too (loadtest/run.ts).
    env: { ...process.env, PORT: String(PORT), PROBE_PORT: String(PROBE_PORT), HOST: '127.0.0.1', SIMULATOR: 'off', LOG_LEVEL: 'warn', DATA_DIR: dataDir, MAX_SOCKETS_PER_PRINCIPAL: '100000', MAX_PENDING_CONNECTIONS: '100000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const probe = async <T>(path: string): Promise<T> => (await fetch(`http://127.0.0.1:${PROBE_PORT}${path}`)).json() as Promise<T>;
  const post = (lines: string[]) => fetch(`${HTTP}/api/v1/events`, { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
  const stats = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    return `p50 ${pct(v, 50)} / p95 ${pct(v, 95)} / p99 ${pct(v, 99)} / max ${v[v.length - 1] ?? NaN} ms (n ${v.length})`;
  };
  try {
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('server did not come up in 30 s');
      try {
        if ((await fetch(`${HTTP}/api/v1/health`)).ok) break;
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    const at = Date.now();
    let lines: string[] = [];
    for (let t = 0; t < s.TENANTS; t++) {
      for (let a = 0; a < s.AGENTS_PER_TENANT; a++) {
        const skills = [`q${a % s.QUEUES_PER_TENANT}`, `q${(a + 1) % s.QUEUES_PER_TENANT}`];
        lines.push(JSON.stringify({ id: `seed-${t}-${a}`, type: 'agent.login', ts: at, tenant: tenant(t), agentId: `a${a}`, name: `Agent ${a}`, teamId: `team${a % 25}`, queues: skills, state: 'available' }));
        if (lines.length >= 5000) {
          await post(lines);
          lines = [];
        }
      }
    }
    if (lines.length) await post(lines);
    await sleep(1000); // the first push cycles after the logins
    const heapBefore = await probe<NodeJS.MemoryUsage>('/heap');
    if (process.env.HEAP_SNAPSHOT) await probe(`/heap-snapshot?file=${encodeURIComponent(`${process.env.HEAP_SNAPSHOT}-before.heapsnapshot`)}`);
    await sleep(500);
    await probe('/stalls');
    if (process.env.CPU_PROF) await probe('/profile/start');
    const load0 = loadavg();
    const t0 = Date.now();
    const stormAt = s.STORM_AT_MS ? t0 + s.STORM_AT_MS : 0;
    const holdUntil = t0 + s.HOLD_MS;
    const workers = Array.from({ length: WORKERS }, (_, w) => {
      const from = Math.floor((w * s.CLIENTS) / WORKERS);
      const to = Math.floor(((w + 1) * s.CLIENTS) / WORKERS);
      return fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, SCREENS_WORKER: JSON.stringify({ url: HTTP.replace('http', 'ws'), from, to, tenants: s.TENANTS, stormAt, holdUntil }) } });
    });
    let readyWorkers = 0;
    let allReady = 0;
    for (const w of workers) w.on('message', (m) => m === 'ready' && ++readyWorkers === WORKERS && (allReady = Date.now()));
    const health: [number, number][] = [];
    const healthTimer = setInterval(() => {
      const sent = Date.now();
      void fetch(`${HTTP}/api/v1/health`).then(async (r) => {
        await r.arrayBuffer();
        health.push([sent, Date.now() - sent]);
      });
    }, 100);
    let it = 0;
    const driveTimer = setInterval(() => {
      const now = Date.now();
      const probes: string[] = [];
      for (let t = 0; t < s.TENANTS; t++)
        for (let p = 0; p < s.PROBES; p++) probes.push(JSON.stringify({ id: `probe-${it}-${t}-${p}`, type: 'agent.state', ts: now, tenant: tenant(t), agentId: `a${(it * s.PROBES + p) % s.AGENTS_PER_TENANT}`, state: 'aux', reason: `lt${now}` }));
      it++;
      void post(probes).then((r) => r.arrayBuffer());
    }, 250);
    await sleep(holdUntil - Date.now() - 1500);
    clearInterval(driveTimer);
    clearInterval(healthTimer);
    await sleep(1000);
    const { stalls, gcs } = await probe<{ stalls: { at: number; ms: number; cpuMs: number }[]; gcs: { at: number; ms: number; kind: string }[] }>('/stalls');
    if (process.env.CPU_PROF) await probe(`/profile/stop?file=${encodeURIComponent(process.env.CPU_PROF)}`);
    const heapWith = await probe<NodeJS.MemoryUsage>('/heap');
    if (process.env.HEAP_SNAPSHOT) await probe(`/heap-snapshot?file=${encodeURIComponent(`${process.env.HEAP_SNAPSHOT}-with.heapsnapshot`)}`);
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise<WorkerResult>((r) => {
            w.on('message', (m) => typeof m === 'object' && m && 'results' in m && r((m as { results: WorkerResult }).results));
            w.send('results');
          }),
      ),
    );
    for (const w of workers) w.send('bye');
    const load1 = loadavg();
    const arrivals = results.flatMap((r) => r.arrivals);
    const ready = results.flatMap((r) => r.ready);
    const all: number[] = [];
    const subscribing: number[] = [];
    const steady: number[] = [];
    const bySecond = new Map<number, number[]>();
    const cutoff = allReady || Infinity;
    for (let i = 0; i < arrivals.length; i += 2) {
      const lat = arrivals[i + 1] - arrivals[i];
      all.push(lat);
      (arrivals[i] < cutoff ? subscribing : steady).push(lat);
      const sec = Math.floor((arrivals[i] - t0) / 1000);
      // Pushed in place: copying the second's array per arrival was quadratic (10,000 screens never finished).
      let inSecond = bySecond.get(sec);
      if (!inSecond) bySecond.set(sec, (inSecond = []));
      inSecond.push(lat);
    }
    const rel = (at: number) => ((at - t0) / 1000).toFixed(2);
    console.log(`== ${name} (node screens), ${new Date().toISOString()}, server ${process.env.SERVER_DIR ?? process.cwd()} ==`);
    console.log(`settings ${JSON.stringify(s)}, ${WORKERS} client processes; load average before ${load0.map((x) => x.toFixed(1)).join(' ')}, after ${load1.map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`subscribed ${ready.length} of ${s.CLIENTS}; all by ${allReady ? rel(allReady) : 'never'} s; ready after start ${stats(ready.map((r) => r - t0))}; failures ${results.reduce((n, r) => n + r.failures, 0)}; version gaps (resubscribed) ${results.reduce((n, r) => n + r.gaps, 0)}`);
    if (s.STORM_AT_MS) console.log(`storm back fresh ${stats(results.flatMap((r) => r.stormBack))}`);
    console.log(`event to client, all:                 ${stats(all)}`);
    console.log(`  posted while screens subscribed:    ${stats(subscribing)}`);
    console.log(`  posted after all were subscribed:   ${stats(steady)}`);
    console.log(`health ${stats(health.map((h) => h[1]))}`);
    if (s.STORM_AT_MS) console.log(`  health from the storm to 5 s after: ${stats(health.filter((h) => h[0] >= stormAt && h[0] < stormAt + 5000).map((h) => h[1]))}`);
    console.log('per second of post time: p99 / max latency ms (arrivals); worst health ms');
    for (const [sec, xs] of [...bySecond].sort((a, b) => a[0] - b[0])) {
      const v = xs.sort((a, b) => a - b);
      const h = health.filter((x) => Math.floor((x[0] - t0) / 1000) === sec).map((x) => x[1]);
      console.log(`  ${String(sec).padStart(3)} s: ${pct(v, 99)} / ${v[v.length - 1]} (${v.length}); health ${h.length ? Math.max(...h) : '-'}`);
    }
    console.log(`stalls >= ${process.env.STALL_MS ?? 50} ms (s after start: ms): ${stalls.map((x) => `${rel(x.at)}: ${x.ms}/${x.cpuMs}cpu`).join(', ') || 'none'}`);
    console.log(`GC pauses >= 10 ms: ${gcs.map((x) => `${rel(x.at)}: ${x.ms} ${x.kind}`).join(', ') || 'none'}`);
    console.log(`heapUsed ${(heapBefore.heapUsed / 1048576).toFixed(1)} MB before the screens, ${(heapWith.heapUsed / 1048576).toFixed(1)} MB with ${ready.length} subscribed (after full GC): ${((heapWith.heapUsed - heapBefore.heapUsed) / Math.max(1, ready.length) / 1024).toFixed(2)} KB per client; external + arrayBuffers ${((heapWith.external - heapBefore.external) / Math.max(1, ready.length) / 1024).toFixed(2)} KB per client; RSS ${((heapWith.rss - heapBefore.rss) / Math.max(1, ready.length) / 1024).toFixed(1)} KB per client`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
