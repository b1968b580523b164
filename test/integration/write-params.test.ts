/**
 * Every write route refuses a query parameter it does not read, as the GET routes do: a
 * misspelt `?sourc=pbx2` fed a second PBX's queue_log into the default source (one translator
 * for two PBXs' members), `?tenat=acme` wrote the token's own or the default tenant, and an
 * ingest with `?workspace=replay` wrote the live floor. The check comes after the role (401, 403)
 * and the tenant or ownership check (404), so another tenant's queue, alert, user or tenant still
 * answers 404 exactly like an unknown one, and before the replay's 409. `workspace` is taken
 * where the bundled client sends it (every write of a `?workspace=replay` page).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TenantAlerts } from '../../server/protocol/alerts.ts';
import { ev } from '../helpers/events.ts';
import { signIn } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { notFound } from '../helpers/not-found.ts';

const ADMIN = 'admin-token-0123456789';
const ACME = 'acme-analyst-0123456789';
const BANK = 'bank-analyst-0123456789';
const VIEW = 'acme-viewer-0123456789';
const FEED = 'feed-token-0123456789';
const TOKENS = [
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: ACME, name: 'acme planner', tenants: ['acme'], role: 'analyst' },
  { token: BANK, name: 'bank planner', tenants: ['bank'], role: 'analyst' },
  { token: VIEW, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' },
  { token: FEED, name: 'acd', tenants: ['*'], role: 'ingest' },
];
const PW = 'correct horse battery';
// A call waiting is an alert at once: one in acme's q1, one in bank's loans.
const rule = (tenant: string, queueId: string) => ({ id: `waiting-${tenant}`, tenant, queueId, name: 'Callers waiting', metric: 'waitingCalls', comparator: '>=', threshold: 1, forSeconds: 0, clearSeconds: 30 });
const READ_ONLY = { error: 'the replay workspace shows the live plan read-only: change the plan on the live floor (without ?workspace=replay)', code: 'replay.planReadOnly' };
const NO_ALERTS = { error: 'the replay workspace has no alerts: acknowledge alerts on the live floor (without ?workspace=replay)', code: 'replay.noAlerts' };
const PLUS_TWO = { from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 2 };
const FORECAST = 'interval_start,queue_id,calls,aht_seconds\n2026-11-21T14:00:00+08:00,q1,100,180\n';
const HISTORY = 'interval_start,queue_id,calls,aht_seconds\n2026-11-13T14:00:00+08:00,q1,90,200\n';
const SCHEDULE = [{ agentId: 'b1', start: '2026-11-21T14:00:00+08:00', end: '2026-11-21T16:00:00+08:00', activity: 'phone' }];
/** One queue_log line: a call entering `queue` at 11:00 local. */
const enterQueue = (queue: string, callId: string) => `${Date.parse('2026-11-20T11:00:00+08:00') / 1000}|${callId}|${queue}|NONE|ENTERQUEUE||0912|1\n`;

const dir = mkdtempSync(join(tmpdir(), 'write-params-'));
let server: Awaited<ReturnType<typeof startServer>>;
/** Session cookie of acme's manager. */
let manager = '';
/** Ids made in beforeAll: the open alert of each tenant, a token and a display. */
const ids = { acmeAlert: '', bankAlert: '', token: '', display: '' };

