/**
 * Finding: GET /schedules/:date was bounded per sign-in (2 reads in hand) but not in all: many
 * sign-ins, or many tenants' integrations, each holding two reads of a big day took the heap to
 * GBs (32 reads of a 120,000-segment day at once: 1.1 GB). And a read stopped counting as soon
 * as its answer was handed to the socket, so a caller that reads slowly held its whole body in
 * the server's write buffers counted by nothing. The server now has at most MAX_SCHEDULE_READS
 * reads in hand (here 2), each counted until its answer has gone out or its caller has gone;
 * one more is a 503 (the server's load, not the caller's doing) with Retry-After, naming the limit.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const TOKENS = ['per-server-reads-one-0123456789', 'per-server-reads-two-0123456789', 'per-server-reads-three-0123456789'];
const DATE = '2026-11-20';
const T = (minutes: number) => `${DATE}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({
    MAX_SCHEDULE_READS: '2',
    FLOORBOARD_TOKENS: JSON.stringify(TOKENS.map((token, i) => ({ token, name: `wfm-${i}`, tenants: ['acme'], role: i === 0 ? 'admin' : 'viewer' }))),
  });
  // 5,000 agents of twelve segments: 60,000 segments, an answer of about 8 MB, more than the
  // loopback socket buffers take from a caller that reads nothing (about 4 MB here).
  const rows: string[] = [];
  for (let a = 0; a < 5000; a++) for (let k = 0; k < 12; k++) rows.push(`b${a},${T(360 + 45 * k)},${T(400 + 45 * k)},phone`);
  const put = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { method: 'PUT', body: `agent_id,start,end,activity\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKENS[0]}` } });
  expect(put.status).toBe(200);
}, 60_000);
afterAll(() => server.stop());

/** A read by node:http whose body is not read: its request and its answer's head once it comes. */
const held = (token: string) =>
  new Promise<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
    const req = request(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${token}` } }, (res) => resolve({ req, res }));
    req.on('error', reject).end();
  });

/** Reads `res` to its end: its bytes. */
const drain = (res: IncomingMessage) =>
  new Promise<number>((resolve, reject) => {
    let bytes = 0;
    res.on('data', (b: Buffer) => (bytes += b.length));
    res.on('end', () => resolve(bytes));
    res.on('error', reject);
  });

it('answers a third sign-in 503 naming the limit while two others hold the server reads, and reads again once they are done', async () => {
  const one = await held(TOKENS[0]);
  const two = await held(TOKENS[1]);
  expect([one.res.statusCode, two.res.statusCode]).toEqual([200, 200]);
  // Both callers read nothing: their answers cannot have gone out, so both are still in hand.
  const refused = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${TOKENS[2]}` } });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('1');
  expect(await refused.json()).toEqual({ error: 'too many schedule reads at once for this server (limit 2): ask again in a second' });

  // One read to its end, the other's caller gone: both are given back.
  const bytes = await drain(one.res);
  expect(bytes).toBeGreaterThan(7_000_000);
  const closed = new Promise((r) => two.res.socket.once('close', r));
  two.req.destroy();
  await closed;
  // The server sees the close in a turn of its own.
  await new Promise((r) => setTimeout(r, 50));
  const again = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${TOKENS[2]}` } });
  expect(again.status).toBe(200);
  expect((await again.json()).segments).toHaveLength(60_000);
}, 60_000);
