import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntradayView } from '../../server/protocol/intraday.ts';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { startServer } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const VIEWER = 'viewer-token-0123456789';
const tokens = [
  { token: ANALYST, name: 'wfm analyst', tenants: ['*'], role: 'analyst' },
  { token: VIEWER, name: 'supervisor', tenants: ['*'], role: 'viewer' },
];
let server: Awaited<ReturnType<typeof startServer>>;

async function put(path: string, body: string, contentType: string, token = ANALYST) {
  const res = await fetch(server.base + path, { method: 'PUT', body, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-11-20T13:10:00+08:00'));
  server.floor.engine.addAgent({ id: 'a0', tenant: 'default', queues: ['q1'] });
  server.floor.engine.addQueue(makeQueueConfig('q1', 'default'));
  await new Promise((r) => setTimeout(r, 250)); // let the clock tick reach 13:10
});
afterAll(() => server.stop());

describe('forecasts, schedules and the intraday table over HTTP', () => {
  it('imports a forecast as CSV', async () => {
    const csv = 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:00:00+08:00,q1,100,180\n2026-11-20T14:30:00+08:00,q1,100,180\n';
    expect(await put('/api/v1/forecasts/q1/2026-11-20', csv, 'text/csv')).toEqual({ status: 200, body: { queueId: 'q1', tenant: 'default', date: '2026-11-20', intervals: 2 } });
    const back = await server.get('/api/v1/forecasts/q1/2026-11-20', VIEWER);
    expect(back.body.intervals[0]).toEqual({ intervalStart: '2026-11-20T14:00:00+08:00', calls: 100, ahtSeconds: 180 });
  });

  it('answers 400 naming the line of a bad forecast row', async () => {
    const r = await put('/api/v1/forecasts/q1/2026-11-20', 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:05:00+08:00,q1,100,180\n', 'text/csv');
    expect(r).toEqual({ status: 400, body: { error: 'line 2: 2026-11-20T14:05:00+08:00 does not start a 30-minute interval' } });
  });

  it('imports schedules as JSON: 12 agents on q1 from 13:00 to 16:00', async () => {
    const segs = Array.from({ length: 12 }, (_, i) => ({ agentId: `a${i}`, start: '2026-11-20T13:00:00+08:00', end: '2026-11-20T16:00:00+08:00', activity: 'phone' }));
    for (let i = 1; i < 12; i++) server.floor.engine.addAgent({ id: `a${i}`, tenant: 'default', queues: ['q1'] });
    expect(await put('/api/v1/schedules/2026-11-20', JSON.stringify(segs), 'application/json')).toEqual({ status: 200, body: { tenant: 'default', date: '2026-11-20', segments: 12, agents: 12 } });
  });

  it('refuses plan changes from a viewer', async () => {
    expect((await put('/api/v1/forecasts/q1/2026-11-20', '[]', 'application/json', VIEWER)).status).toBe(403);
  });

  it('serves the intraday table: 100 calls of 180 s need 14 agents, 12 are scheduled', async () => {
    const { body } = await server.get('/api/v1/queues/q1/intraday?date=2026-11-20', VIEWER);
    expect(body.rows[28]).toMatchObject({ forecastCalls: 100, requiredAgents: 14, scheduledAgents: 12, netAgents: -2 });
    expect(body.rows[28].projectedServiceLevel).toBeCloseTo(0.640, 3);
  });

  it('pushes a what-if to every viewer of the queue, lists it, and removes it', async () => {
    const watcher = server.socket(VIEWER);
    const first = await watcher.emitWithAck('intraday:subscribe', { queueId: 'q1', date: '2026-11-20' });
    expect(first.ok).toBe(true);
    const pushed = new Promise<IntradayView>((resolve) => watcher.on('intraday', (v) => v.whatIfs.length === 1 && resolve(v)));
    const res = await fetch(`${server.base}/api/v1/queues/q1/whatifs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` },
      body: JSON.stringify({ from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 2, label: 'overtime' }),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ queueId: 'q1', date: '2026-11-20', from: '2026-11-20T14:00:00+08:00', to: '2026-11-20T15:00:00+08:00', agents: 2, createdBy: 'wfm analyst' });
    const view = await pushed;
    expect(view.rows[28].projectedServiceLevel).toBeCloseTo(0.888, 3);
    expect((await server.get('/api/v1/queues/q1/whatifs?date=2026-11-20', VIEWER)).body.whatIfs).toHaveLength(1);
    const del = await fetch(`${server.base}/api/v1/queues/q1/whatifs/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ANALYST}` } });
    expect(del.status).toBe(204);
    expect((await server.get('/api/v1/queues/q1/intraday?date=2026-11-20', VIEWER)).body.rows[28].whatIfAgents).toBe(0);
  });

  /** The analyst's POST of a what-if of one agent from `from` to `to`. */
  const postWhatIf = (from: string, to: string) =>
    fetch(`${server.base}/api/v1/queues/q1/whatifs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` }, body: JSON.stringify({ from, to, agents: 1 }) });

  it('refuses a what-if that does not start on an interval, naming the field', async () => {
    const res = await postWhatIf('2026-11-20T14:10:00+08:00', '2026-11-20T15:00:00+08:00');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('from: 2026-11-20T14:10:00+08:00 does not start an interval');
  });

  it('says that a UTC offset past +14:00 is what is wrong with a what-if, not the interval', async () => {
    // Before: "from: 2026-11-20T14:00:00+25:00 does not start an interval".
    const res = await postWhatIf('2026-11-20T14:00:00+25:00', '2026-11-20T15:00:00+08:00');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('from: "2026-11-20T14:00:00+25:00" has the UTC offset +25:00: an offset is from -14:00 to +14:00');
  });

  it('exports the table as CSV', async () => {
    const res = await fetch(`${server.base}/api/v1/queues/q1/intraday.csv?date=2026-11-20`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(49);
    expect(lines[0]).toMatch(/^start,end,closed,forecast_calls,/);
    expect(lines[29]).toMatch(/^2026-11-20T14:00:00\+08:00,2026-11-20T14:30:00\+08:00,false,100,180,0,,,100,180,14,14,12,0,0,-2,0.64/);
  });
});

