/**
 * Finding: since GET /schedules/:date is built and sent over turns, reads run at once, and each
 * holds its answer's text, bytes and joined body (about 3 x 15 MB for a 120,000-segment day)
 * until it is sent. Built in one turn, one read was built at a time. Nothing bounded how many:
 * one reader's 32 reads at once of such a day took the heap to 1.1 GB and buffers to 0.56 GB
 * (8 reads: 0.25 GB and 0.2 GB), so one token could take the process's memory. A sign-in now has
 * at most MAX_SCHEDULE_READS reads in hand; one more is a 429 saying so, another sign-in unaffected.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'reads-per-sign-in-admin-0123456789';
const OTHER = 'reads-per-sign-in-other-0123456789';
const DATE = '2026-11-20';
const T = (minutes: number) => `${DATE}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }, { token: OTHER, name: 'wfm', tenants: ['acme'], role: 'viewer' }]) });
  // 5,000 agents of twelve segments: 60,000 segments, an answer of about 8 MB built over many turns.
  const rows: string[] = [];
  for (let a = 0; a < 5000; a++) for (let k = 0; k < 12; k++) rows.push(`b${a},${T(360 + 45 * k)},${T(400 + 45 * k)},phone`);
  const put = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { method: 'PUT', body: `agent_id,start,end,activity\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv', authorization: `Bearer ${ADMIN}` } });
  expect(put.status).toBe(200);
}, 60_000);
afterAll(() => server.stop());

/** A read by node:http, its body counted and not kept: its status and body (only an error's). */
const read = (token: string) =>
  new Promise<{ status: number; error: string | null }>((resolve, reject) => {
    request(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => res.statusCode !== 200 && parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, error: res.statusCode === 200 ? null : Buffer.concat(parts).toString() }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });

it('answers a sign-in two reads at once of a big day and a 429 for a third, while another sign-in reads', async () => {
  const answers = await Promise.all([read(ADMIN), read(ADMIN), read(ADMIN), read(OTHER)]);
  // Which of the three comes last to the server is not fixed: the statuses in order.
  expect(answers.slice(0, 3).map((a) => a.status).sort()).toEqual([200, 200, 429]);
  expect(answers[3].status).toBe(200);
  expect(JSON.parse(answers.find((a) => a.status === 429)!.error!)).toEqual({ error: 'too many schedule reads at once for this sign-in (limit 2): wait for one to finish' });
  // Finished reads are given back: the sign-in reads again.
  expect((await Promise.all([read(ADMIN), read(ADMIN)])).map((a) => a.status)).toEqual([200, 200]);
}, 60_000);
