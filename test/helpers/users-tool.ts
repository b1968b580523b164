import { spawn } from 'node:child_process';

/** Runs `npm run users -- ...args` (tools/users.ts itself) with `stdin` and extra `env`; resolves with its exit code, stdout and stderr. */
export function runUsersTool(args: string[], stdin = '', env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/users.ts', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
