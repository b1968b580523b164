import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '../protocol/commands.ts';

const KINDS: ReadonlySet<string> = new Set<Command['kind']>(['display.create', 'display.revoke', 'user.upsert', 'user.disable', 'session.open', 'session.close', 'token.create', 'token.revoke', 'audit.note', 'tenant.settings']);

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

/** Appends one command (synchronously: it is on disk before the caller answers). */
export function appendCommand(path: string, cmd: Command): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, JSON.stringify(cmd) + '\n', { mode: 0o600 });
}

/**
 * The commands waiting in an inbox file (written by `npm run users`), which is then renamed
 * aside: the server logs them once, and the log is where they live from then on.
 */
export function takeCommands(path: string): Command[] {
  const commands = readCommands(path);
  if (commands.length) renameSync(path, `${path}.imported-${Date.now()}`);
  return commands;
}
