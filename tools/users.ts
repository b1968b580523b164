/**
 * People who may sign in, written as commands to an inbox file (DIRECTORY_FILE, default DATA_DIR/directory.ndjson, DATA_DIR default ./data)
 * that the server moves into its durable log (then renames the file aside): at start, and within a second while it runs.
 *   npm run users -- add --name ana --role admin --tenants '*' [--teams t1,t2] [--agent a17] [--lang zh-TW] [--password-stdin]
 *   npm run users -- disable --name ana        (enable: --enable)
 *   npm run users -- list
 * `add` creates or changes a user; the password is asked for (hidden) unless --password-stdin.
 * A running server with the same DATA_DIR takes the inbox within a second; a stopped one at its next start.
 * `list` shows the users the inbox has held (imported or waiting); changes made on #/admin are not in it.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/auth/passwords.ts';
import { looksLike, personNameProblem } from '../server/auth/principal-name.ts';
import { isPersonRole, PERSON_ROLES } from '../server/protocol/roles.ts';
import { defaultDirectoryFile } from '../server/config/config.ts';
import { Directory } from '../server/domain/directory.ts';
import type { Command } from '../server/protocol/commands.ts';
import { appendCommand, inboxHistory } from '../server/store/command-file.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    tenants: { type: 'string' },
    teams: { type: 'string', default: '' },
    agent: { type: 'string' },
    lang: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    enable: { type: 'boolean', default: false },
    file: { type: 'string', default: process.env.DIRECTORY_FILE || defaultDirectoryFile(process.env.DATA_DIR || 'data') },
  },
});

function fail(msg: string): never {
  console.error(`users: ${msg}`);
  process.exit(2);
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

async function readStdin(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s.replace(/\r?\n$/, '');
}

/** Asks for a line without echoing it. */
function ask(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  process.stdout.write(prompt);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function password(): Promise<string> {
  if (values['password-stdin']) return readStdin();
  if (!process.stdin.isTTY) fail('no terminal to ask for the password: pipe it in with --password-stdin');
  const a = await ask('Password: ');
  const b = await ask('Again: ');
  if (a !== b) fail('the two passwords differ');
  return a;
}

async function main(): Promise<void> {
  const file = values.file;
  const directory = new Directory();
  for (const cmd of inboxHistory(file)) directory.apply(cmd);
  const submit = (cmd: Command) => {
    appendCommand(file, cmd);
    directory.apply(cmd);
  };
  const by = `cli (${process.env.USER ?? 'unknown'})`;
  const byKind = 'cli' as const;
  const [verb] = positionals;
  if (verb === 'list') {
    for (const u of directory.users.values()) console.log(`${u.name}\t${u.role}\t${u.tenants ? [...u.tenants].join(',') : '*'}\t${u.teams ? [...u.teams].join(',') : ''}\t${u.disabled ? 'disabled' : ''}`);
    return;
  }
  const name = values.name ?? fail('--name is required');
  if (verb === 'disable') {
    if (!directory.users.has(name)) fail(`no user "${name}"`);
    submit({ kind: 'user.disable', name, disabled: !values.enable, at: Date.now(), by, byKind });
    console.log(`${name} ${values.enable ? 'enabled' : 'disabled'} in ${file}`);
    return;
  }
  if (verb !== 'add') fail('give a command: add, disable or list');
  const role = values.role ?? fail(`--role is required (${PERSON_ROLES.join(', ')})`);
  if (!isPersonRole(role)) fail(`--role: "${role.slice(0, 40)}" is not one of ${PERSON_ROLES.join(', ')}`);
  const tenants = list(values.tenants ?? fail("--tenants is required (ids separated by commas, or '*')"));
  if (!tenants.length) fail("--tenants: give at least one tenant id, or '*'");
  const lang = values.lang ?? null;
  if (lang !== null && lang !== 'en' && lang !== 'zh-TW') fail('--lang: en or zh-TW');
  const existed = directory.users.has(name);
  // A change to a person the inbox holds goes by the exact name; a new name is held to POST /users' rule.
  const problem = existed ? null : personNameProblem(name);
  if (problem) fail(`--name: ${problem}`);
  // The server refuses a new person named like anyone else (principal-name.ts); the people this inbox held are checked here, at once.
  const alike = existed ? undefined : [...directory.users.keys()].find((other) => looksLike(name, [other]));
  if (alike !== undefined) fail(`--name: "${name.slice(0, 40)}" looks like the user "${alike}": choose another, or give that name exactly to change that user`);
  const pw = await password();
  if (pw.length < MIN_PASSWORD_LENGTH) fail(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  submit({ kind: 'user.upsert', name, role, tenants, teams: list(values.teams), agentId: values.agent ?? null, lang, password: await hashPassword(pw), at: Date.now(), by, byKind });
  console.log(`${existed ? 'changed' : 'added'} ${role} ${name} in ${file}`);
}

await main();