type Who = string | { cookie: string } | null;
async function send(method: string, path: string, who: Who, body?: unknown, contentType = 'application/json') {
  const headers: Record<string, string> = {};
  if (typeof who === 'string') headers.authorization = `Bearer ${who}`;
  else if (who) headers.cookie = who.cookie;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const refused = (name: string, known: string) => ({ status: 400, body: { error: `"${name}" is not a parameter here; known: ${known}` } });
const openAlert = async (tenant: string) => ((await server.get(`/api/v1/alerts?tenant=${tenant}`, ADMIN)).body.tenants as TenantAlerts[])[0].open[0];

beforeAll(async () => {
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ rules: [rule('acme', 'q1'), rule('bank', 'loans')] }));
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(TOKENS), ALERT_RULES_FILE: join(dir, 'rules.json') }, Date.parse('2026-11-20T11:30:00+08:00'));
  const events = [
    ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'b1', queues: ['q1'], state: 'available' }),
    ev('call.queued', '09:10:00', { tenant: 'acme', callId: 'c1', queueId: 'q1' }),
    ev('call.queued', '09:20:00', { tenant: 'bank', callId: 'k1', queueId: 'loans' }),
  ];
  expect((await (await server.post('/api/v1/events', ndjson(events), FEED)).json()).rejectedCount).toBe(0);
  for (const u of [{ name: 'acme-mgr', role: 'manager', tenants: ['acme'] }, { name: 'bank-lead', role: 'teamLead', tenants: ['bank'] }]) {
    expect((await send('POST', '/api/v1/users', ADMIN, { ...u, password: PW })).status).toBe(201);
  }
  manager = await signIn(server.base, 'acme-mgr', PW);
  ids.token = (await send('POST', '/api/v1/tokens', ADMIN, { name: 'spare', role: 'viewer', tenants: ['acme'] })).body.id;
  ids.display = (await send('POST', '/api/v1/displays', ADMIN, { name: 'lobby', tenants: ['acme'] })).body.id;
  // The evaluator runs each second: both alerts open at its first run.
  await vi.waitFor(async () => {
    ids.acmeAlert = (await openAlert('acme')).id;
    ids.bankAlert = (await openAlert('bank')).id;
  }, { timeout: 5000 });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a query parameter a write route does not read is a 400 naming it and the ones it reads', () => {
  // One misspelling per route, each from the admin, who may see and write everything.
  const misspelt: [method: string, path: string, body: unknown, type: string, name: string, known: string][] = [
    ['POST', '/events?tenat=acme', ndjson([ev('agent.login', '11:00:00', { tenant: 'acme', agentId: 'z9', queues: ['q1'] })]), 'application/x-ndjson', 'tenat', 'none'],
    ['POST', '/ingest/queue-log?tenant=acme&sourc=pbx2', enterQueue('pbx2q', 'p1'), 'text/x-queue-log', 'sourc', 'tenant, source'],
    ['POST', '/ingest/amazon-connect?tenat=acme', '[]', 'application/json', 'tenat', 'tenant'],
    ['POST', '/history?tenat=acme', HISTORY, 'text/csv', 'tenat', 'tenant, workspace'],
    ['PUT', '/calendar?tenat=acme', { days: [] }, 'application/json', 'tenat', 'tenant, workspace'],
    ['PUT', '/forecasts/q1/2026-11-21?tenat=acme', FORECAST, 'text/csv', 'tenat', 'tenant, workspace'],
    ['DELETE', '/forecasts/q1/2026-11-21?tenat=acme', undefined, '', 'tenat', 'tenant, workspace'],
    ['PUT', '/schedules/2026-11-21?tenat=acme', SCHEDULE, 'application/json', 'tenat', 'tenant, workspace'],
    ['POST', '/queues/q1/whatifs?tenat=acme', PLUS_TWO, 'application/json', 'tenat', 'tenant, workspace'],
    ['DELETE', '/queues/q1/whatifs/w1?tenat=acme', undefined, '', 'tenat', 'tenant, workspace'],
    ['POST', '/alerts/:acmeAlert/ack?tenat=acme', {}, 'application/json', 'tenat', 'tenant, workspace'],
    ['POST', '/queues/q1/past-day?tenat=acme', { date: '2026-11-19', changes: [] }, 'application/json', 'tenat', 'tenant, workspace'],
    ['POST', '/replay?dat=2026-11-19', { date: '2026-11-19' }, 'application/json', 'dat', 'workspace'],
    ['DELETE', '/replay?now=1', undefined, '', 'now', 'none'],
    ['POST', '/users?role=admin', { name: 'x1', role: 'analyst', tenants: ['acme'], password: PW }, 'application/json', 'role', 'workspace'],
    ['PATCH', '/users/bank-lead?role=admin', { disabled: true }, 'application/json', 'role', 'workspace'],
    ['POST', '/tokens?role=admin', { name: 'x2', role: 'viewer', tenants: ['acme'] }, 'application/json', 'role', 'none'],
    ['DELETE', '/tokens/:token?revoke=1', undefined, '', 'revoke', 'none'],
    ['POST', '/displays?tenat=acme', { name: 'x3', tenants: ['acme'] }, 'application/json', 'tenat', 'workspace'],
    ['DELETE', '/displays/:display?tenat=acme', undefined, '', 'tenat', 'workspace'],
    ['PUT', '/tenants/acme/settings?tenat=acme', { clientViewerAgentNames: true }, 'application/json', 'tenat', 'workspace'],
    ['DELETE', '/session?all=1', undefined, '', 'all', 'none'],
  ];
  it.each(misspelt)('%s %s', async (method, path, body, type, name, known) => {
    const real = path.replace(/:(acmeAlert|token|display)\b/, (_, id: keyof typeof ids) => encodeURIComponent(ids[id]));
    expect(await send(method, `/api/v1${real}`, ADMIN, body, type)).toEqual(refused(name, known));
  });

  it('POST /session?user=acme-mgr (sign-in has no token to check first), and none of the refused writes was applied', async () => {
    expect(await send('POST', '/api/v1/session?user=acme-mgr', null, { name: 'acme-mgr', password: PW })).toEqual(refused('user', 'none'));
    // Nothing of the refused requests was applied.
    expect(await server.get('/api/v1/agents/z9/intervals?tenant=acme', ADMIN)).toEqual(notFound('agent "z9"'));
    expect(await server.get('/api/v1/queues/pbx2q/intervals?tenant=acme', ADMIN)).toEqual(notFound('queue "pbx2q"'));
    expect((await server.get('/api/v1/queues/q1/whatifs?date=2026-11-20', ADMIN)).body.whatIfs).toEqual([]);
    expect((await server.get('/api/v1/forecasts/q1/2026-11-21', ADMIN)).body.intervals).toEqual([]);
    expect((await server.get('/api/v1/schedules/2026-11-21', ADMIN)).body.segments).toEqual([]);
    expect((await server.get('/api/v1/calendar?tenant=default', ADMIN)).body.custom).toBe(false);
    expect((await openAlert('acme')).acknowledgedBy).toBeNull();
    const users = (await server.get('/api/v1/users', ADMIN)).body.users as { name: string; disabled: boolean }[];
    expect(users.map((u) => [u.name, u.disabled])).toEqual([['acme-mgr', false], ['bank-lead', false]]);
    expect(((await server.get('/api/v1/tokens', ADMIN)).body.tokens as { name: string; revokedAt: string | null }[]).map((t) => [t.name, t.revokedAt])).toEqual([['spare', null]]);
    expect(((await server.get('/api/v1/displays', ADMIN)).body.displays as { name: string; revokedAt: string | null }[]).map((d) => [d.name, d.revokedAt])).toEqual([['lobby', null]]);
    expect((await server.get('/api/v1/tenants/acme/settings', ADMIN)).body.clientViewerAgentNames).toBe(false);
  });

  it('still takes the parameters it reads: a second PBX is its own queue_log source', async () => {
    expect(await send('POST', '/api/v1/ingest/queue-log?tenant=acme&source=pbx2', FEED, enterQueue('pbx2q', 'p1'), 'text/x-queue-log')).toMatchObject({ status: 200, body: { accepted: 1, rejectedCount: 0 } });
    expect((await server.get('/api/v1/queues/pbx2q/intervals?tenant=acme', ADMIN)).status).toBe(200);
    // A repeated source was read as none, the default one.
    expect(await send('POST', '/api/v1/ingest/queue-log?tenant=acme&source=pbx2&source=pbx3', FEED, enterQueue('pbx2q', 'p2'), 'text/x-queue-log')).toEqual({ status: 400, body: { error: 'source: give one value' } });
  });

  it('takes the workspace a replay page sends with its writes where the write is not the plan, and checks it', async () => {
    const replay = '?workspace=replay';
    expect((await send('POST', `/api/v1/users${replay}`, ADMIN, { name: 'acme-plan', role: 'analyst', tenants: ['acme'], password: PW })).status).toBe(201);
    expect((await send('PATCH', `/api/v1/users/acme-plan${replay}`, ADMIN, { lang: 'zh-TW' })).body.lang).toBe('zh-TW');
    expect((await send('PUT', `/api/v1/tenants/acme/settings${replay}`, ADMIN, { clientViewerAgentNames: false })).status).toBe(200);
    const shown = await send('POST', `/api/v1/displays${replay}`, ADMIN, { name: 'hall', tenants: ['acme'] });
    expect(shown.status).toBe(201);
    expect((await send('DELETE', `/api/v1/displays/${shown.body.id}${replay}`, ADMIN)).status).toBe(200);
    expect(((await server.get('/api/v1/displays', ADMIN)).body.displays as { id: string; revokedAt: string | null }[]).find((d) => d.id === shown.body.id)?.revokedAt).not.toBeNull();
    // Past the parameters to the server's own refusals: no journal is kept here.
    expect(await send('POST', `/api/v1/replay${replay}`, ADMIN, { date: '2026-11-19' })).toMatchObject({ status: 400, body: { code: 'replay.journalingOff' } });
    expect(await send('POST', `/api/v1/queues/q1/past-day${replay}&tenant=acme`, ACME, { date: '2026-11-19', changes: [] })).toEqual({ status: 400, body: { error: 'journaling is off: start the server with JOURNAL_DIR to keep days for a re-run', code: 'pastDay.journalingOff' } });
    // A misspelt workspace is the reads' 400; a feed may not name one (it would have written the live floor).
    expect(await send('POST', '/api/v1/users?workspace=replya', ADMIN, { name: 'x4', role: 'analyst', tenants: ['acme'], password: PW })).toEqual({ status: 400, body: { error: 'workspace: live or replay' } });
    expect(await send('POST', `/api/v1/events${replay}`, FEED, '[]')).toEqual(refused('workspace', 'none'));
  });
});

