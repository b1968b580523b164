/**
 * The replay workspace shows the live plan read-only. An analyst replaying a day who adds
 * "+5 agents 14:00-15:00" from the replay page must not change today's live staffing: every plan
 * write asked with ?workspace=replay is 409 `replay.planReadOnly` and changes nothing, after the
 * role (403) and tenant (404) refusals, which stay as they were. The same writes without the
 * workspace still change the live plan.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { notFound } from '../helpers/not-found.ts';

const FEED = 'feed-token-0123456789';
const ALL = 'all-analyst-token-0123456789';
const ACME = 'acme-analyst-token-0123456789';
const BANK = 'bank-analyst-token-0123456789';
const VIEW = 'acme-viewer-token-0123456789';
const TOKENS = [
  { token: FEED, name: 'acd', tenants: ['*'], role: 'ingest' },
  { token: ALL, name: 'wfm', tenants: ['*'], role: 'analyst' },
  { token: ACME, name: 'acme planner', tenants: ['acme'], role: 'analyst' },
  { token: BANK, name: 'bank planner', tenants: ['bank'], role: 'analyst' },
  { token: VIEW, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' },
];
const READ_ONLY = { error: 'the replay workspace shows the live plan read-only: change the plan on the live floor (without ?workspace=replay)', code: 'replay.planReadOnly' };
const PLUS_FIVE = { from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 5, label: 'overtime' };
const FORECAST = 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:00:00+08:00,q1,100,180\n2026-11-20T14:30:00+08:00,q1,80,180\n';

const journal = mkdtempSync(join(tmpdir(), 'replay-plan-journal-'));
let server: Awaited<ReturnType<typeof startServer>>;

async function send(method: string, path: string, token: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(server.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
const whatIfs = async () => (await server.get('/api/v1/queues/q1/whatifs?date=2026-11-20', ALL)).body.whatIfs as { id: string; agents: number }[];
/** What-if agents of the 14:00, 14:30 and 15:00 intervals (rows 28-30 of 30-minute intervals) of the live or replay intraday. */
const whatIfAgents = async (workspace = '') => ((await server.get(`/api/v1/queues/q1/intraday?date=2026-11-20${workspace}`, ALL)).body.rows as { whatIfAgents: number }[]).slice(28, 31).map((r) => r.whatIfAgents);

