/**
 * Names of principals that mix Latin letters with their Cyrillic or Greek look-alikes. The
 * look-alike check folds names by NFKC and case (principal-name.ts), which leaves Cyrillic "о"
 * (U+043E) and Greek "ο" (U+03BF) apart from Latin "o": the probe created the person "rооt-admin"
 * with two Cyrillic о, 201, shown on the Admin page and in the audit log's `by` exactly like the
 * all-tenant admin token "root-admin". Now a new person's, token's or display's name with Latin
 * letters and Cyrillic or Greek ones is a 400 naming the two scripts; a name in one script, or
 * Latin with Han, kana or Hangul (which have no look-alikes of Latin letters), is taken as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;

async function call(path: string, body: unknown) {
  const res = await fetch(server.base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
  return { status: res.status, error: ((await res.json()) as { error?: string }).error };
}
const person = (name: string) => call('/api/v1/users', { name, role: 'teamLead', tenants: ['acme'], password: PW });
const token = (name: string) => call('/api/v1/tokens', { name, role: 'viewer', tenants: ['acme'] });
const display = (name: string) => call('/api/v1/displays', { name, tenants: ['acme'] });

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'root-admin', tenants: ['*'], role: 'admin' }]) });
  // acme exists, so a display of it may be made.
  expect((await server.post('/api/v1/events', JSON.stringify({ id: 'e1', type: 'call.queued', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', callId: 'c1', queueId: 'q1' }), ADMIN)).status).toBe(200);
});
afterAll(() => server.stop());

// "r", Cyrillic о о (U+043E), "t-admin"; Cyrillic а (U+0430) for "a"; Greek ο (U+03BF); Greek Α (U+0391) for "A"; Cyrillic е (U+0435) after a Greek-free Latin part.
const cyrillic = ['r\u043e\u043et-admin', '\u0430cme-lead', 'acm\u0435'];
const greek = ['r\u03bfot-admin', '\u0391cme-lead'];

describe('names mixing Latin with Cyrillic or Greek letters', () => {
  it("refuses a person's, token's and display's name mixing Latin and Cyrillic, naming the scripts", async () => {
    for (const name of cyrillic) {
      for (const make of [person, token, display]) expect([name, await make(name)]).toEqual([name, { status: 400, error: 'name: mixes Latin and Cyrillic letters (look-alike characters)' }]);
    }
  });

  it('refuses one mixing Latin and Greek the same way', async () => {
    for (const name of greek) {
      for (const make of [person, token, display]) expect([name, await make(name)]).toEqual([name, { status: 400, error: 'name: mixes Latin and Greek letters (look-alike characters)' }]);
    }
  });

  it('takes a name in one script, and Latin with Han, kana or Hangul', async () => {
    for (const name of ['Amy', 'Дмитрий', 'Ωμέγα7', '王小明', 'Amy王小明', 'ken-さくら', 'Lee_민준', 'アキラ.K']) expect([name, (await person(name)).status]).toEqual([name, 201]);
    expect((await token('Amy 王小明')).status).toBe(201);
    expect((await display('Amy 王小明')).status).toBe(201);
    expect((await display('Ωμέγα wall')).status).toBe(400);
  });
});
