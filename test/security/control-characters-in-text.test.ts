/**
 * Free text other than principals' names with characters nobody sees. A probe of the server found
 * a what-if's label and a PUT /calendar day's name taking NUL and other control characters (201
 * and 200), where a person's, token's or display's name is refused: a bidi override (U+202E)
 * turns the text after it around on every screen that shows it, and a NUL or bell is handed on
 * as it is to every client that reads the text. Now both are a 400 naming the field, the character and where it is
 * (counting characters from 1), by the check of those names, joiners and selectors excepted (validation/invisible-text.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
beforeAll(async () => {
  server = await startServer({}, Date.parse('2026-11-20T09:31:00+08:00'));
  // A call makes acme's queue q1 known.
  await server.post('/api/v1/events', ndjson([ev('call.queued', '09:00:00', { tenant: 'acme', callId: 'c1', queueId: 'q1' })]));
});
afterAll(() => server.stop());

async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: { error?: string } }> {
  const res = await fetch(server.base + path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: await res.json() };
}
const whatIf = (label: string) => send('POST', '/api/v1/queues/q1/whatifs?tenant=acme', { from: '2026-11-20T10:00:00+08:00', to: '2026-11-20T11:00:00+08:00', agents: 2, label });
const calendar = (names: string[]) => send('PUT', '/api/v1/calendar?tenant=acme', { days: names.map((name, i) => ({ date: `2026-12-${String(20 + i).padStart(2, '0')}`, kind: 'holiday', name })) });

describe('control and invisible characters in what-if labels and calendar day names', () => {
  it("refuses a what-if's label with one, naming the character and its position", async () => {
    // "overtime" is 8 characters: the NUL is the 9th.
    expect(await whatIf('overtime\u0000')).toEqual({ status: 400, body: { error: expect.stringMatching(/^label: .*invisible or control character \(.*\): U\+0000 at position 9$/) } });
    // The bell is the 1st; the override after "a" the 2nd; a character past U+FFFF counts once ("😀" is one).
    expect((await whatIf('\u0007late')).body.error).toMatch(/U\+0007 at position 1$/);
    expect((await whatIf('a\u202eemit')).body.error).toMatch(/U\+202E at position 2$/);
    expect((await whatIf('😀x\u200b')).body.error).toMatch(/U\+200B at position 3$/);
  });

  it("refuses a calendar day's name with one, naming the day", async () => {
    // The 4th day (index 3): "Boxing" is 6 characters, the NUL the 7th.
    const r = await calendar(['Christmas Eve', 'Christmas', 'Boxing Day', 'Boxing\u0000Day']);
    expect(r).toEqual({ status: 400, body: { error: expect.stringMatching(/^days\.3\.name: .*invisible or control character \(.*\): U\+0000 at position 7$/) } });
    expect((await calendar(['\u202eChristmas'])).body.error).toMatch(/^days\.0\.name: .*U\+202E at position 1$/);
  });

  it('still takes labels and names in any script, with accents and punctuation', async () => {
    expect((await whatIf('加班 – café overtime (2)')).status).toBe(201);
    expect((await whatIf('')).status).toBe(201);
    expect((await calendar(['Christmas', '農曆新年', 'Día de Reyes'])).status).toBe(200);
  });

  it('takes the joiners and selectors visible text is made of: emoji sequences, a flag, a Persian word', async () => {
    // A red heart (U+2764 U+FE0F), a family (three people joined by U+200D), Scotland's flag (emoji
    // tags U+E0067.. U+E007F), "mi-khaham" written with a zero-width non-joiner (U+200C).
    const heart = 'Valentine\u2019s Day \u2764\uFE0F';
    const family = 'Family day \u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const flag = 'Burns Night \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    const persian = '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645';
    expect((await calendar([heart, family, flag, persian])).status).toBe(200);
    expect((await whatIf(family)).status).toBe(201);
    // A zero-width space beside them is still refused, at its place: "Valentine’s Day " is 16 characters, the heart and its selector 17 and 18.
    expect((await calendar([`${heart}\u200B`])).body.error).toMatch(/U\+200B at position 19$/);
  });
});
