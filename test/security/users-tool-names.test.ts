/**
 * `npm run users` and its inbox take a new person's name by the rule POST /users applies
 * (principal-name.ts): no invisible character, no Latin mixed with Cyrillic or Greek look-alikes,
 * no spaces or slashes. The tool wrote "rооt-admin" (two Cyrillic о) and "root-admin" + U+200B
 * into the inbox and the server took them: both read exactly like the admin token "root-admin".
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { runUsersTool } from '../helpers/users-tool.ts';
import { refuseBadNewNames } from '../../server/auth/inbox-names.ts';
import type { Command, UserUpsert } from '../../server/protocol/commands.ts';

const PW = 'correct horse battery';
const dir = mkdtempSync(join(tmpdir(), 'floorboard-users-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tools/users.ts on an inbox file of its own. */
const users = (file: string, args: string[]) => runUsersTool([...args, '--file', file, '--password-stdin'], `${PW}\n`);
const add = (file: string, name: string) => users(file, ['add', '--name', name, '--role', 'manager', '--tenants', 'acme']);

const INVISIBLE = 'must have no invisible or control character (zero-width, bidi control, soft hyphen, filler)';
const refused: [string, string][] = [
  ['r\u043e\u043et-admin', 'mixes Latin and Cyrillic letters (look-alike characters)'],
  ['r\u03bfot-admin', 'mixes Latin and Greek letters (look-alike characters)'],
  // "root-admin" is 10 characters: the zero-width space is the 11th.
  ['root-admin\u200b', `${INVISIBLE}: U+200B at position 11`],
  ['\u202enimda-toor', `${INVISIBLE}: U+202E at position 1`],
  ['ana lee', 'must have no spaces or slashes'],
  ['ana ', 'must have no spaces or slashes'],
];

describe('npm run users -- add refuses the names POST /users refuses', () => {
  it.each(refused)('%j: exit 2, the reason on stderr, nothing written', async (name, reason) => {
    const file = join(dir, `refused-${refused.findIndex(([n]) => n === name)}.ndjson`);
    expect(await add(file, name)).toEqual({ code: 2, out: '', err: `users: --name: ${reason}\n` });
    expect(existsSync(file)).toBe(false);
  }, 30_000);

  it('takes a name in one script, and Latin with Han', async () => {
    const file = join(dir, 'taken.ndjson');
    for (const name of ['Дмитрий', 'Amy王小明']) expect(await add(file, name)).toEqual({ code: 0, out: `added manager ${name} in ${file}\n`, err: '' });
  }, 30_000);
});

describe('the users inbox skips a new person whose name POST /users refuses', () => {
  const upsert = (name: string): UserUpsert => ({ kind: 'user.upsert', name, role: 'manager', tenants: ['acme'], teams: [], agentId: null, lang: null, password: null, at: 0, by: 'cli (test)', byKind: 'cli' });

  it('logs and skips those names, and passes a good new name and a change to an existing person by the exact name', async () => {
    const submitted: string[] = [];
    const warned: unknown[] = [];
    const logger = { warn: (obj: unknown, msg: string) => warned.push([obj, msg]) } as unknown as Logger;
    // A person made before the rule keeps being changed by the exact name, as PATCH /users/:name changes them.
    const people = new Set(['r\u043e\u043et-old']);
    const submit = refuseBadNewNames(async (cmd: Command) => void submitted.push((cmd as UserUpsert).name), people, () => ['root-admin', ...people], logger);
    for (const [name] of refused) await submit(upsert(name));
    await submit(upsert('Дмитрий'));
    await submit(upsert('r\u043e\u043et-old'));
    expect(submitted).toEqual(['Дмитрий', 'r\u043e\u043et-old']);
    expect(warned).toEqual(refused.map(([name, reason]) => [{ name }, `users inbox: a new person's name ${reason}; skipped`]));
  });
});
