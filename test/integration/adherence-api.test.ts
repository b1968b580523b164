import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdherenceLive, AdherenceReport, TenantAdherence } from '../../server/protocol/adherence.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { SHIFT } from '../helpers/shift.ts';
import { taipei } from '../helpers/events.ts';

let server: Awaited<ReturnType<typeof startServer>>;
const PHONE = 6.75 * 3600;

beforeAll(async () => {
  server = await startServer({}, taipei('18:00:00'));
  for (const id of ['late', 'ontime', 'free']) server.floor.engine.addAgent({ id, tenant: 'default', teamId: id === 'free' ? 't2' : 't1', queues: ['q1'] });
  const segments = ['late', 'ontime'].flatMap((agentId) => SHIFT.map(([from, to, activity]) => ({ agentId, start: `2026-11-20T${from}:00+08:00`, end: `2026-11-20T${to}:00+08:00`, activity })));
  const put = await fetch(`${server.base}/api/v1/schedules/2026-11-20`, { method: 'PUT', body: JSON.stringify(segments), headers: { 'content-type': 'application/json' } });
  expect(put.status).toBe(200);
  const day = (agentId: string, login: string, back: string) => [
    { id: `${agentId}1`, type: 'agent.login', ts: `2026-11-20T${login}+08:00`, agentId, state: 'available' },
    { id: `${agentId}2`, type: 'agent.state', ts: '2026-11-20T11:00:00+08:00', agentId, state: 'aux', reason: 'break' },
    { id: `${agentId}3`, type: 'agent.state', ts: `2026-11-20T${back}+08:00`, agentId, state: 'available' },
    { id: `${agentId}4`, type: 'agent.state', ts: '2026-11-20T13:00:00+08:00', agentId, state: 'aux', reason: 'lunch' },
    { id: `${agentId}5`, type: 'agent.state', ts: '2026-11-20T14:00:00+08:00', agentId, state: 'available' },
    { id: `${agentId}6`, type: 'agent.logout', ts: '2026-11-20T17:00:00+08:00', agentId },
  ];
  // 'late' logs in at 09:05 and is back from break at 11:22; 'ontime' follows the schedule; 'free' has none.
  const events = [...day('late', '09:05:00', '11:22:00'), ...day('ontime', '09:00:00', '11:15:00'), { id: 'f1', type: 'agent.login', ts: '2026-11-20T10:00:00+08:00', agentId: 'free', state: 'available' }];
  expect((await (await server.post('/api/v1/events', ndjson(events))).json()).accepted).toBe(13);
});
afterAll(() => server.stop());

describe('GET /api/v1/adherence', () => {
  it('answers the hand-worked figures per agent with its exceptions', async () => {
    const { body } = (await server.get('/api/v1/adherence?date=2026-11-20')) as { body: AdherenceReport };
    const late = body.agents.find((a) => a.agentId === 'late')!;
    // 09:00-09:05 offline in phone time (300 s) and 11:15-11:22 still on break in phone time (420 s).
    expect(late).toMatchObject({ status: 'scheduled', scheduledSeconds: 28_800, exceptionSeconds: 720, adherentSeconds: 28_080, adherence: 1 - 720 / 28_800, conformance: (PHONE - 720) / PHONE });
    expect(late.exceptions).toEqual([
      { start: '2026-11-20T09:00:00+08:00', end: '2026-11-20T09:05:00+08:00', scheduled: 'phone', actual: 'offline', seconds: 300, open: false },
      { start: '2026-11-20T11:15:00+08:00', end: '2026-11-20T11:22:00+08:00', scheduled: 'phone', actual: 'aux:break', seconds: 420, open: false },
    ]);
    expect(body.agents.find((a) => a.agentId === 'ontime')).toMatchObject({ adherence: 1, exceptions: [] });
    expect(body.agents.find((a) => a.agentId === 'free')).toMatchObject({ status: 'unscheduled', adherence: null });
    expect(body.teams).toEqual([expect.objectContaining({ id: 't1', agents: 2, exceptionSeconds: 720, adherence: 1 - 720 / 57_600 })]);
  });

  it('filters by team and agent, and refuses an unknown agent or detail', async () => {
    expect((await server.get('/api/v1/adherence?date=2026-11-20&teamId=t2')).body.agents.map((a: { agentId: string }) => a.agentId)).toEqual(['free']);
    expect((await server.get('/api/v1/adherence?date=2026-11-20&agentId=late')).body.agents).toHaveLength(1);
    expect((await server.get('/api/v1/adherence?agentId=ghost')).status).toBe(404);
    expect((await server.get('/api/v1/adherence?detail=everything')).body.error).toBe('detail: "everything" is not one of intervals, timeline');
  });

  it('pushes live adherence to a socket subscriber', async () => {
    const s = server.socket();
    const res = await s.emitWithAck('adherence:subscribe', {});
    expect(res.ok).toBe(true);
    const live = (res as { data: TenantAdherence[] }).data.find((a) => a.tenant === 'default')!;
    // At 18:00 everyone is logged out and scheduled offline: all in adherence.
    expect(live.exceptions).toEqual([]);
    expect(live.teams.find((t) => t.id === 't1')?.exceptionSeconds).toBe(720);
  });

  it('answers a team or an unknown team alike on REST and on the socket', async () => {
    const s = server.socket();
    for (const teamId of ['t1', 't2', 'nope']) {
      const rest = (await server.get(`/api/v1/adherence/live?teamId=${teamId}`)).body as AdherenceLive;
      const res = await s.emitWithAck('adherence:subscribe', { teamId });
      if (!res.ok) throw new Error(res.error);
      const { tenant: _t, ...socket } = res.data[0];
      expect([teamId, socket]).toEqual([teamId, rest]);
    }
    // t1: late and ontime, scheduled; t2: free, of no team row (unscheduled); nope: nobody.
    expect((await server.get('/api/v1/adherence/live?teamId=t1')).body).toMatchObject({ agentCount: 2, teams: [{ id: 't1', agents: 2 }] });
    expect((await server.get('/api/v1/adherence/live?teamId=t2')).body).toMatchObject({ agentCount: 1, teams: [] });
    expect((await server.get('/api/v1/adherence/live?teamId=nope')).body).toMatchObject({ agentCount: 0, teams: [] });
  });
});
