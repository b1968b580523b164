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

/** Starts `server/index.ts` with `env` on a free port and resolves once health answers. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, SIMULATOR: 'off', LOG_LEVEL: 'error', TIMEZONE: 'Asia/Taipei', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 300) throw new Error('server did not answer health within 30 s');
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
