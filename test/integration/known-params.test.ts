import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignExample } from '../helpers/campaign-example.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME = 'acme-analyst-0123456789';
const tokens = [
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: ACME, name: 'acme planner', tenants: ['acme'], role: 'analyst' },
];

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-11-20T11:30:00+08:00'));
  // acme: queue q1 and agent b1; jade (the worked campaign example): queue and campaign survey, agents a1-a3.
  const acme = [ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'b1', queues: ['q1'], state: 'available' }), ev('call.queued', '09:10:00', { tenant: 'acme', callId: 'c1', queueId: 'q1' })];
  const res = await server.post('/api/v1/events', ndjson([...acme, ...campaignExample()]), ADMIN);
  expect((await res.json()).rejectedCount).toBe(0);
});
afterAll(() => server.stop());

describe('agents:page of a queue the socket may not see', () => {
  it('answers unknown queue as subscribe does, for another tenant’s queue exactly as for none', async () => {
    const s = server.socket(ACME);
    const page = (queue: { tenant: string; id: string }) => s.emitWithAck('agents:page', { offset: 0, limit: 10, queue });
    const unknown = { ok: false, error: 'unknown queue "survey"' };
    expect(await page({ tenant: 'acme', id: 'survey' })).toEqual(unknown);
    expect(await page({ tenant: 'jade', id: 'survey' })).toEqual(unknown);
    expect(await s.emitWithAck('subscribe', { queues: [{ tenant: 'jade', id: 'survey' }] })).toEqual(unknown);
    // Its own queue pages its agent; the admin pages jade's survey agents.
    const mine = await page({ tenant: 'acme', id: 'q1' });
    expect(mine.ok && mine.data.rows.map((r) => r.id)).toEqual(['b1']);
    const admin = await server.socket(ADMIN).emitWithAck('agents:page', { offset: 0, limit: 10, queue: { tenant: 'jade', id: 'survey' } });
    expect(admin.ok && admin.data.total).toBe(2);
  });
});
