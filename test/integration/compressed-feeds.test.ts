import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ev } from '../helpers/events.ts';
import { fixture } from '../helpers/queue-log.ts';
import { startServer } from '../helpers/server.ts';

const FEED = 'feed-token-0123456789';
const VIEW = 'view-token-0123456789';
const PLAN = 'plan-token-0123456789';
const tokens = JSON.stringify([
  { token: FEED, name: 'feed', tenants: ['*'], role: 'ingest' },
  { token: VIEW, name: 'wall', tenants: ['*'], role: 'viewer' },
  { token: PLAN, name: 'wfm', tenants: ['*'], role: 'analyst' },
]);

const login = (id: string, agentId: string) => ev('agent.login', '09:00:00', { id, agentId, queues: ['sales'] }, { date: '2026-11-20', offset: '+08:00' });
const ndjson = (events: object[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

/**
 * Feeds that compress their posts (curl --data-binary @x.gz -H 'content-encoding: gzip', or a
 * log shipper's gzip option) were read as text: "no line is valid JSON", and nothing applied.
 */
describe('compressed and non-UTF-8 feed posts', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: tokens, MAX_STREAM_BYTES: String(1024 * 1024) });
  });
  afterAll(() => server?.stop());

  const send = (path: string, body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(server.base + path, { method: 'POST', body: typeof body === 'string' ? body : Uint8Array.from(body), headers: { authorization: `Bearer ${FEED}`, 'content-type': 'application/x-ndjson', ...headers } });
  const agents = async () => {
    const { body } = await server.get('/api/v1/snapshot?tenant=default', VIEW);
    return body.agents.map((a: { id: string }) => a.id).sort();
  };

  it('reads NDJSON sent gzip, a JSON array sent br and NDJSON sent deflate', async () => {
    const gz = await send('/api/v1/events', gzipSync(ndjson([login('g1', 'a1'), login('g2', 'a2')])), { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(await gz.json()).toMatchObject({ accepted: 2, rejectedCount: 0 });
    const br = await send('/api/v1/events', brotliCompressSync(JSON.stringify([login('b1', 'a3')])), { 'content-encoding': 'br', 'content-type': 'application/json' });
    expect(await br.json()).toMatchObject({ accepted: 1, rejected: [] });
    const df = await send('/api/v1/events', deflateSync(ndjson([login('d1', 'a4')])), { 'content-encoding': 'Deflate', 'content-type': 'application/x-ndjson; charset=UTF-8' });
    expect(await df.json()).toMatchObject({ accepted: 1 });
    expect(await agents()).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('reads an Asterisk queue_log sent gzip as it does the plain file', async () => {
    const res = await send('/api/v1/ingest/queue-log?tenant=pbx&source=pbxware', gzipSync(fixture('pbxware-calls.queue_log')), { 'content-encoding': 'gzip', 'content-type': 'text/x-queue-log' });
    const body = await res.json();
    // As the plain post in acd-feeds.test.ts: 4 logins, 7 queued, 5 answered, 5 calls ended and wrapped, 2 abandoned.
    expect(body.accepted).toBe(4 + 7 + 5 + 5 * 2 + 2);
  });

  it('refuses another charset or encoding with 415 before reading a line, and applies nothing', async () => {
    const utf16 = Buffer.from('\ufeff' + ndjson([login('u1', 'x1')]), 'utf16le');
    const a = await send('/api/v1/events', utf16, { 'content-type': 'application/x-ndjson; charset=UTF-16' });
    expect(a.status).toBe(415);
    expect((await a.json()).error).toBe('content-type: charset "utf-16" is not supported here; send UTF-8');
    const b = await send('/api/v1/ingest/queue-log?tenant=pbx', 'x', { 'content-encoding': 'compress', 'content-type': 'text/x-queue-log' });
    expect(b.status).toBe(415);
    expect((await b.json()).error).toBe('content-encoding: "compress" is not supported; send identity, gzip, deflate or br');
    expect(await agents()).not.toContain('x1');
  });

  it('says a corrupt gzip body is corrupt, and the batch sent again whole applies each event once', async () => {
    const body = ndjson(Array.from({ length: 50 }, (_, i) => login(`c${i}`, `c${i}`)));
    const whole = gzipSync(body);
    const cut = await send('/api/v1/events', whole.subarray(0, whole.length - 8), { 'content-encoding': 'gzip' });
    expect(cut.status).toBe(400);
    expect((await cut.json()).error).toMatch(/^body: not valid gzip data \(unexpected end of file\)(; some events before it may have been applied: send the batch again whole \(repeated ids are skipped\))?$/);
    const again = await (await send('/api/v1/events', whole, { 'content-encoding': 'gzip' })).json();
    expect(again.accepted + again.duplicates).toBe(50);
    expect((await agents()).filter((a: string) => /^c\d+$/.test(a))).toHaveLength(50);
    const garbage = await send('/api/v1/events', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error).toBe('body: not valid gzip data (incorrect header check)');
  });

  it('holds the stream limit to the decompressed size: 4 MB of blank lines in 4 KB of gzip is 413', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, '\n'));
    expect(bomb.length).toBeLessThan(8 * 1024);
    const flood = gzipSync(Buffer.concat([Buffer.from(ndjson([login('k1', 'k1')])), Buffer.alloc(4 * 1024 * 1024, '\n')]));
    const res = await send('/api/v1/events', flood, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('stream is larger than the limit of 1048576 bytes; events before the limit were applied');
    // Blank all the way: read up to the limit only, not held whole to find the first character.
    const blank = await send('/api/v1/events', bomb, { 'content-encoding': 'gzip' });
    expect(blank.status).toBe(413);
  });

  it('words a corrupt compressed CSV upload the same way', async () => {
    const csv = gzipSync('interval_start,queue_id,calls,aht_seconds\n2026-11-13T09:00:00+08:00,sales,10,180\n');
    const res = await fetch(server.base + '/api/v1/history?tenant=default', { method: 'POST', body: Uint8Array.from(csv.subarray(0, 20)), headers: { authorization: `Bearer ${PLAN}`, 'content-type': 'text/csv', 'content-encoding': 'gzip' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('body: not valid gzip data (unexpected end of file)');
  });
});