beforeAll(async () => {
  server = await startServer({ JOURNAL_DIR: journal, FLOORBOARD_TOKENS: JSON.stringify(TOKENS) }, Date.parse('2026-11-20T13:10:00+08:00'));
  const day = [
    ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'a1', queues: ['q1'] }),
    ev('call.queued', '09:00:00', { tenant: 'acme', callId: 'c1', queueId: 'q1' }),
    ev('call.answered', '09:00:10', { tenant: 'acme', callId: 'c1', queueId: 'q1', agentId: 'a1' }),
    ev('call.ended', '09:03:00', { tenant: 'acme', callId: 'c1', agentId: 'a1' }),
  ];
  expect((await server.post('/api/v1/events', ndjson(day), FEED)).status).toBe(200);
  // The journal's streams are buffered: wait until today's file holds the day, then replay it.
  await vi.waitFor(() => expect(statSync(join(journal, '2026-11-20.ndjson'), { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(300));
  expect((await send('POST', '/api/v1/replay', ALL, { date: '2026-11-20', speed: 'max' })).status).toBe(202);
  await vi.waitFor(async () => expect((await server.get('/api/v1/replay', ALL)).body.state).toBe('done'), { timeout: 15_000 });
});
afterAll(async () => {
  await server?.stop();
  rmSync(journal, { recursive: true, force: true });
});

describe('plan writes asked of the replay workspace', () => {
  it('refuses a what-if with 409 replay.planReadOnly, and neither the live plan nor the replay gets it', async () => {
    expect(await send('POST', '/api/v1/queues/q1/whatifs?tenant=acme&workspace=replay', ACME, PLUS_FIVE)).toEqual({ status: 409, body: READ_ONLY });
    expect(await whatIfs()).toEqual([]);
    expect(await whatIfAgents()).toEqual([0, 0, 0]);
    expect(await whatIfAgents('&workspace=replay')).toEqual([0, 0, 0]);
  });

  it('adds the same what-if on the live floor, which the replay shows (it reads the live plan), and refuses its removal from the replay', async () => {
    const added = await send('POST', '/api/v1/queues/q1/whatifs?tenant=acme', ACME, PLUS_FIVE);
    expect(added).toMatchObject({ status: 201, body: { agents: 5, createdBy: 'acme planner' } });
    // 14:00 and 14:30 get the 5 agents; 15:00 is past the what-if's end.
    expect(await whatIfAgents()).toEqual([5, 5, 0]);
    expect(await whatIfAgents('&workspace=replay')).toEqual([5, 5, 0]);
    expect(await send('DELETE', `/api/v1/queues/q1/whatifs/${added.body.id}?workspace=replay`, ACME)).toEqual({ status: 409, body: READ_ONLY });
    expect((await whatIfs()).map((w) => [w.id, w.agents])).toEqual([[added.body.id, 5]]);
    expect((await send('DELETE', `/api/v1/queues/q1/whatifs/${added.body.id}?workspace=live`, ACME)).status).toBe(204);
    expect(await whatIfs()).toEqual([]);
  });

  it('refuses a forecast import and removal, and the live plan keeps what it had', async () => {
    const forecast = async () => (await server.get('/api/v1/forecasts/q1/2026-11-20?tenant=acme', ALL)).body.intervals.map((i: { calls: number }) => i.calls);
    expect(await send('PUT', '/api/v1/forecasts/q1/2026-11-20?tenant=acme&workspace=replay', ACME, FORECAST, 'text/csv')).toEqual({ status: 409, body: READ_ONLY });
    expect(await forecast()).toEqual([]);
    expect(await send('PUT', '/api/v1/forecasts/q1/2026-11-20?tenant=acme', ACME, FORECAST, 'text/csv')).toEqual({ status: 200, body: { queueId: 'q1', tenant: 'acme', date: '2026-11-20', intervals: 2 } });
    expect(await forecast()).toEqual([100, 80]);
    expect(await send('DELETE', '/api/v1/forecasts/q1/2026-11-20?tenant=acme&workspace=replay', ACME)).toEqual({ status: 409, body: READ_ONLY });
    expect(await forecast()).toEqual([100, 80]);
  });

  it('refuses a schedule, a history import and a calendar', async () => {
    const segments = [{ agentId: 'a1', start: '2026-11-20T14:00:00+08:00', end: '2026-11-20T16:00:00+08:00', activity: 'phone' }];
    expect(await send('PUT', '/api/v1/schedules/2026-11-20?workspace=replay', ACME, segments)).toEqual({ status: 409, body: READ_ONLY });
    expect((await server.get('/api/v1/schedules/2026-11-20?tenant=acme', ALL)).body.segments).toEqual([]);
    const history = 'interval_start,queue_id,calls,aht_seconds\n2026-11-13T14:00:00+08:00,q1,90,200\n';
    expect(await send('POST', '/api/v1/history?workspace=replay', ACME, history, 'text/csv')).toEqual({ status: 409, body: READ_ONLY });
    expect((await server.get('/api/v1/queues/q1/history?tenant=acme&from=2026-11-13&to=2026-11-13', ALL)).body.intervals).toEqual([]);
    expect(await send('PUT', '/api/v1/calendar?workspace=replay', ACME, { days: [{ date: '2026-11-27', kind: 'holiday', name: 'Founders' }] })).toEqual({ status: 409, body: READ_ONLY });
    expect((await server.get('/api/v1/calendar?tenant=acme', ALL)).body.custom).toBe(false);
  });

  it('answers another tenant 404 and a viewer 403 first, as without the workspace', async () => {
    const asked = (token: string, workspace: string) => send('POST', `/api/v1/queues/q1/whatifs${workspace}`, token, PLUS_FIVE);
    // Bank's analyst: acme's q1 does not exist for it, with or without the workspace.
    expect(await asked(BANK, '?workspace=replay')).toEqual(notFound('queue "q1"'));
    expect(await asked(BANK, '?workspace=replay')).toEqual(await asked(BANK, ''));
    expect(await asked(VIEW, '?workspace=replay')).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    // A write for a tenant the token may not write is still its 403.
    expect((await send('PUT', '/api/v1/schedules/2026-11-20?tenant=acme&workspace=replay', BANK, [])).status).toBe(403);
    expect(await whatIfs()).toEqual([]);
  });

  it('answers a workspace that is neither live nor replay 400, as a read does', async () => {
    expect(await send('POST', '/api/v1/queues/q1/whatifs?tenant=acme&workspace=sandbox', ACME, PLUS_FIVE)).toEqual({ status: 400, body: { error: 'workspace: live or replay' } });
    expect((await server.get('/api/v1/queues/q1/intraday?workspace=sandbox', ALL)).body).toEqual({ error: 'workspace: live or replay' });
    expect(await whatIfs()).toEqual([]);
  });
});

describe('replay refusals carry codes', () => {
  it('names the all-tenant token a replay needs, and the day with no journal', async () => {
    expect(await send('POST', '/api/v1/replay', ACME, { date: '2026-11-19' })).toEqual({ status: 403, body: { error: 'a replay plays every tenant of a day: an all-tenant token is needed', code: 'replay.allTenants' } });
    expect(await send('DELETE', '/api/v1/replay', ACME)).toMatchObject({ status: 403, body: { code: 'replay.allTenants' } });
    expect(await send('POST', '/api/v1/replay', ALL, { date: '2026-11-19' })).toMatchObject({ status: 404, body: { code: 'replay.noJournal', params: { date: '2026-11-19' } } });
    expect(await send('POST', '/api/v1/replay', ALL, { date: '19/11/2026' })).toEqual({ status: 400, body: { error: 'date: must be YYYY-MM-DD', code: 'request.invalid', params: { detail: 'date: must be YYYY-MM-DD' } } });
  });

  it('says journaling is off on a server without JOURNAL_DIR', async () => {
    const plain = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(TOKENS) });
    try {
      const res = await fetch(`${plain.base}/api/v1/replay`, { method: 'POST', headers: { authorization: `Bearer ${ALL}`, 'content-type': 'application/json' }, body: JSON.stringify({ date: '2026-11-19' }) });
      expect([res.status, await res.json()]).toEqual([400, { error: 'journaling is off: start the server with JOURNAL_DIR to keep days for replay', code: 'replay.journalingOff' }]);
    } finally {
      await plain.stop();
    }
  });
});
