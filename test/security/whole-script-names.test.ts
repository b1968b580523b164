/**
 * A name wholly in Cyrillic or Greek that reads as a principal's Latin name: "сосо" (four Cyrillic
 * letters) passed the mixed-script rule, being one script, and folded apart from "coco", so it was
 * a new person shown on the Admin page and in the audit log exactly like the person "coco". Now
 * the look-alike check folds the common Cyrillic and Greek look-alikes of Latin letters
 * (principal-name.ts `foldName`): POST /users, POST /tokens and `npm run users` refuse it.
 * Capitals are read by their own look (Greek "ΗΟΤ" is "HOT", where its small letters read "not"),
 * and Latin accents are taken off for the comparison ("Cöco" reads as "coco").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { runUsersTool } from '../helpers/users-tool.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
// Cyrillic с о с о; Cyrillic р о р; Greek ρ ο ρ; Greek τ α ρ ο; Cyrillic Т О Р (capitals).
const COCO = '\u0441\u043e\u0441\u043e';
const POP = '\u0440\u043e\u0440';
const GREEK_POP = '\u03c1\u03bf\u03c1';
const TAPO = '\u03c4\u03b1\u03c1\u03bf';
const TOP = '\u0422\u041e\u0420';
let server: Awaited<ReturnType<typeof startServer>>;
const dir = mkdtempSync(join(tmpdir(), 'floorboard-whole-script-'));

async function call(path: string, body: unknown) {
  const res = await fetch(server.base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
  return { status: res.status, error: ((await res.json()) as { error?: string }).error };
}
const person = (name: string) => call('/api/v1/users', { name, role: 'teamLead', tenants: ['acme'], password: PW });

/** `npm run users -- add` on an inbox file of its own. */
const addByTool = (file: string, name: string) => runUsersTool(['add', '--name', name, '--role', 'manager', '--tenants', 'acme', '--file', file, '--password-stdin'], `${PW}\n`);

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'tapo', tenants: ['*'], role: 'admin' }]) });
  for (const name of ['coco', 'pop', 'top', 'hot']) expect((await person(name)).status).toBe(201);
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('names wholly in Cyrillic or Greek that read as a Latin one', () => {
  it("refuses a person named like a person or a token, with the answer of any name taken", async () => {
    for (const name of [COCO, POP, TOP, TAPO]) expect(await person(name)).toEqual({ status: 409, error: `user name ${JSON.stringify(name)} is not available: choose another` });
  });

  it("refuses a token named like a person", async () => {
    // No person holds this name: it only reads as "pop".
    expect(await call('/api/v1/tokens', { name: GREEK_POP, role: 'viewer', tenants: ['acme'] })).toEqual({ status: 400, error: `name: ${JSON.stringify(GREEK_POP)} is a person's name, or looks like one: choose another` });
  });

  it('refuses Greek capitals by their own look, and a Latin name that differs only by accents', async () => {
    // Greek Η Ο Τ is drawn "HOT" (by its small letters η ο τ it read "not"); "Cöco" is "coco" with a diaeresis.
    for (const name of ['\u0397\u039f\u03a4', 'C\u00f6co', 'P\u00f3p']) expect(await person(name)).toEqual({ status: 409, error: `user name ${JSON.stringify(name)} is not available: choose another` });
    // Small Greek η ο τ still reads "not", which nobody holds; "Zoë" reads "zoe", likewise.
    for (const name of ['\u03b7\u03bf\u03c4', 'Zo\u00eb']) expect([name, (await person(name)).status]).toEqual([name, 201]);
  });

  it('takes a name in Cyrillic that reads as no Latin name taken', async () => {
    expect((await person('\u0414\u043c\u0438\u0442\u0440\u0438\u0439')).status).toBe(201);
  });

  it('npm run users refuses one like a person its inbox held', async () => {
    const file = join(dir, 'directory.ndjson');
    expect((await addByTool(file, 'coco')).code).toBe(0);
    expect(await addByTool(file, COCO)).toEqual({ code: 2, out: '', err: `users: --name: "${COCO}" looks like the user "coco": choose another, or give that name exactly to change that user\n` });
  }, 30_000);
});
