import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../server/protocol/commands.ts';
import { appendCommand, inboxHistory, takeCommands } from '../../server/store/command-file.ts';

const note = (detail: string, at: number): Command => ({ kind: 'audit.note', tenants: [], action: 'plan', detail, at, by: 'cli' });
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the users inbox file', () => {
  it('is not taken while a writer holds its lock, then taken whole and set aside; its history stays readable', () => {
    dir = mkdtempSync(join(tmpdir(), 'fb-inbox-'));
    const inbox = join(dir, 'directory.ndjson');
    appendCommand(inbox, note('one', 1));
    writeFileSync(`${inbox}.lock`, '');
    // A writer mid-append: the server leaves the file for its next poll.
    expect(takeCommands(inbox)).toEqual([]);
    expect(existsSync(inbox)).toBe(true);
    rmSync(`${inbox}.lock`);
    expect(takeCommands(inbox).map((c) => c.at)).toEqual([1]);
    expect(existsSync(inbox)).toBe(false);
    appendCommand(inbox, note('two', 2));
    // Imported files first, then what waits: the tool's view of every user it ever wrote.
    expect(inboxHistory(inbox).map((c) => c.at)).toEqual([1, 2]);
    expect(readdirSync(dir).sort()).toEqual(['directory.ndjson', expect.stringMatching(/^directory\.ndjson\.imported-\d+$/)]);
  });

  it('takes over a lock left by a writer that died (older than 10 s)', () => {
    dir = mkdtempSync(join(tmpdir(), 'fb-inbox-'));
    const inbox = join(dir, 'directory.ndjson');
    appendCommand(inbox, note('one', 1));
    writeFileSync(`${inbox}.lock`, '');
    const old = (Date.now() - 11_000) / 1000;
    utimesSync(`${inbox}.lock`, old, old);
    expect(takeCommands(inbox).map((c) => c.at)).toEqual([1]);
    expect(existsSync(`${inbox}.lock`)).toBe(false);
  });
});
