import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './redis-server.ts';

/** A Floorboard server in a process of its own, so a test can kill -9 it. */
export interface ServerProcess {
  base: string;
  /** SIGKILL: no shutdown hooks run, nothing is flushed. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** Tries with a new port after this many lost races for one (see `startServerProcess`). */
const PORT_ATTEMPTS = 5;

/**
 * Starts `server/index.ts` with `env` on a free port and resolves once health answers. The port
 * is free when probed but another process may bind it before the server does (seen in CI beside
 * other suites): a server that exits with EADDRINUSE is started again on another port.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(env);
    if (started !== 'port taken') return started;
    if (attempt >= PORT_ATTEMPTS) throw new Error(`no free port after ${PORT_ATTEMPTS} attempts`);
  }
}

async function startOnce(env: Record<string, string>): Promise<ServerProcess | 'port taken'> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, SIMULATOR: 'off', LOG_LEVEL: 'error', TIMEZONE: 'Asia/Taipei', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  // Passed on as it comes; its tail tells a lost port race from a real failure to start.
  let errTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    errTail = (errTail + chunk.toString()).slice(-4096);
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // After the exit and the end of its output: only then is the tail whole.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await closed;
      if (errTail.includes('EADDRINUSE')) return 'port taken';
      throw new Error(`server exited with ${child.exitCode} before answering`);
    }
    try {
      // Bounded: whoever holds a lost port may take the request and never answer it.
      if ((await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not answer health within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
