import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthLatencies } from '../../bench/abuse-inputs.ts';
import type { AdherenceLive, AdherenceReport, TenantAdherence } from '../../server/protocol/adherence.ts';
import type { Ack } from '../../server/protocol/socket.ts';
import { expectLoopNotHeld, type Watched } from '../helpers/held-loop.ts';
import { ndjson, startServer } from '../helpers/server.ts';

/**
 * A floor of AGENTS scheduled agents in one tenant, bulk-00000 to bulk-05999 in four teams by
 * number (i % 4): computing every agent's day with its intervals and timeline held the loop for
 * seconds in one piece; now a page is answered while health keeps answering.
 */
const AGENTS = 6000;
const DAY = '2026-11-20';
const id = (i: number) => `bulk-${String(i).padStart(5, '0')}`;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({}, Date.parse(`${DAY}T09:31:00+08:00`));
  const ids = Array.from({ length: AGENTS }, (_, i) => id(i));
  const csv = ['agent_id,start,end,activity', ...ids.map((a) => `${a},${DAY}T08:00:00+08:00,${DAY}T17:00:00+08:00,phone`)].join('\n');
  expect((await fetch(`${server.base}/api/v1/schedules/${DAY}`, { method: 'PUT', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
  const events = ids.map((agentId, i) => ({ id: `l-${agentId}`, type: 'agent.login', ts: `${DAY}T08:00:00+08:00`, agentId, teamId: `team-${i % 4}`, state: 'available', queues: ['q1'] }));
  expect((await server.post('/api/v1/events', ndjson(events))).status).toBe(200);
}, 120_000);
afterAll(() => server.stop());

/** `send` while health is polled. */
async function watched<T>(send: () => Promise<T>): Promise<Watched<T>> {
  const t0 = performance.now();
  const answer = send();
  const tookMs = answer.then(() => performance.now() - t0);
  const latencies = await healthLatencies(server.base, answer);
  return { answer: await answer, slowestHealthMs: Math.max(0, ...latencies), tookMs: await tookMs };
}

describe('adherence on a big floor', () => {
  it('answers a page of the day with its detail while health keeps answering, totals over every agent', async () => {
    const w = await watched(() => server.get(`/api/v1/adherence?date=${DAY}&detail=intervals,timeline&offset=250&limit=3`));
    expectLoopNotHeld(w);
    const body = w.answer.body as AdherenceReport;
    expect(w.answer.status).toBe(200);
    // By name: bulk-00250, 00251, 00252 of all 6,000.
    expect(body.agents.map((a) => a.agentId)).toEqual([id(250), id(251), id(252)]);
    expect(body).toMatchObject({ agentCount: AGENTS, offset: 250 });
    // The detail of the page's agents: 48 half-hour intervals of the day, and the phone shift drawn.
    for (const a of body.agents) {
      expect(a.intervals).toHaveLength(48);
      expect(a.timeline?.scheduled).toEqual([{ start: Date.parse(`${DAY}T08:00:00+08:00`), end: Date.parse(`${DAY}T17:00:00+08:00`), label: 'phone' }]);
    }
    // Totals are of the whole floor, not the page: 6,000 in the tenant, 1,500 in each team.
    expect(body.tenants.map((t) => [t.id, t.agents])).toEqual([['default', AGENTS]]);
    expect(body.teams.map((t) => [t.id, t.agents])).toEqual([0, 1, 2, 3].map((k) => [`team-${k}`, AGENTS / 4]));
  }, 120_000);

  it('pages live adherence: the last page is short, a page past the end empty, a limit past 500 refused', async () => {
    const { body } = (await server.get('/api/v1/adherence/live?offset=5990&limit=20')) as { body: AdherenceLive };
    expect(body.agents.map((a) => a.agentId)).toEqual(Array.from({ length: 10 }, (_, k) => id(5990 + k)));
    expect(body).toMatchObject({ agentCount: AGENTS, offset: 5990, exceptionCount: 0 });
    expect(body.teams.map((t) => t.agents)).toEqual([1500, 1500, 1500, 1500]);
    const past = (await server.get('/api/v1/adherence/live?offset=7000&limit=5')).body as AdherenceLive;
    expect(past).toMatchObject({ agents: [], agentCount: AGENTS, offset: AGENTS });
    expect(await server.get('/api/v1/adherence?limit=501')).toEqual({ status: 400, body: { error: 'limit: "501" is not a whole number from 0 to 500' } });
    expect((await server.get('/api/v1/adherence?offset=-1')).status).toBe(400);
  }, 60_000);

  it('answers a socket the page and team it subscribes to, and pushes it that page', async () => {
    const s = server.socket();
    await new Promise((ok) => s.on('connect', () => ok(null)));
    const w = await watched(() => new Promise<Ack<TenantAdherence[]>>((ok) => s.emit('adherence:subscribe', { teamId: 'team-1', offset: 2, limit: 2 }, ok)));
    expectLoopNotHeld(w);
    if (!w.answer.ok) throw new Error(w.answer.error);
    // team-1 is agents 1, 5, 9, 13, ...: its third and fourth are 9 and 13.
    expect(w.answer.data.map((t) => t.agents.map((a) => a.agentId))).toEqual([[id(9), id(13)]]);
    expect(w.answer.data[0]).toMatchObject({ agentCount: AGENTS / 4, offset: 2, teams: [{ id: 'team-1', agents: AGENTS / 4 }] });
    const pushed = new Promise<TenantAdherence[]>((ok) => s.once('adherence', ok));
    await server.floor.hub.pushAdherence();
    expect((await pushed).map((t) => t.agents.map((a) => a.agentId))).toEqual([[id(9), id(13)]]);
    s.disconnect();
  }, 60_000);
});
