import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignExample } from '../helpers/campaign-example.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { notFound } from '../helpers/not-found.ts';

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

const refused = (name: string, known: string) => ({ status: 400, body: { error: `"${name}" is not a parameter here; known: ${known}` } });
const post = async (path: string, body: unknown, token: string) => {
  const res = await fetch(server.base + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
};

// Write routes: write-params.test.ts.
describe('a query parameter a GET route does not read is a 400 naming it and the ones it reads', () => {
  // One misspelling per route: each answered as if no filter or date were asked (every tenant, today).
  const misspelt: [path: string, name: string, known: string][] = [
    ['/snapshot?tenat=acme', 'tenat', 'tenant, queue, team, workspace'],
    ['/queues/q1/intervals?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/agents/b1/intervals?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/anomalies?tenat=acme', 'tenat', 'tenant, workspace'],
    ['/queues/q1/ewt?positon=3', 'positon', 'tenant, position, priority, workspace'],
    ['/call-reasons?tenat=acme', 'tenat', 'tenant, workspace'],
    ['/campaigns?tenat=jade', 'tenat', 'tenant, workspace'],
    ['/campaigns/survey?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/alerts?tenat=acme', 'tenat', 'tenant'],
    ['/audit?limt=5', 'limt', 'limit, workspace'],
    ['/displays?revoked=no', 'revoked', 'workspace'],
    ['/tenants/acme/settings?tenat=acme', 'tenat', 'workspace'],
    ['/tokens?revoked=no', 'revoked', 'none'],
    ['/users?role=admin', 'role', 'workspace'],
    ['/session?user=ops', 'user', 'none'],
    ['/replay?dat=2026-11-19', 'dat', 'workspace'],
    ['/adherence?dat=2026-11-19', 'dat', 'tenant, agentId, teamId, offset, limit, detail, date, workspace'],
    ['/adherence/live?team=t1', 'team', 'tenant, agentId, teamId, offset, limit, workspace'],
    ['/queues/q1/history?form=2026-11-01', 'form', 'tenant, from, to'],
    ['/queues/q1/history/compare?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/queues/q1/forecast?dat=2026-11-21', 'dat', 'tenant, source, date'],
    ['/calendar?tenat=acme', 'tenat', 'tenant'],
    ['/queues/q1/plan?dat=2026-11-21', 'dat', 'tenant, date, workspace'],
    ['/forecasts/q1/2026-11-20?tenat=acme', 'tenat', 'tenant'],
    ['/schedules/2026-11-20?agent=b1', 'agent', 'tenant, agentId, offset, limit'],
    ['/queues/q1/intraday?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/queues/q1/intraday.csv?dat=2026-11-19', 'dat', 'tenant, date, workspace'],
    ['/queues/q1/whatifs?dat=2026-11-19', 'dat', 'tenant, date'],
    ['/reports/acme?perod=week', 'perod', 'period, date, workspace'],
  ];
  it.each(misspelt)('GET %s', async (path, name, known) => {
    expect(await server.get(`/api/v1${path}`, ADMIN)).toEqual(refused(name, known));
  });

  it('still answers the parameters it reads, and the workspace the client adds to every read of a replay page', async () => {
    expect((await server.get('/api/v1/snapshot?tenant=acme&queue=q1', ADMIN)).body.queues.map((q: { id: string }) => q.id)).toEqual(['q1']);
    expect((await server.get('/api/v1/queues/q1/intervals?tenant=acme&date=2026-11-19&workspace=live', ADMIN)).status).toBe(200);
    // Reads that do not come from the engine answer the same in either workspace; a replay that is not running is then no error.
    for (const path of ['/users', '/audit?limit=5', '/displays', '/tenants/acme/settings', '/replay', '/reports/acme?period=day', '/queues/q1/history/compare', '/erlang?model=B&trafficErlangs=2&agents=3']) {
      expect((await server.get(`/api/v1${path}${path.includes('?') ? '&' : '?'}workspace=replay`, ADMIN)).status, path).toBe(200);
    }
    // A misspelt workspace is refused there too, as where the engine is read.
    expect(await server.get('/api/v1/users?workspace=replya', ADMIN)).toEqual({ status: 400, body: { error: 'workspace: live or replay' } });
    expect(await server.get('/api/v1/snapshot?workspace=replya', ADMIN)).toEqual({ status: 400, body: { error: 'workspace: live or replay' } });
  });
});

describe("another tenant's resource with a parameter the route does not read answers 404, exactly like an unknown one", () => {
  const hidden: [path: string, what: string][] = [
    ['/queues/survey/intervals?dat=2026-11-19', 'queue "survey"'],
    ['/agents/a1/intervals?dat=2026-11-19', 'agent "a1"'],
    ['/queues/survey/ewt?positon=3', 'queue "survey"'],
    ['/campaigns/survey?dat=2026-11-19', 'campaign "survey"'],
    ['/snapshot?tenant=jade&tenat=jade', 'tenant "jade"'],
    ['/adherence?agentId=a1&dat=2026-11-19', 'agent "a1"'],
    ['/queues/survey/history?form=2026-11-01', 'queue "survey"'],
    // The source was checked before the queue: a bad source told a queue of another tenant from none.
    ['/queues/survey/forecast?source=imported', 'queue "survey"'],
    ['/calendar?tenant=jade&x=1', 'tenant "jade"'],
    ['/queues/survey/plan?dat=2026-11-21', 'queue "survey"'],
    ['/forecasts/survey/2026-11-20?tenat=jade', 'queue "survey"'],
    ['/schedules/2026-11-20?tenant=jade&agent=a1', 'tenant "jade"'],
    ['/queues/survey/intraday?dat=2026-11-19', 'queue "survey"'],
    ['/queues/survey/whatifs?dat=2026-11-19', 'queue "survey"'],
    ['/reports/jade?perod=week', 'tenant "jade"'],
  ];
  it.each(hidden)('GET %s', async (path, what) => {
    const answer = await server.get(`/api/v1${path}`, ACME);
    expect(answer).toEqual(notFound(what));
    // The admin, who may see it, is told what is wrong with the parameter.
    expect((await server.get(`/api/v1${path}`, ADMIN)).status).toBe(400);
  });

  it('the settings of an unknown tenant', async () => {
    expect((await server.get('/api/v1/tenants/nosuch/settings?tenat=acme', ADMIN)).status).toBe(404);
  });
});

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
    // A refused body: its English detail rides in request.invalid too, for the intraday page to wrap in its language.
    const refused = outside('date', '1970-01-01');
    expect(await post('/api/v1/queues/q1/past-day', { date: '1970-01-01', changes: [] }, ADMIN)).toEqual({ ...refused, body: { ...refused.body, code: 'request.invalid', params: { detail: refused.body.error } } });
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
