import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdherenceLive, AdherenceReport, TenantAdherence } from '../../server/protocol/adherence.ts';
import { taipei } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';

/**
 * Two clients that both have an agent "a1" in a team "t1" (ids are scoped by tenant): their
 * teams are two teams, never one summed across clients.
 */
let server: Awaited<ReturnType<typeof startServer>>;
/** SHIFT from 09:00 up to now (10:00): one hour scheduled so far. */
const SCHEDULED = 3600;

beforeAll(async () => {
  server = await startServer({}, taipei('10:00:00'));
  for (const tenant of ['acme', 'beta']) {
    const segments = SHIFT.map(([from, to, activity]) => ({ agentId: 'a1', start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity }));
    const put = await fetch(`${server.base}/api/v1/schedules/2026-11-20?tenant=${tenant}`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(200);
  }
  // acme's a1 logs in 5 minutes late (09:05); beta's a1 on time; both then stay available.
  const events = [
    { id: 'l1', tenant: 'acme', type: 'agent.login', ts: '2026-11-20T09:05:00+08:00', agentId: 'a1', name: 'Amy', teamId: 't1', queues: ['q1'], state: 'available' },
    { id: 'l1', tenant: 'beta', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: 'a1', name: 'Bo', teamId: 't1', queues: ['q1'], state: 'available' },
    { id: 'k1', tenant: 'beta', type: 'agent.state', ts: '2026-11-20T10:00:00+08:00', agentId: 'a1', state: 'available' },
  ];
  expect((await (await server.post('/api/v1/events', ndjson(events))).json()).accepted).toBe(3);
});
afterAll(() => server.stop());

describe('teams of two clients with the same team id', () => {
  it("are two teams in a day's report across both clients, each with its own agent's figures", async () => {
    const { body } = (await server.get('/api/v1/adherence?date=2026-11-20')) as { body: AdherenceReport };
    // acme: 09:00-09:05 offline in phone time, 300 s of the hour so far; beta: none. Summed they would read 1 team of 2 agents.
    expect(body.teams).toEqual([
      expect.objectContaining({ tenant: 'acme', id: 't1', agents: 1, exceptionSeconds: 300, adherence: 1 - 300 / SCHEDULED }),
      expect.objectContaining({ tenant: 'beta', id: 't1', agents: 1, exceptionSeconds: 0, adherence: 1 }),
    ]);
  });

  it('are two teams in live adherence, pushed per client and asked over REST across both', async () => {
    const res = await server.socket().emitWithAck('adherence:subscribe', {});
    expect(res.ok).toBe(true);
    const lives = (res as { data: TenantAdherence[] }).data;
    expect(lives.map((l) => [l.tenant, l.teams.map((g) => [g.tenant, g.id, g.exceptionSeconds])])).toEqual([
      ['acme', [['acme', 't1', 300]]],
      ['beta', [['beta', 't1', 0]]],
    ]);
    const { body } = (await server.get('/api/v1/adherence/live')) as { body: AdherenceLive };
    expect(body.teams.map((g) => [g.tenant, g.id, g.agents])).toEqual([
      ['acme', 't1', 1],
      ['beta', 't1', 1],
    ]);
  });

  it('keep to the team asked for in live adherence, and an unknown team answers none', async () => {
    const one = (await server.get('/api/v1/adherence/live?tenant=acme&teamId=t1')).body as AdherenceLive;
    expect(one.agents.map((a) => [a.tenant, a.name])).toEqual([['acme', 'Amy']]);
    expect(one.teams.map((g) => [g.tenant, g.id, g.agents])).toEqual([['acme', 't1', 1]]);
    const none = (await server.get('/api/v1/adherence/live?teamId=nope')).body as AdherenceLive;
    expect([none.agents, none.exceptions, none.teams]).toEqual([[], [], []]);
    const agent = (await server.get('/api/v1/adherence/live?tenant=beta&agentId=a1')).body as AdherenceLive;
    expect(agent.teams.map((g) => [g.tenant, g.id])).toEqual([['beta', 't1']]);
  });

  it('refuse an empty team or agent filter with 400 rather than read it as no filter or as an unknown agent', async () => {
    for (const name of ['teamId', 'agentId']) {
      for (const path of ['/api/v1/adherence/live', '/api/v1/adherence']) {
        const res = await server.get(`${path}?${name}=`);
        expect([path, res.status, res.body.error]).toEqual([path, 400, `${name}: empty; give an id or leave the parameter out`]);
      }
    }
  });
  it('read a padded teamId as the team ingest stored (trimmed), on REST and the socket alike', async () => {
    // Ingest trims event ids, so the team is "t1": " t1 " names it (before: nobody, silently).
    const live = (await server.get('/api/v1/adherence/live?tenant=acme&teamId=%20t1%20')).body as AdherenceLive;
    expect(live.agents.map((a) => [a.tenant, a.name])).toEqual([['acme', 'Amy']]);
    const day = (await server.get('/api/v1/adherence?date=2026-11-20&tenant=acme&teamId=t1%20')).body as AdherenceReport;
    expect(day.teams.map((g) => [g.tenant, g.id, g.agents])).toEqual([['acme', 't1', 1]]);
    const s = server.socket();
    const res = await s.emitWithAck('adherence:subscribe', { teamId: ' t1 ' });
    const lives = res.ok ? (res as { data: TenantAdherence[] }).data : [];
    expect(lives.map((l) => [l.tenant, l.agents.map((a) => a.name)])).toEqual([
      ['acme', ['Amy']],
      ['beta', ['Bo']],
    ]);
  });

  it('refuse a teamId of spaces only (empty after trimming) on REST and the socket, naming it, rather than answer a board of nobody', async () => {
    for (const path of ['/api/v1/adherence/live', '/api/v1/adherence']) {
      const r = await server.get(`${path}?teamId=%20%20`);
      expect([path, r.status, r.body.error]).toEqual([path, 400, 'teamId: empty; give an id or leave the parameter out']);
    }
    expect(await server.socket().emitWithAck('adherence:subscribe', { teamId: '  ' })).toEqual({ ok: false, error: 'adherence:subscribe: teamId: empty; give an id or leave the parameter out' });
  });
});
