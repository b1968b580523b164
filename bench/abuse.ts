/**
 * Health latency while each of the trust review's worst inputs is sent to a server in its own
 * process (so the sender's work does not count): p50, p99 and max per input, in ms.
 * `npm run bench:abuse [-- <part of a name>]` (only the inputs whose names hold it); figures go in
 * docs/security.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ABUSES } from './abuse-inputs.ts';

const TOKEN = 'bench-admin-token-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
// A data directory of its own: the inputs (a thousand junk queues among them) must never land in
// the floor `npm start` keeps in ./data.
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-abuse-'));
// The server runs with the flags `npm start` uses.
const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'server/index.ts'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SIMULATOR: 'off', LOG_LEVEL: 'silent', TIMEZONE: 'Asia/Taipei', FLOORBOARD_TOKENS: JSON.stringify([{ token: TOKEN, name: 'bench', tenants: ['*'], role: 'admin' }]) },
  stdio: 'inherit',
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    await fetch(`${base}/api/v1/health`);
    break;
  } catch {
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls health from a thread of its own, so the sender's work here never delays a poll. */
function pollInThread(url: string, everyMs: number): { stop(): Promise<number[]> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const out = []; let done = false;
     parentPort.on('message', () => { done = true; });
     (async () => {
       while (!done) {
         const t0 = performance.now();
         await (await fetch(workerData.url)).arrayBuffer();
         out.push(performance.now() - t0);
         await new Promise((r) => setTimeout(r, workerData.everyMs));
       }
       parentPort.postMessage(out);
     })();`,
    { eval: true, workerData: { url, everyMs } },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (out: number[]) => void worker.terminate().then(() => resolve(out)));
        worker.postMessage('stop');
      }),
  };
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
console.log('health latency (ms) while each input is sent; after a warm-up pass; each input sent from its own process; health polled every 5 ms from a thread, from 200 ms before the input until it is answered');
console.log('input'.padEnd(62), 'samples', '   p50', '   p99', '   max');
/** Sends abuse `i` from a process of its own, so building the input never shares this process's core time with the poller. */
function sendFromChild(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'bench/abuse-send.ts', String(i), base, TOKEN], { stdio: 'inherit' });
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited with ${code}`))));
  });
}

const chosen = [...ABUSES.entries()].filter(([, a]) => a.name.includes(process.argv[2] ?? ''));
// One unmeasured pass first, so the server's code is compiled before the figures are taken.
for (const [i] of chosen) await sendFromChild(i);
for (const [i, abuse] of chosen) {
  const poller = pollInThread(`${base}/api/v1/health`, 5);
  await new Promise((r) => setTimeout(r, 200));
  await sendFromChild(i);
  const lat = await poller.stop();
  console.log(abuse.name.padEnd(62), String(lat.length).padStart(7), q(lat, 0.5).toFixed(1).padStart(6), q(lat, 0.99).toFixed(1).padStart(6), Math.max(...lat).toFixed(1).padStart(6));
}
const exited = new Promise((r) => child.once('exit', r));
child.kill();
await exited;
rmSync(dataDir, { recursive: true, force: true });
