/**
 * The narrower roles' limits (probe report findings 4, 5, 6 and 13b): a team lead sees its
 * teams' agents, an agent itself and the queues it serves (what its snapshot shows). Anything
 * outside answers byte for byte like an id that does not exist, and totals count only the
 * people the caller may see.
 *
 * Tenant acme: a1 (team t1, serves cards), a3 (t1, cards), a2 (t2, loans); campaign `survey`
 * dialled with no one skilled for it; a4 is on the rota but has never logged in (so of no team). lead1 leads
 * t1; ag1 is agent a1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFound } from '../helpers/not-found.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { addPeople, LEAD_AND_AGENT } from '../helpers/people.ts';
import { until } from '../helpers/webhook-receiver.ts';

const ADMIN = 'role-scope-admin-0123456789';
const PW = 'correct horse battery';
const DATE = '2026-11-20';
const T = (at: string) => `${DATE}T${at}+08:00`;
const acme = (id: string, type: string, at: string, f: object) => ({ id, type, ts: T(at), tenant: 'acme', ...f });

let server: Awaited<ReturnType<typeof startServer>>;
const dir = mkdtempSync(join(tmpdir(), 'role-scope-'));
/** A caller waiting a minute on either queue raises an alert (the last describe lets it fire). */
const RULES = ['cards', 'loans'].map((queueId) => ({ id: `waiting-${queueId}`, tenant: 'acme', queueId, name: 'Callers waiting', metric: 'waitingCalls', comparator: '>=', threshold: 1, forSeconds: 60, clearSeconds: 30 }));
const cookie: Record<string, string> = {};
type Who = 'admin' | 'lead1' | 'ag1';

async function get(path: string, who: Who) {
  const headers: Record<string, string> = who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] };
  const res = await fetch(server.base + path, { headers });
  return { status: res.status, text: await res.text() };
}
const json = async (path: string, who: Who) => {
  const r = await get(path, who);
  expect([path, r.status]).toEqual([path, 200]);
  return JSON.parse(r.text);
};

/** Asks `path` with `id` and with `ghost` in its place: the two answers must be the same, but for the id (and be `status`). */
async function expectLikeGhost(who: Who, path: string, id: string, ghost: string, status = 404) {
  const real = await get(path, who);
  const fake = await get(path.replace(id, ghost), who);
  expect([path, real.status]).toEqual([path, status]);
  expect(real.text.split(JSON.stringify(id).slice(1, -1)).join(ghost)).toBe(fake.text);
  return real;
}