describe('acknowledging an alert from the replay workspace', () => {
  it('is 409 replay.noAlerts and leaves the live alert open for everyone; the live floor acknowledges it', async () => {
    const ack = (query: string) => send('POST', `/api/v1/alerts/${encodeURIComponent(ids.bankAlert)}/ack${query}`, ADMIN, {});
    expect(await ack('?tenant=bank&workspace=replay')).toEqual({ status: 409, body: NO_ALERTS });
    expect((await openAlert('bank')).acknowledgedBy).toBeNull();
    expect(await ack('?tenant=bank&workspace=live')).toMatchObject({ status: 200, body: { alert: { id: ids.bankAlert, acknowledgedBy: 'ops' } } });
    expect((await openAlert('bank')).acknowledgedBy).toBe('ops');
  });
});

describe('the order of refusals stays 401, 403, 404, then 400 for a parameter, then 409', () => {
  it('for a what-if', async () => {
    const add = (token: string | null, query: string) => send('POST', `/api/v1/queues/q1/whatifs${query}`, token, PLUS_TWO);
    const q = '?tenant=acme&workspace=replay&tenat=acme';
    expect((await add(null, q)).status).toBe(401);
    expect(await add(VIEW, q)).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    expect(await add(BANK, '?workspace=replay&tenat=acme')).toEqual(notFound('queue "q1"'));
    expect(await add(ACME, q)).toEqual(refused('tenat', 'tenant, workspace'));
    expect(await add(ACME, '?tenant=acme&workspace=replay')).toEqual({ status: 409, body: READ_ONLY });
    expect((await server.get('/api/v1/queues/q1/whatifs?date=2026-11-20', ADMIN)).body.whatIfs).toEqual([]);
  });

  it("for an alert's acknowledgement", async () => {
    const ack = (token: string | null, query: string) => send('POST', `/api/v1/alerts/${encodeURIComponent(ids.acmeAlert)}/ack${query}`, token, {});
    const q = '?workspace=replay&tenat=acme';
    expect((await ack(null, q)).status).toBe(401);
    expect(await ack(FEED, q)).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    expect(await ack(BANK, q)).toEqual(notFound(`alert "${ids.acmeAlert}"`));
    expect(await ack(VIEW, q)).toEqual(refused('tenat', 'tenant, workspace'));
    expect(await ack(VIEW, '?workspace=replay')).toEqual({ status: 409, body: NO_ALERTS });
    expect((await openAlert('acme')).acknowledgedBy).toBeNull();
  });
});

