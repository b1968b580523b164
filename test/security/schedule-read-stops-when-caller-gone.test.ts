/**
 * Finding: a GET /schedules/:date whose caller hangs up went on building and encoding its whole
 * answer (120,000 segments: every agent's day looked up, 16 MB of JSON text, then its bytes and
 * hash) for nobody. A caller sending reads and closing each at once was held by no connection
 * limit, and every dropped read kept its work and memory to the end. It now stops at its next step.
 */
import { request } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'caller-gone-admin-0123456789';
const DATE = '2026-11-20';
const AGENTS = 10_000;
const T = (minutes: number) => `${DATE}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterAll(() => server?.stop());

it('stops looking up agents soon after its caller closes the connection', async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  // 10,000 agents of twelve 40-minute segments: 120,000 segments.
  const rows: string[] = [];
  for (let a = 0; a < AGENTS; a++) for (let k = 0; k < 12; k++) rows.push(`b${a},${T(360 + 45 * k)},${T(400 + 45 * k)},phone`);
  const put = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { method: 'PUT', body: `agent_id,start,end,activity\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv', authorization: `Bearer ${ADMIN}` } });
  expect(put.status).toBe(200);

  // Each agent's day is one look-up of plan.segments: counted, they say how far the read went.
  const plan = server.floor.plan;
  const segments = plan.segments.bind(plan);
  let lookUps = 0;
  plan.segments = ((...args: Parameters<typeof plan.segments>) => (lookUps++, segments(...args))) as typeof plan.segments;
  const req = request(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { headers: { authorization: `Bearer ${ADMIN}` } });
  req.on('error', () => {});
  req.end();
  while (lookUps === 0) await new Promise((r) => setImmediate(r));
  req.destroy();
  // Long enough for the whole read many times over (it takes about 0.3 s alone).
  await new Promise((r) => setTimeout(r, 1500));
  expect(lookUps).toBeGreaterThan(0);
  expect(lookUps, `${lookUps} of ${AGENTS} agents looked up for a caller gone`).toBeLessThan(AGENTS / 2);
}, 120_000);
