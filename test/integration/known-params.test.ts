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

const post = async (path: string, body: unknown, token: string) => {
  const res = await fetch(server.base + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
};

describe('a date is one of 2000-01-01..2099-12-31 wherever one is read', () => {
  const outside = (name: string, date: string) => ({ status: 400, body: { error: `${name}: "${date}" is not between 2000-01-01 and 2099-12-31` } });
  const dated: [path: string, name: string][] = [
    ['/queues/q1/intervals?date=', 'date'],
    ['/agents/b1/intervals?date=', 'date'],
    ['/adherence?date=', 'date'],
    ['/campaigns/survey?date=', 'date'],
    ['/queues/q1/history?to=2026-11-20&from=', 'from'],
    ['/queues/q1/history?to=', 'to'],
    ['/queues/q1/history/compare?date=', 'date'],
    ['/queues/q1/forecast?date=', 'date'],
    ['/queues/q1/plan?date=', 'date'],
    ['/forecasts/q1/', 'date'],
    ['/schedules/', 'date'],
    ['/queues/q1/intraday?date=', 'date'],
    ['/queues/q1/intraday.csv?date=', 'date'],
    ['/queues/q1/whatifs?date=', 'date'],
    ['/reports/acme?date=', 'date'],
  ];
  it.each(dated)('GET %s', async (path, name) => {
    for (const date of ['1970-01-01', '1999-12-31', '2100-01-01', '9999-12-31']) {
      expect(await server.get(`/api/v1${path}${date}`, ADMIN), date).toEqual(outside(name, date));
    }
  });

  it('takes the first and last days', async () => {
    for (const date of ['2000-01-01', '2099-12-31']) {
      const r = await server.get(`/api/v1/queues/q1/intervals?date=${date}`, ADMIN);
      expect(r.status).toBe(200);
      expect(r.body.date).toBe(date);
      expect(r.body.intervals).toHaveLength(48);
    }
  });

  it('in the body of a past-day re-run, and in an intraday subscription', async () => {
    expect(await post('/api/v1/queues/q1/past-day', { date: '1970-01-01', changes: [] }, ADMIN)).toEqual(outside('date', '1970-01-01'));
    const s = server.socket(ADMIN);
    expect(await s.emitWithAck('intraday:subscribe', { queueId: 'q1', tenant: 'acme', date: '9999-12-31' })).toEqual({ ok: false, error: 'date: "9999-12-31" is not between 2000-01-01 and 2099-12-31' });
    expect((await s.emitWithAck('intraday:subscribe', { queueId: 'q1', tenant: 'acme', date: '2026-11-19' })).ok).toBe(true);
  });
});

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
