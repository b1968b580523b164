/**
 * The counts a narrower role is given count only the people it may see, and a team it may not
 * see (another tenant's, or outside a team lead's teams) answers exactly like a team that does
 * not exist, in the adherence:subscribe answer and in every push after it.
 *
 * Both tenants' rota: phone 08:00-17:00 for everyone; the wall clock stands at 09:31:00.
 *   acme  a1 Ana Lin  t1 cards  aux from 09:29:00  out 120 s: warn (grace 60 s, severe 300 s)
 *         a3 Cy Wu   t1 cards  available           in
 *         a2 Bo Chen t2 loans  aux from 09:00:00  out 1,860 s: alert
 *         a5 Di Ho   t2 loans  aux from 09:30:30  out 30 s: grace, no exception
 *   bank  b1 Ed Xu   tb bank-q aux from 09:10:00  out 1,260 s: alert
 *         b2 Fay Yu  t1 bank-q aux from 09:20:00  out 660 s: alert (bank's own team "t1")
 * lead1 leads acme's t1; ag1 is acme's agent a1; VIEWER is a viewer token of acme (every agent).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantAdherence } from '../../server/protocol/adherence.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { addPeople, LEAD_AND_AGENT } from '../helpers/people.ts';

const ADMIN = 'scope-counts-admin-0123456789';
const VIEWER = 'scope-counts-viewer-0123456789';
const PW = 'correct horse battery';
const DATE = '2026-11-20';
const T = (at: string) => `${DATE}T${at}+08:00`;
type Who = 'admin' | 'viewer' | 'lead1' | 'ag1';

let server: Awaited<ReturnType<typeof startServer>>;
const cookie: Record<string, string> = {};
const auth = (who: Who): Record<string, string> => (who === 'admin' ? { authorization: `Bearer ${ADMIN}` } : who === 'viewer' ? { authorization: `Bearer ${VIEWER}` } : { cookie: cookie[who] });

async function get(path: string, who: Who) {
  const res = await fetch(server.base + path, { headers: auth(who) });
  return { status: res.status, text: await res.text() };
}
async function json(path: string, who: Who) {
  const r = await get(path, who);
  expect([path, r.status]).toEqual([path, 200]);
  return JSON.parse(r.text);
}

/** A floor socket of `who`, connected. */
async function socketOf(who: Who): Promise<Socket> {
  // Tokens sign a socket in by its auth; people by their session cookie.
  const token = who === 'admin' ? ADMIN : who === 'viewer' ? VIEWER : undefined;
  const s = connect(server.base, { ...(token ? { auth: { token } } : { extraHeaders: { cookie: cookie[who] } }), transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

/** The answers' counts and who is in them, per tenant. */
const counts = (live: TenantAdherence[]) =>
  live.map((t) => ({
    tenant: t.tenant,
    agents: t.agents.map((a) => a.agentId),
    agentCount: t.agentCount,
    exceptions: t.exceptions.map((e) => `${e.agentId} ${e.severity} ${e.seconds}`),
    exceptionCount: t.exceptionCount,
    alertCount: t.alertCount,
    teams: t.teams.map((g) => `${g.tenant}/${g.id}: ${g.agents}`),
  }));

beforeAll(async () => {
  server = await startServer({
    FLOORBOARD_TOKENS: JSON.stringify([
      { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
      { token: VIEWER, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' },
    ]),
  });
  const people = [
    ['acme', 'a1', 'Ana Lin', 't1', 'cards', '09:29:00'],
    ['acme', 'a3', 'Cy Wu', 't1', 'cards', null],
    ['acme', 'a2', 'Bo Chen', 't2', 'loans', '09:00:00'],
    ['acme', 'a5', 'Di Ho', 't2', 'loans', '09:30:30'],
    ['bank', 'b1', 'Ed Xu', 'tb', 'bank-q', '09:10:00'],
    ['bank', 'b2', 'Fay Yu', 't1', 'bank-q', '09:20:00'],
  ] as const;
  const events = people.flatMap(([tenant, agentId, name, teamId, queue, aux]) => [
    { id: `login-${agentId}`, type: 'agent.login', ts: T('08:00:00'), tenant, agentId, name, teamId, queues: [queue], state: 'available' },
    ...(aux ? [{ id: `aux-${agentId}`, type: 'agent.state', ts: T(aux), tenant, agentId, state: 'aux', reason: 'coffee' }] : []),
  ]);
  // 4 logins and 3 changes of acme's, 2 and 2 of bank's.
  expect((await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json())).accepted).toBe(11);
  const send = (method: string, path: string, body: unknown) =>
    fetch(server.base + path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
  for (const tenant of ['acme', 'bank']) {
    const rota = people.filter((p) => p[0] === tenant).map(([, agentId]) => ({ agentId, start: T('08:00:00'), end: T('17:00:00'), activity: 'phone' }));
    expect((await send('PUT', `/api/v1/schedules/${DATE}?tenant=${tenant}`, rota)).status).toBe(200);
  }
  Object.assign(cookie, await addPeople(server.base, ADMIN, LEAD_AND_AGENT, PW));
});
afterAll(() => server.stop());

describe('counts and snapshots count only the people the caller may see', () => {
  it('live adherence over the socket: agentCount, exceptionCount, alertCount and team rows', async () => {
    const acmeAll = { tenant: 'acme', agents: ['a1', 'a2', 'a3', 'a5'], agentCount: 4, exceptions: ['a2 alert 1860', 'a1 warn 120'], exceptionCount: 2, alertCount: 1, teams: ['acme/t1: 2', 'acme/t2: 2'] };
    const expected: Record<Who, ReturnType<typeof counts>> = {
      admin: [acmeAll, { tenant: 'bank', agents: ['b1', 'b2'], agentCount: 2, exceptions: ['b1 alert 1260', 'b2 alert 660'], exceptionCount: 2, alertCount: 2, teams: ['bank/t1: 1', 'bank/tb: 1'] }],
      viewer: [acmeAll],
      // Its team t1: a1 and a3; not bank's t1 (b2), not t2's exception a2.
      lead1: [{ tenant: 'acme', agents: ['a1', 'a3'], agentCount: 2, exceptions: ['a1 warn 120'], exceptionCount: 1, alertCount: 0, teams: ['acme/t1: 2'] }],
      // Itself, and no team row (the team's row would sum a3 too).
      ag1: [{ tenant: 'acme', agents: ['a1'], agentCount: 1, exceptions: ['a1 warn 120'], exceptionCount: 1, alertCount: 0, teams: [] }],
    };
    for (const who of ['admin', 'viewer', 'lead1', 'ag1'] as const) {
      const s = await socketOf(who);
      const answer = await s.emitWithAck('adherence:subscribe', {});
      s.disconnect();
      expect([who, answer.ok]).toEqual([who, true]);
      expect([who, counts(answer.data)]).toEqual([who, expected[who]]);
      // The REST view of the same live adherence counts alike.
      const rest = await json('/api/v1/adherence/live', who);
      expect([who, { agentCount: rest.agentCount, exceptionCount: rest.exceptionCount, alertCount: rest.alertCount }]).toEqual([
        who,
        { agentCount: expected[who].reduce((n, t) => n + t.agentCount, 0), exceptionCount: expected[who].reduce((n, t) => n + t.exceptionCount, 0), alertCount: expected[who].reduce((n, t) => n + t.alertCount, 0) },
      ]);
    }
  });

  it("the lead's team row sums its own team only: 2 agents of 5,460 s scheduled, 5,460 + 5,340 s adherent", async () => {
    // 08:00-09:31 is 5,460 s; a1 was out from 09:29, so 5,340 s of it adherent.
    const s = await socketOf('lead1');
    const answer = await s.emitWithAck('adherence:subscribe', {});
    s.disconnect();
    expect(answer.data[0].teams).toEqual([expect.objectContaining({ tenant: 'acme', id: 't1', agents: 2, scheduledSeconds: 10_920, adherentSeconds: 10_800 })]);
  });

  it("the day's report: agentCount, the tenant's and team's totals", async () => {
    const lead = await json(`/api/v1/adherence?date=${DATE}`, 'lead1');
    expect(lead.agentCount).toBe(2);
    expect(lead.tenants).toEqual([expect.objectContaining({ id: 'acme', agents: 2, scheduledSeconds: 10_920, adherentSeconds: 10_800 })]);
    expect(lead.teams).toEqual([expect.objectContaining({ tenant: 'acme', id: 't1', agents: 2, scheduledSeconds: 10_920, adherentSeconds: 10_800 })]);
    const agent = await json(`/api/v1/adherence?date=${DATE}`, 'ag1');
    expect(agent.agentCount).toBe(1);
    expect(agent.tenants).toEqual([expect.objectContaining({ id: 'acme', agents: 1, scheduledSeconds: 5460, adherentSeconds: 5340 })]);
    expect(agent.teams).toEqual([expect.objectContaining({ tenant: 'acme', id: 't1', agents: 1, scheduledSeconds: 5460, adherentSeconds: 5340 })]);
  });

  it('GET /snapshot and the subscribe answer: agents, queues, tenants and counters', async () => {
    const view = async (who: Who) => {
      const s = await json('/api/v1/snapshot', who);
      return { tenants: s.tenants.map((t: { id: string }) => t.id), queues: s.queues.map((q: { id: string }) => q.id).sort(), agents: s.agents.map((a: { id: string }) => a.id).sort(), accepted: s.counters.accepted };
    };
    // acme's events: 4 logins and 3 state changes; bank's 2 and 2.
    expect(await view('admin')).toEqual({ tenants: ['acme', 'bank'], queues: ['bank-q', 'cards', 'loans'], agents: ['a1', 'a2', 'a3', 'a5', 'b1', 'b2'], accepted: 11 });
    expect(await view('lead1')).toEqual({ tenants: ['acme'], queues: ['cards', 'loans'], agents: ['a1', 'a3'], accepted: 7 });
    expect(await view('ag1')).toEqual({ tenants: ['acme'], queues: ['cards'], agents: ['a1'], accepted: 7 });
    // A paged board's subscribe answer carries the count alone: the same people.
    for (const [who, n] of [['admin', 6], ['viewer', 4], ['lead1', 2], ['ag1', 1]] as const) {
      const s = await socketOf(who);
      const answer = await s.emitWithAck('subscribe', { agents: false });
      s.disconnect();
      expect([who, answer.data.agentCount]).toEqual([who, n]);
    }
  });
});

describe('adherence:subscribe with a team the caller may not see answers like an unknown team', () => {
  /** The answer to `teamId` and the first push after it, on a socket of its own. */
  async function watch(who: Who, teamId: string): Promise<{ answer: unknown; push: unknown }> {
    const s = await socketOf(who);
    try {
      const answer = await s.emitWithAck('adherence:subscribe', { teamId });
      // Pushes come every 2 s to each room.
      const push = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no adherence push within 5 s for ${who} ${teamId}`)), 5000);
        s.once('adherence', (a) => {
          clearTimeout(timer);
          resolve(a);
        });
      });
      return { answer, push };
    } finally {
      s.disconnect();
    }
  }
  const none = [{ tenant: 'acme', agents: [], agentCount: 0, exceptions: [], exceptionCount: 0, alertCount: 0, teams: [] }];

  for (const [who, teamId, whose] of [
    ['viewer', 'tb', "bank's team"],
    ['lead1', 'tb', "bank's team"],
    ['lead1', 't2', 'another team of its tenant'],
    ['ag1', 't2', 'another team of its tenant'],
  ] as const) {
    it(`${who}: ${whose} ${teamId}, in the answer and the pushes`, async () => {
      const [real, ghost] = [await watch(who, teamId), await watch(who, 'ghost-team')];
      expect(real).toEqual(ghost);
      expect(counts((real.answer as { data: TenantAdherence[] }).data)).toEqual(none);
      expect(counts(real.push as TenantAdherence[])).toEqual(none);
      expect(JSON.stringify(real)).not.toMatch(/b1|b2|a2|a5|Ed Xu|Fay Yu|Bo Chen|Di Ho|bank/);
    });
  }

  it("lead1: team t1 is acme's t1 alone (not bank's t1), in the answer and the pushes", async () => {
    const { answer, push } = await watch('lead1', 't1');
    const t1 = [{ tenant: 'acme', agents: ['a1', 'a3'], agentCount: 2, exceptions: ['a1 warn 120'], exceptionCount: 1, alertCount: 0, teams: ['acme/t1: 2'] }];
    expect(counts((answer as { data: TenantAdherence[] }).data)).toEqual(t1);
    expect(counts(push as TenantAdherence[])).toEqual(t1);
  });
});

describe('GET /schedules/:date?agentId= of another tenant answers like an unknown agent for the narrow roles', () => {
  for (const who of ['lead1', 'ag1'] as const) {
    it(who, async () => {
      const real = await get(`/api/v1/schedules/${DATE}?agentId=b2`, who);
      const ghost = await get(`/api/v1/schedules/${DATE}?agentId=ghost`, who);
      expect(real.status).toBe(404);
      expect({ status: real.status, text: real.text.replaceAll('"b2"', '"ghost"').replaceAll('\\"b2\\"', '\\"ghost\\"') }).toEqual(ghost);
    });
  }
});
