/**
 * HTTP ingest through a real server process (file store, group commit as in production): NDJSON
 * batches of 5,000 lines posted in order by two senders, so the server never waits for a body.
 * Each repetition starts a fresh server on an empty data directory, so no run replays an earlier
 * run's log at start or sees its events as duplicates.
 *   node --import tsx bench/http-ingest.ts [reps]   (COPIES=40 by default, as npm run bench;
 *   SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/p" profiles the server)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INGEST_BATCH = 5_000;

export interface IngestRun {
  /** Accepted events per second, from the first request to the last answer. */
  rate: number;
  accepted: number;
  seconds: number;
  /** Server CPU seconds (user + system) spent over the run, from /proc. */
  cpuSeconds: number;
}

/** CPU seconds (user + system) of a process so far, from /proc (Linux). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in USER_HZ ticks
}

/** Posts `lines` to a fresh server once; resolves with the rate. */
export async function ingestOnce(lines: readonly string[]): Promise<IngestRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, ['--max-semi-space-size=32', ...(process.env.SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SIMULATOR: 'off', LOG_LEVEL: 'error', TIMEZONE: 'Asia/Taipei', MAX_FUTURE_SECONDS: String(10 * 365 * 86400), MAX_BODY_BYTES: String(64 * 1024 * 1024) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/v1/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const bodies: string[] = [];
    for (let i = 0; i < lines.length; i += INGEST_BATCH) bodies.push(lines.slice(i, i + INGEST_BATCH).join('\n'));
    let next = 0;
    let accepted = 0;
    const cpu0 = cpuOf(server.pid!);
    const t0 = process.hrtime.bigint();
    await Promise.all(
      [0, 1].map(async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await fetch(`${base}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
          accepted += ((await res.json()) as { accepted: number }).accepted;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { rate: accepted / seconds, accepted, seconds, cpuSeconds: cpuOf(server.pid!) - cpu0 };
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `reps` fresh-server runs, printed as the bench prints them; returns the runs. */
export async function benchIngest(lines: readonly string[], reps: number): Promise<IngestRun[]> {
  const load0 = loadavg()[0];
  const runs: IngestRun[] = [];
  for (let r = 0; r < reps; r++) runs.push(await ingestOnce(lines));
  const sorted = runs.map((r) => r.rate).sort((a, b) => a - b);
  const perCpu = runs.map((r) => r.accepted / r.cpuSeconds).sort((a, b) => a - b);
  const mmm = (s: number[]) => [s[0], s[s.length >> 1], s[s.length - 1]].map(fmt).join(' / ');
  console.log(`HTTP ingest (NDJSON, ${INGEST_BATCH}/batch, file store), ${reps} fresh servers (load average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}; min / median / max):`);
  console.log(`  ${mmm(sorted)} events/s accepted (target >= 150,000); ${fmt(runs[0].accepted)} events a run`);
  console.log(`  ${mmm(perCpu)} events per server CPU second`);
  return runs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { simulatedDay } = await import('./day-events.ts');
  const lines = [...simulatedDay(Number(process.env.COPIES ?? 40))].flat().map((e) => JSON.stringify(e));
  await benchIngest(lines, Number(process.argv[2] ?? 3));
}
