/**
 * How long one schedule import holds the server's event loop, on the embedded store: a server in a
 * process of its own (with bench/server-probe.ts preloaded to see its loop) takes a PUT of
 * SEGMENTS segments (6 an agent) three times, each on a fresh data directory (after a 6-segment
 * import of another tenant, so the first request's module loading is not counted), then is killed -9
 * and started again to read its log back. Prints, for each run, the import's total time and the
 * longest stall of the loop during it (and the CPU the process used in that stall: on a shared
 * machine a stall may partly be waiting for a core), the longest GC pause, and how long the restart took to answer
 * health (it reads the log back and applies it before it listens).
 *   node --import tsx bench/schedule-import.ts [segments...]      (default 20000 120000)
 * SERVER_DIR=<a checkout> runs that checkout's server instead (a before/after comparison).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/helpers/redis-server.ts';

const serverDir = resolve(process.env.SERVER_DIR ?? '.');
const probe = resolve(import.meta.dirname, 'server-probe.ts');
const sizes = process.argv.slice(2).map(Number);
const RUNS = 3;
const HOUR = 3_600_000;

/** Tomorrow in Taipei (the server runs on the real clock, Asia/Taipei). */
const date = new Date(Date.now() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
const midnight = Date.parse(`${date}T00:00:00+08:00`);
const iso = (t: number) => new Date(t + 8 * HOUR).toISOString().replace('.000Z', '+08:00');
const ACTIVITIES = ['phone', 'break', 'phone', 'lunch', 'phone', 'meeting'];

/** CSV of `segments` segments: agents of six 80-minute segments from 06:00, every 90 minutes. */
function body(segments: number): string {
  const lines = ['agent_id,start,end,activity'];
  for (let i = 0; i < segments; i++) {
    const k = i % 6;
    const start = midnight + 6 * HOUR + k * 90 * 60_000;
    lines.push(`agent-${String(Math.floor(i / 6)).padStart(5, '0')},${iso(start)},${iso(start + 80 * 60_000)},${ACTIVITIES[k]}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Server {
  base: string;
  probe: string;
  child: ChildProcess;
  exited: Promise<void>;
}

async function start(dataDir: string): Promise<{ server: Server; startMs: number }> {
  const [port, probePort] = [await freePort(), await freePort()];
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', '--import', probe, 'server/index.ts'], {
    cwd: serverDir,
    env: { ...process.env, SIMULATOR: 'off', LOG_LEVEL: 'error', TIMEZONE: 'Asia/Taipei', HOST: '127.0.0.1', PORT: String(port), PROBE_PORT: String(probePort), STALL_MS: '5', DATA_DIR: dataDir, DIRECTORY_FILE: 'none' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 600) throw new Error('server did not answer health within 60 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { server: { base, probe: `http://127.0.0.1:${probePort}`, child, exited }, startMs: performance.now() - t0 };
}

/**
 * The longest stall (ms) since the last call with the CPU (ms) the process used in it, and the
 * most CPU any one stall used (on a loaded machine the longest is mostly a wait for a core).
 */
async function longestStall(s: Server): Promise<{ ms: number; cpuMs: number; maxCpuMs: number; gcMs: number }> {
  const { stalls, gcs } = (await (await fetch(`${s.probe}/stalls`)).json()) as { stalls: { ms: number; cpuMs: number }[]; gcs: { ms: number }[] };
  const longest = stalls.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, cpuMs: 0 });
  return { ...longest, maxCpuMs: Math.max(0, ...stalls.map((x) => x.cpuMs)), gcMs: Math.max(0, ...gcs.map((g) => g.ms)) };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${Math.round(s[0])} / ${Math.round(s[Math.floor(s.length / 2)])} / ${Math.round(s.at(-1)!)}`;
};

console.log(`server: ${serverDir}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const segments of sizes.length ? sizes : [20_000, 120_000]) {
  const text = body(segments);
  const rows: { importMs: number; importStall: number; stallCpu: number; restartMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-bench-schedule-'));
    try {
      let { server } = await start(dataDir);
      // A small import first: the first request of a process compiles the modules it loads (150-180 ms stalls).
      const warm = await fetch(`${server.base}/api/v1/schedules/${date}?tenant=warm`, { method: 'PUT', body: body(6), headers: { 'content-type': 'text/csv' } });
      if (warm.status !== 200) throw new Error(`warm-up import answered ${warm.status}`);
      await new Promise((r) => setTimeout(r, 500));
      await longestStall(server);
      const t0 = performance.now();
      const r = await fetch(`${server.base}/api/v1/schedules/${date}?tenant=acme`, { method: 'PUT', body: text, headers: { 'content-type': 'text/csv' } });
      const answer = await r.text();
      const importMs = performance.now() - t0;
      if (r.status !== 200) throw new Error(`import answered ${r.status}: ${answer.slice(0, 300)}`);
      const held = await longestStall(server);
      server.child.kill('SIGKILL');
      await server.exited;
      const again = await start(dataDir);
      server = again.server;
      const back = (await (await fetch(`${server.base}/api/v1/schedules/${date}?tenant=acme&agentId=agent-00000`)).json()) as { segments: unknown[] };
      if (back.segments.length !== 6) throw new Error(`read back ${back.segments.length} segments of agent-00000, not 6`);
      server.child.kill('SIGKILL');
      await server.exited;
      rows.push({ importMs, importStall: held.ms, stallCpu: held.maxCpuMs, restartMs: again.startMs });
      console.log(`${segments} segments, run ${run + 1}: import ${Math.round(importMs)} ms, longest stall ${held.ms} ms (cpu ${held.cpuMs} ms), most cpu in a stall ${held.maxCpuMs} ms, longest GC pause ${held.gcMs} ms; restart ${Math.round(again.startMs)} ms`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`${segments} segments (${(text.length / 1e6).toFixed(1)} MB), min / median / max of ${RUNS}: import ${stats(rows.map((r) => r.importMs))} ms, longest stall ${stats(rows.map((r) => r.importStall))} ms, most cpu in a stall ${stats(rows.map((r) => r.stallCpu))} ms; restart ${stats(rows.map((r) => r.restartMs))} ms`);
}