describe("another tenant's resource with a parameter the route does not read answers 404, exactly like an unknown one", () => {
  // Bank's resource, by the id in its path: the same path with that id made up answers the same 404.
  const hidden = (): [method: string, path: string, id: string, what: string, body: unknown][] => [
    ['POST', '/queues/loans/whatifs?tenat=bank', 'loans', 'queue', PLUS_TWO],
    ['DELETE', '/queues/loans/whatifs/w1?tenat=bank', 'loans', 'queue', undefined],
    ['DELETE', '/forecasts/loans/2026-11-21?tenat=bank', 'loans', 'queue', undefined],
    ['POST', '/queues/loans/past-day?tenat=bank', 'loans', 'queue', { date: '2026-11-19', changes: [] }],
    ['POST', `/alerts/${encodeURIComponent(ids.bankAlert)}/ack?tenat=bank&workspace=replay`, ids.bankAlert, 'alert', {}],
  ];
  it("to acme's analyst, while the admin is told of the parameter", async () => {
    for (const [method, path, id, what, body] of hidden()) {
      expect(await send(method, `/api/v1${path}`, ACME, body), path).toEqual(notFound(`${what} "${id}"`));
      expect(await send(method, `/api/v1${path.replace(encodeURIComponent(id), 'nosuch')}`, ACME, body), path).toEqual(notFound(`${what} "nosuch"`));
      expect((await send(method, `/api/v1${path}`, ADMIN, body)).status, path).toBe(400);
    }
  });

  it("to acme's manager: bank's user and bank's settings", async () => {
    const who = { cookie: manager };
    expect(await send('PATCH', '/api/v1/users/bank-lead?role=admin', who, { disabled: true })).toEqual({ status: 404, body: { error: 'user "bank-lead" not found', code: 'user.notFound', params: { name: 'bank-lead' } } });
    expect(await send('PATCH', '/api/v1/users/nobody?role=admin', who, { disabled: true })).toEqual({ status: 404, body: { error: 'user "nobody" not found', code: 'user.notFound', params: { name: 'nobody' } } });
    expect(await send('PUT', '/api/v1/tenants/bank/settings?tenat=bank', who, { clientViewerAgentNames: true })).toEqual({ status: 404, body: { error: 'tenant "bank" not found', code: 'tenant.notFound', params: { tenant: '"bank"' } } });
    expect(await send('PUT', '/api/v1/tenants/acme/settings?tenat=acme', who, { clientViewerAgentNames: true })).toEqual(refused('tenat', 'workspace'));
  });
});