beforeAll(async () => {
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ rules: RULES }));
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]), ALERT_RULES_FILE: join(dir, 'rules.json') });
  const events = [
    acme('1', 'agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['cards'], state: 'available' }),
    acme('2', 'agent.login', '08:00:00', { agentId: 'a2', name: 'Bo Chen', teamId: 't2', queues: ['loans'], state: 'available' }),
    acme('3', 'agent.login', '08:00:00', { agentId: 'a3', name: 'Cy Wu', teamId: 't1', queues: ['cards'], state: 'available' }),
    acme('4', 'dial.attempt', '09:06:00', { attemptId: 'd1', campaignId: 'survey', result: 'busy' }),
    // One call a queue, answered, ended and wrapped with a reason: a3 billing on cards, a2 refund on loans.
    ...(
      [
        ['c1', 'cards', 'a3', '09:29', 'billing'],
        ['c2', 'loans', 'a2', '09:30', 'refund'],
      ] as const
    ).flatMap(([callId, queueId, agentId, m, disposition]) => [
      acme(`q${callId}`, 'call.queued', `${m}:00`, { callId, queueId }),
      acme(`a${callId}`, 'call.answered', `${m}:05`, { callId, queueId, agentId }),
      acme(`e${callId}`, 'call.ended', `${m}:30`, { callId, agentId }),
      acme(`w${callId}`, 'call.wrapped', `${m}:40`, { callId, agentId, disposition }),
    ]),
    // Still waiting at 09:31: the alerts of the last describe.
    acme('w1', 'call.queued', '09:30:50', { callId: 'c3', queueId: 'cards' }),
    acme('w2', 'call.queued', '09:30:50', { callId: 'c4', queueId: 'loans' }),
  ];
  expect((await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json())).accepted).toBe(14);
  const send = (method: string, path: string, body: unknown) =>
    fetch(server.base + path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
  const rota = ['a1', 'a2', 'a3', 'a4'].map((agentId) => ({ agentId, start: T('08:00:00'), end: T('17:00:00'), activity: 'phone' }));
  expect((await send('PUT', `/api/v1/schedules/${DATE}?tenant=acme`, rota)).status).toBe(200);
  for (const q of ['cards', 'loans']) expect((await send('PUT', `/api/v1/forecasts/${q}/${DATE}?tenant=acme`, [{ intervalStart: T('09:00:00'), calls: 40, ahtSeconds: 200 }])).status).toBe(200);
  expect((await send('POST', '/api/v1/queues/loans/whatifs?tenant=acme', { from: T('10:00:00'), to: T('10:30:00'), agents: 2, label: 'loans overtime' })).status).toBe(201);
  Object.assign(cookie, await addPeople(server.base, ADMIN, LEAD_AND_AGENT, PW));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('adherence totals count only the people the caller may see (finding 4)', () => {
  // a1, a2 and a3 were available from 08:00 on a phone shift from 08:00; the floor's clock
  // stands at the wall clock, 09:31: 91 min = 5,460 s scheduled and adherent each. a4, on the
  // same shift, never logged in: 5,460 s scheduled, none adherent.
  const row = (agents: number) => expect.objectContaining({ agents, scheduledSeconds: agents * 5460, adherentSeconds: agents * 5460 });

  it('sums a team lead its own team, an agent itself; the admin everyone', async () => {
    const all = await json(`/api/v1/adherence?date=${DATE}`, 'admin');
    expect(all.tenants).toEqual([expect.objectContaining({ agents: 4, scheduledSeconds: 4 * 5460, adherentSeconds: 3 * 5460 })]);
    const lead = await json(`/api/v1/adherence?date=${DATE}`, 'lead1');
    expect(lead.agents.map((a: { agentId: string }) => a.agentId).sort()).toEqual(['a1', 'a3']);
    expect(lead.tenants).toEqual([row(2)]);
    expect(lead.teams).toHaveLength(1);
    expect(lead.teams[0]).toMatchObject({ id: 't1', agents: 2, scheduledSeconds: 2 * 5460 });
    const agent = await json(`/api/v1/adherence?date=${DATE}`, 'ag1');
    expect(agent.agents.map((a: { agentId: string }) => a.agentId)).toEqual(['a1']);
    expect(agent.tenants).toEqual([row(1)]);
    // Its team's row is its own figures, not its colleague a3's too.
    expect(agent.teams).toHaveLength(1);
    expect(agent.teams[0]).toMatchObject({ id: 't1', agents: 1, scheduledSeconds: 5460 });
  });

  it('answers an agent or team out of sight exactly like an unknown one', async () => {
    for (const base of ['/api/v1/adherence?date=' + DATE + '&', '/api/v1/adherence/live?']) {
      const r = await expectLikeGhost('lead1', `${base}agentId=a2`, 'a2', 'ghost');
      expect(JSON.parse(r.text)).toEqual(notFound('agent "a2"').body);
      await expectLikeGhost('ag1', `${base}agentId=a3`, 'a3', 'ghost');
      // Another team answers 200 with nobody in it, the same bytes as a team that does not exist.
      const team = await expectLikeGhost('lead1', `${base}teamId=t2`, 't2', 'ghost-team', 200);
      expect(JSON.parse(team.text)).toMatchObject({ agents: [], teams: [] });
    }
    expect((await json(`/api/v1/adherence?date=${DATE}&teamId=t2`, 'lead1')).tenants).toEqual([]);
  });

  it('gives an agent no live team row (the cached row sums its colleagues)', async () => {
    const lead = await json('/api/v1/adherence/live', 'lead1');
    expect(lead.teams.map((t: { id: string }) => t.id)).toEqual(['t1']);
    const agent = await json('/api/v1/adherence/live', 'ag1');
    expect(agent.agents.map((a: { agentId: string }) => a.agentId)).toEqual(['a1']);
    expect(agent.teams).toEqual([]);
  });
});

describe('per-agent routes answer another team\'s agent like an unknown one (finding 5)', () => {
  it('GET /agents/:id/intervals', async () => {
    for (const [who, id] of [['lead1', 'a2'], ['ag1', 'a2'], ['ag1', 'a3']] as const) {
      const r = await expectLikeGhost(who, `/api/v1/agents/${id}/intervals?date=${DATE}`, id, 'ghost');
      expect(JSON.parse(r.text)).toEqual(notFound(`agent "${id}"`).body);
    }
    expect((await json(`/api/v1/agents/a3/intervals?date=${DATE}`, 'lead1')).agentId).toBe('a3');
    expect((await json(`/api/v1/agents/a1/intervals?date=${DATE}`, 'ag1')).agentId).toBe('a1');
  });
});

describe('an agent reads only the queues it serves (finding 6)', () => {
  const QUEUE_ROUTES = ['/intervals', '/intraday', '/intraday.csv', '/ewt', '/whatifs', '/history', '/forecast', '/plan?date=' + DATE];

  it('answers another queue like an unknown one on every queue route', async () => {
    const snapshot = await json('/api/v1/snapshot', 'ag1');
    expect(snapshot.queues.map((q: { id: string }) => q.id)).toEqual(['cards']);
    for (const r of QUEUE_ROUTES) {
      const got = await expectLikeGhost('ag1', `/api/v1/queues/loans${r}`, 'loans', 'ghost-q');
      expect(JSON.parse(got.text)).toEqual(notFound('queue "loans"').body);
    }
    await expectLikeGhost('ag1', `/api/v1/forecasts/loans/${DATE}`, 'loans', 'ghost-q');
    for (const r of ['/intervals', '/intraday', '/ewt', '/whatifs']) expect((await get(`/api/v1/queues/cards${r}`, 'ag1')).status).toBe(200);
    // A team lead's snapshot shows every queue: so do the queue routes.
    expect((await json('/api/v1/queues/loans/whatifs', 'lead1')).whatIfs).toHaveLength(1);
  });

  it('lists and shows an agent only the campaigns of queues it serves', async () => {
    expect((await json('/api/v1/campaigns', 'lead1')).campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual(['survey']);
    expect((await json('/api/v1/campaigns', 'ag1')).campaigns).toEqual([]);
    const r = await expectLikeGhost('ag1', '/api/v1/campaigns/survey', 'survey', 'ghost-c');
    expect(JSON.parse(r.text)).toEqual(notFound('campaign "survey"').body);
  });

  it('gives an agent the call reasons of the queues it serves, and no client row (it sums every queue)', async () => {
    const reasons = (v: { queues: { queueId: string; reasons: { reason: string }[] }[]; tenants: { tenant: string }[] }) => ({
      queues: v.queues.map((q) => `${q.queueId}:${q.reasons.map((r) => r.reason).join(',')}`),
      tenants: v.tenants.map((t) => t.tenant),
    });
    expect(reasons(await json('/api/v1/call-reasons', 'lead1'))).toEqual({ queues: ['cards:billing', 'loans:refund'], tenants: ['acme'] });
    expect(reasons(await json('/api/v1/call-reasons', 'ag1'))).toEqual({ queues: ['cards:billing'], tenants: [] });
  });

  it('refuses an agent the tenant report (it sums queues the agent does not serve) like an unknown tenant', async () => {
    expect((await get('/api/v1/reports/acme', 'lead1')).status).toBe(200);
    await expectLikeGhost('ag1', '/api/v1/reports/acme', 'acme', 'nobody');
    await expectLikeGhost('ag1', '/api/v1/reports/acme.csv', 'acme', 'nobody');
  });

  it('answers an agent\'s intraday:subscribe for another queue like an unknown queue', async () => {
    const socket: Socket = connect(server.base, { extraHeaders: { cookie: cookie.ag1 }, transports: ['websocket'], reconnection: false });
    try {
      const ask = (queueId: string) => new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit('intraday:subscribe', { queueId, date: DATE }, resolve));
      expect((await ask('cards')).ok).toBe(true);
      expect(await ask('loans')).toEqual({ ok: false, error: 'unknown queue "loans"' });
    } finally {
      socket.close();
    }
  });
});

describe('GET /schedules/:date shows the rotas of the people the caller may see (findings 6, 13b)', () => {
  const who = async (path: string, w: Who) => [...new Set((await json(path, w)).segments.map((s: { agentId: string }) => s.agentId))].sort();

  it('limits the rotas by role', async () => {
    expect(await who(`/api/v1/schedules/${DATE}`, 'admin')).toEqual(['a1', 'a2', 'a3', 'a4']);
    // a4 has never logged in: no team is known for it, so no team lead sees it.
    expect(await who(`/api/v1/schedules/${DATE}`, 'lead1')).toEqual(['a1', 'a3']);
    expect(await who(`/api/v1/schedules/${DATE}`, 'ag1')).toEqual(['a1']);
  });

  it('resolves agentId= like a path id: unknown and out-of-sight agents are 404 alike', async () => {
    const unknown = await get(`/api/v1/schedules/${DATE}?agentId=ghost`, 'admin');
    expect([unknown.status, JSON.parse(unknown.text)]).toEqual([404, notFound('agent "ghost"').body]);
    await expectLikeGhost('lead1', `/api/v1/schedules/${DATE}?agentId=a2`, 'a2', 'ghost');
    await expectLikeGhost('lead1', `/api/v1/schedules/${DATE}?agentId=a4`, 'a4', 'ghost');
    await expectLikeGhost('ag1', `/api/v1/schedules/${DATE}?agentId=a3`, 'a3', 'ghost');
    // A rota before the agent's first login is found by whoever may see every agent.
    expect(await who(`/api/v1/schedules/${DATE}?agentId=a4`, 'admin')).toEqual(['a4']);
    expect(await who(`/api/v1/schedules/${DATE}?agentId=a3`, 'lead1')).toEqual(['a3']);
  });
});

// Last: it moves the clock on, which the adherence figures above are worked out without.
describe('an agent hears only the alerts of the queues it serves', () => {
  it('over REST, its socket and acknowledgement', async () => {
    // The evaluation at 09:31:00 saw both callers waiting; a minute later both rules fire.
    await new Promise((r) => setTimeout(r, 1300));
    server.clock.now = Date.parse(T('09:32:01'));
    const openIds = async (w: Who) => (await json('/api/v1/alerts', w)).tenants.flatMap((t: { open: { queueId: string }[] }) => t.open.map((a) => a.queueId)).sort();
    await until(async () => ((await openIds('lead1')).length === 2 ? true : undefined), 5000, 'both alerts');
    expect(await openIds('lead1')).toEqual(['cards', 'loans']);
    expect(await openIds('ag1')).toEqual(['cards']);
    const loans = (await json('/api/v1/alerts', 'lead1')).tenants[0].open.find((a: { queueId: string }) => a.queueId === 'loans').id as string;
    const post = async (id: string) => {
      const res = await fetch(`${server.base}/api/v1/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST', headers: { cookie: cookie.ag1, 'content-type': 'application/json' }, body: '{}' });
      return { status: res.status, text: await res.text() };
    };
    const real = await post(loans);
    const ghost = await post('ghost-alert');
    expect(real.status).toBe(404);
    expect(real.text.split(JSON.stringify(loans).slice(1, -1)).join('ghost-alert')).toBe(ghost.text);
    const socket: Socket = connect(server.base, { extraHeaders: { cookie: cookie.ag1 }, transports: ['websocket'], reconnection: false });
    try {
      const sub = await socket.emitWithAck('alerts:subscribe', {});
      expect(sub.data.flatMap((t: { open: { queueId: string }[] }) => t.open.map((a) => a.queueId))).toEqual(['cards']);
    } finally {
      socket.close();
    }
  });
});
