/**
 * A compressed feed body may inflate to at most MAX_INFLATE_RATIO times what has arrived of it
 * (past INFLATE_FREE_BYTES): probe finding 11 sent 1.5 MB of gzip that inflated to 1 GiB of blank
 * lines and took 73 s of CPU before a 200. Events before the refusal stay applied, as at the
 * stream's size limit.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFLATE_FREE_BYTES, MAX_INFLATE_RATIO } from '../../server/http/request-body.ts';
import { ev } from '../helpers/events.ts';
import { startServer } from '../helpers/server.ts';

const FEED = 'feed-token-0123456789';
const VIEW = 'view-token-0123456789';
const tokens = JSON.stringify([
  { token: FEED, name: 'feed', tenants: ['*'], role: 'ingest' },
  { token: VIEW, name: 'wall', tenants: ['*'], role: 'viewer' },
]);
const login = (id: string, agentId: string) => JSON.stringify(ev('agent.login', '09:00:00', { id, agentId, queues: ['sales'] }, { date: '2026-11-20', offset: '+08:00' }));
/** 32 MiB of blank lines: about 1,000 times its gzip, far more its brotli. */
const BLANK = Buffer.alloc(32 * 1024 * 1024, '\n');

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: tokens });
});
afterAll(() => server?.stop());

const send = (body: Buffer, encoding: string, type = 'application/x-ndjson') =>
  fetch(server.base + '/api/v1/events', { method: 'POST', body: Uint8Array.from(body), headers: { authorization: `Bearer ${FEED}`, 'content-type': type, 'content-encoding': encoding } });
const agents = async () => (await server.get('/api/v1/snapshot?tenant=default', VIEW)).body.agents.map((a: { id: string }) => a.id);

/** The figures of the refusal, checked against the rule: past the free bytes and past the ratio, by at most a chunk. */
function refusal(error: string, encoding: string, after: string): { inflated: number; compressed: number } {
  const m = new RegExp(`^${encoding} body inflates to more than 100 times its compressed size \\(([\\d,]+) bytes from ([\\d,]+)\\), more than a feed compresses${after.replace(/[()]/g, '\\$&')}$`).exec(error);
  expect(m, error).not.toBeNull();
  const [inflated, compressed] = [Number(m![1].replaceAll(',', '')), Number(m![2].replaceAll(',', ''))];
  expect(inflated).toBeGreaterThan(INFLATE_FREE_BYTES);
  expect(inflated).toBeGreaterThan(MAX_INFLATE_RATIO * compressed);
  // Refused within a few of zlib's 16 KiB chunks of the free bytes, not after the 32 MiB.
  expect(inflated).toBeLessThan(INFLATE_FREE_BYTES + 1024 * 1024);
  return { inflated, compressed };
}

describe('compression ratio of feed bodies', () => {
  it('refuses a gzip bomb of NDJSON with 413 once past the ratio; the event before it stays applied', async () => {
    const body = gzipSync(Buffer.concat([Buffer.from(login('r1', 'r1') + '\n'), BLANK]));
    expect(BLANK.length / body.length).toBeGreaterThan(500);
    const res = await send(body, 'gzip');
    expect(res.status).toBe(413);
    refusal((await res.json()).error, 'gzip', '; events before the limit were applied');
    expect(await agents()).toContain('r1');
  });

  it('refuses a brotli bomb before its first character, and a gzip JSON array with nothing applied', async () => {
    const br = await send(brotliCompressSync(BLANK, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }), 'br');
    expect(br.status).toBe(413);
    refusal((await br.json()).error, 'br', ' before its first character');
    // A JSON array is held whole (up to MAX_BODY_BYTES, 10 MiB): 9.5 MiB of spaces inside it.
    const array = gzipSync(Buffer.concat([Buffer.from(`[${login('r2', 'r2')},`), Buffer.alloc(9.5 * 1024 * 1024, ' '), Buffer.from(`${login('r3', 'r3')}]`)]));
    const res = await send(array, 'gzip', 'application/json');
    expect(res.status).toBe(413);
    refusal((await res.json()).error, 'gzip', '; nothing was applied');
    expect(await agents()).not.toContain('r2');
  });
});
