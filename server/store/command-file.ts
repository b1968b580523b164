import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from '../protocol/commands.ts';
import { errorCode } from './fs-durable.ts';

const KINDS: ReadonlySet<string> = new Set<Command['kind']>(['display.create', 'display.revoke', 'user.upsert', 'user.disable', 'session.open', 'session.close', 'token.create', 'token.revoke', 'audit.note', 'tenant.settings']);

/** A lock older than this (ms) was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;
/** How long (ms) a writer waits for the server to finish taking the inbox. */
const LOCK_WAIT_MS = 5_000;

/** Whether a parsed line is a command this version knows (the file is our own: its fields are trusted). */
function isCommand(v: unknown): v is Command {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string' && KINDS.has(v.kind) && 'at' in v && typeof v.at === 'number';
}

/**
 * The directory's commands as NDJSON, one per line, in the order applied: a stand-in for the
 * durable log, so people and displays survive a restart of a single server.
 */
export function readCommands(path: string): Command[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      if (!isCommand(v)) throw new Error(`${path}:${i + 1}: not a command (no known kind)`);
      return [v];
    });
}

/**
 * Takes `<inbox>.lock` (created exclusively) so the writer's append and the server's
 * read-and-rename never interleave (an append between them would be renamed aside unread).
 * Returns false when another holds it; a stale lock (its holder died) is taken over.
 */
function tryLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx', 0o600));
    return true;
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
  try {
    if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
    unlinkSync(lock);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  return tryLock(lock);
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Appends one command (synchronously: it is on disk before the caller answers), under the inbox lock. */
export function appendCommand(path: string, cmd: Command): void {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  const until = Date.now() + LOCK_WAIT_MS;
  while (!tryLock(lock)) {
    if (Date.now() > until) throw new Error(`${lock} is held: is another \`npm run users\` running? (delete it if not)`);
    sleepSync(20);
  }
  try {
    appendFileSync(path, JSON.stringify(cmd) + '\n', { mode: 0o600 });
  } finally {
    unlinkSync(lock);
  }
}

/**
 * The commands waiting in an inbox file (written by `npm run users`), which is then renamed
 * aside (`<inbox>.imported-<epoch ms>`): the server logs them once, and the log is where they
 * live from then on. Empty while a writer holds the inbox (the next call takes it).
 */
export function takeCommands(path: string): Command[] {
  if (!existsSync(path)) return [];
  const lock = `${path}.lock`;
  if (!tryLock(lock)) return [];
  try {
    const commands = readCommands(path);
    let stamp = Date.now();
    while (existsSync(`${path}.imported-${stamp}`)) stamp++;
    if (commands.length) renameSync(path, `${path}.imported-${stamp}`);
    return commands;
  } finally {
    unlinkSync(lock);
  }
}

/** Every command the inbox ever held, in order: the imported files (oldest first), then what waits. */
export function inboxHistory(path: string): Command[] {
  const dir = dirname(path);
  const prefix = `${basename(path)}.imported-`;
  const imported = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith(prefix) && /^\d+$/.test(f.slice(prefix.length)))
        .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    : [];
  return [...imported.flatMap((f) => readCommands(join(dir, f))), ...readCommands(path)];
}