describe('Erlang calculator endpoint', () => {
  it('answers the Call Centre Helper example and solves for agents with shrinkage', async () => {
    const { body } = await server.get('/api/v1/erlang?model=C&calls=100&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20&targetServiceLevel=0.8&shrinkage=0.3', VIEWER);
    expect(body).toMatchObject({ trafficErlangs: 10, agents: 14, scheduledAgents: 20, unstable: false });
    expect(body.serviceLevel).toBeCloseTo(0.888, 3);
    expect(body.table.map((r: { agents: number }) => r.agents)).toEqual([12, 13, 14, 15, 16, 17]);
  });

  it('reports an unstable queue without NaN', async () => {
    const { body } = await server.get('/api/v1/erlang?model=C&trafficErlangs=10&agents=9&ahtSeconds=180&targetSeconds=20', VIEWER);
    expect(body).toMatchObject({ unstable: true, pWait: 1, serviceLevel: 0, asaSeconds: null });
  });

  it('answers 400 naming a bad or missing parameter', async () => {
    expect((await server.get('/api/v1/erlang?model=D', VIEWER)).body.error).toBe('model: must be B, C or A');
    expect((await server.get('/api/v1/erlang?model=C&calls=10&intervalSeconds=1800', VIEWER)).body.error).toBe('ahtSeconds: required (or give trafficErlangs)');
    expect((await server.get('/api/v1/erlang?model=A&trafficErlangs=5&ahtSeconds=180&targetSeconds=20&agents=6', VIEWER)).body.error).toMatch(/^patienceSeconds: required/);
    expect((await server.get('/api/v1/erlang?model=C&trafficErlangs=5&ahtSeconds=180&targetSeconds=20', VIEWER)).body.error).toMatch(/^agents: give agents, or a target/);
    expect((await server.get('/api/v1/erlang?model=C&trafficErlangs=5&ahtSeconds=180&targetSeconds=20&agents=2.5', VIEWER)).body.error).toBe('agents: must be a whole number');
    expect((await server.get('/api/v1/erlang?model=C&trafficErlangs=5&colour=red', VIEWER)).body.error).toBe('unknown parameter(s): colour');
  });
});
