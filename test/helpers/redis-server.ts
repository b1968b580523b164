import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A redis-server of our own on a free port, with no persistence: never the machine's Redis. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SIGTERM, as an operator or a crash of the host would) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing is answered, like a network black hole. */
  pause(): void;
  /** Thaws it (SIGCONT): it answers what it was sent meanwhile. */
  resume(): void;
}

/** Whether a redis-server binary is on PATH. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * For test files: true when redis-server runs here; otherwise warns loudly and returns false, or
 * throws when CI=true (CI must not pass by skipping).
 */
export function redisAvailableOrSkip(what: string): boolean {
  if (hasRedisServer()) return true;
  const msg = `no redis-server on PATH (apt-get install -y redis-server): ${what}`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n!!! SKIPPING ${msg} !!!\n`);
  return false;
}

/** A TCP port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private redis-server on a free port and resolves once it accepts connections. With
 * `persistDir` it keeps an append-only file there (fsync always), so a restart keeps the data,
 * as a production Redis would.
 */
export async function startRedisServer(opts: { persistDir?: string } = {}): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      return await managed(port, opts.persistDir);
    } catch (err) {
      // Another process took the port between our probe and the bind: pick another.
      if (attempt >= 4) throw err;
    }
  }
}

async function managed(port: number, persistDir?: string): Promise<RedisServer> {
  let proc: ChildProcess | null = await launch(port, persistDir);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const p = proc;
      proc = null;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    },
    async start() {
      if (!proc) proc = await launch(port, persistDir);
    },
    pause: () => void proc?.kill('SIGSTOP'),
    resume: () => void proc?.kill('SIGCONT'),
  };
  return server;
}

function launch(port: number, persistDir?: string): Promise<ChildProcess> {
  const persistence = persistDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', persistDir] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--daemonize', 'no'];
  const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`redis-server on port ${port} did not start within 10 s:\n${out}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(err);
    };
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('exit', (code) => fail(new Error(`redis-server on port ${port} exited with ${code}:\n${out}`)));
  });
}
