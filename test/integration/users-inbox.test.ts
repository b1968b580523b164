import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { runUsersTool } from '../helpers/users-tool.ts';

const PW = 'correct horse battery';

/** Runs `npm run users -- ...args` (the tool itself) against a data directory; resolves with its output, stdout then stderr. */
async function users(dataDir: string, args: string[], stdin = ''): Promise<{ code: number | null; out: string }> {
  const r = await runUsersTool(args, stdin, { DATA_DIR: dataDir, DIRECTORY_FILE: '' });
  return { code: r.code, out: r.out + r.err };
}

/** Polls sign-in until it answers `want` (or 10 s pass); resolves with the ms it took. */
/**
 * Ms until the server took the inbox (the file is renamed aside, then its commands are logged)
 * and a sign-in of `name` answers `want`. It waits for the file to go before trying, then tries
 * at most three times: sign-in attempts are rate-limited per user (5 at once, then 1 every 12 s),
 * so polling sign-in itself would run into 429s.
 */
async function signInBecomes(base: string, dataDir: string, name: string, want: number): Promise<number> {
  const t0 = Date.now();
  const inbox = join(dataDir, 'directory.ndjson');
  while (existsSync(inbox)) {
    if (Date.now() - t0 > 10_000) throw new Error('the server did not take the users inbox within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  let status = 0;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PW }) });
    status = res.status;
    if (status === want) return Date.now() - t0;
  }
  throw new Error(`sign-in of ${name} answers ${status}, not ${want}`);
}

describe('npm run users on a running server (default file store, no restart)', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'floorboard-inbox-'));
    // The server's default inbox is DATA_DIR/directory.ndjson, as is the tool's.
    server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: '' });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets a user added by the tool sign in within a few seconds, and a disabled one no longer', async () => {
    // Before: nobody exists, so the server runs in open mode and this name is unknown.
    expect((await fetch(`${server.base}/api/v1/health`).then((r) => r.json())).openMode).toBe(true);
    const added = await users(dataDir, ['add', '--name', 'ana', '--role', 'manager', '--tenants', 'acme', '--password-stdin'], `${PW}\n`);
    expect(added).toEqual({ code: 0, out: `added manager ana in ${dataDir}/directory.ndjson\n` });
    // The poll runs every second: a few seconds at most (8 s is a ceiling for a loaded machine).
    expect(await signInBecomes(server.base, dataDir, 'ana', 200)).toBeLessThan(8000);
    expect((await fetch(`${server.base}/api/v1/health`).then((r) => r.json())).openMode).toBe(false);
    // The inbox was taken and set aside, not left to be imported again.
    expect(existsSync(join(dataDir, 'directory.ndjson'))).toBe(false);
    expect(readdirSync(dataDir).filter((f) => /^directory\.ndjson\.imported-\d+$/.test(f))).toHaveLength(1);

    // The tool still knows ana (from the imported file), so it can disable her: sign-in then fails.
    const disabled = await users(dataDir, ['disable', '--name', 'ana']);
    expect(disabled.code).toBe(0);
    expect(await signInBecomes(server.base, dataDir, 'ana', 401)).toBeLessThan(8000);
    expect((await users(dataDir, ['list'])).out).toBe('ana\tmanager\tacme\t\tdisabled\n');
  }, 60_000);

  it('keeps the user after a restart (the commands are in the log, not in the inbox)', async () => {
    await server.stop();
    server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: '' });
    // The first attempt after the restart is already refused: the disable came back from the log.
    const first = await fetch(`${server.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ana', password: PW }) });
    expect(first.status).toBe(401);
    await users(dataDir, ['disable', '--name', 'ana', '--enable']);
    expect(await signInBecomes(server.base, dataDir, 'ana', 200)).toBeLessThan(8000);
  }, 60_000);
});

describe('npm run users and names like another principal\'s', () => {
  let dataDir: string;
  let server: ServerProcess;
  const FEED = 'inbox-feed-token-0123456789';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'floorboard-inbox-names-'));
    server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: '', FLOORBOARD_TOKENS: JSON.stringify([{ token: FEED, name: 'ops-feed', tenants: ['acme'], role: 'ingest' }]) });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("skips a new person named like a token, which the tool cannot see, and adds the others of the inbox", async () => {
    // The tool knows no tokens: it writes both; the server takes the second only.
    expect((await users(dataDir, ['add', '--name', 'OPS-FEED', '--role', 'manager', '--tenants', 'acme', '--password-stdin'], `${PW}\n`)).code).toBe(0);
    expect((await users(dataDir, ['add', '--name', 'bea', '--role', 'manager', '--tenants', 'acme', '--password-stdin'], `${PW}\n`)).code).toBe(0);
    expect(await signInBecomes(server.base, dataDir, 'bea', 200)).toBeLessThan(8000);
    const twin = await fetch(`${server.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'OPS-FEED', password: PW }) });
    expect(twin.status).toBe(401);
  }, 60_000);

  it('refuses at once a new person named like one its inbox held, and still changes that person by the exact name', async () => {
    const alike = await users(dataDir, ['add', '--name', 'BEA', '--role', 'analyst', '--tenants', 'acme', '--password-stdin'], `${PW}\n`);
    expect(alike).toEqual({ code: 2, out: 'users: --name: "BEA" looks like the user "bea": choose another, or give that name exactly to change that user\n' });
    const changed = await users(dataDir, ['add', '--name', 'bea', '--role', 'analyst', '--tenants', 'acme', '--password-stdin'], `${PW}\n`);
    expect(changed).toEqual({ code: 0, out: `changed analyst bea in ${dataDir}/directory.ndjson\n` });
  }, 60_000);
});
