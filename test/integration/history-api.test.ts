import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const VIEWER = 'viewer-token-0123456789';
const INGEST = 'ingest-token-0123456789';
const tokens = [
  { token: ANALYST, name: 'wfm analyst', tenants: ['*'], role: 'analyst' },
  { token: VIEWER, name: 'supervisor', tenants: ['*'], role: 'viewer' },
  { token: INGEST, name: 'acd', tenants: ['*'], role: 'ingest' },
];
let server: Awaited<ReturnType<typeof startServer>>;

async function send(method: string, path: string, body: string, contentType: string, token = ANALYST) {
  const res = await fetch(server.base + path, { method, body, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** 35 flat days before Friday 2026-11-20 (Taipei): every half-hour 10 calls of 180 s. */
function flatHistoryCsv(): string {
  const lines = ['interval_start,queue_id,calls,aht_seconds'];
  const first = Date.parse('2026-10-16T00:00:00+08:00');
  for (let t = first; t < Date.parse('2026-11-20T00:00:00+08:00'); t += 1_800_000) {
    lines.push(`${new Date(t + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00,q1,10,180`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-11-20T13:10:00+08:00'));
  server.floor.engine.addQueue(makeQueueConfig('q1', 'default'));
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(() => server.stop());

describe('history over HTTP', () => {
  it('has no forecast for a queue without four weeks of history, and says why', async () => {
    const r = await server.get('/api/v1/queues/q1/forecast?date=2026-11-21&source=history', VIEWER);
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/at least four weeks of history/);
  });

  it('refuses a whole CSV import when one row is bad, naming the line', async () => {
    const r = await send('POST', '/api/v1/history', 'interval_start,queue_id,calls,aht_seconds\n2026-11-19T09:00:00+08:00,q1,5,120\n2026-11-19T09:30:00+08:00,q1,-1,120\n', 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/line 3: .*calls/);
    const back = await server.get('/api/v1/queues/q1/history?from=2026-11-19&to=2026-11-19', VIEWER);
    expect(back.body.intervals).toEqual([]);
  });

  it('refuses an import from a viewer', async () => {
    expect((await send('POST', '/api/v1/history', 'interval_start,queue_id,calls,aht_seconds\n', 'text/csv', VIEWER)).status).toBe(403);
  });

  it('imports 35 days of history: 35 x 48 = 1680 intervals', async () => {
    const r = await send('POST', '/api/v1/history', flatHistoryCsv(), 'text/csv');
    expect(r).toEqual({ status: 200, body: { tenant: 'default', intervals: 1680, queues: ['q1'] } });
  });

  it('reads a day of history back: 48 intervals of 10 calls, talk 10 x 180 = 1800 s', async () => {
    const r = await server.get('/api/v1/queues/q1/history?from=2026-11-19&to=2026-11-19', VIEWER);
    expect(r.body.intervals).toHaveLength(48);
    expect(r.body.intervals[18]).toMatchObject({ intervalStart: '2026-11-19T09:00:00+08:00', offered: 10, handled: 10, talkSeconds: 1800 });
  });

  it('compares a day with the same weekday last week and the four-week mean: 10 calls each half-hour', async () => {
    // Friday 2026-11-20: last week is 11-13, the four weeks 10-23 .. 11-13, all flat at 10.
    const r = await server.get('/api/v1/queues/q1/history/compare?date=2026-11-20', VIEWER);
    expect(r.body.lastWeek).toEqual(new Array(48).fill(10));
    expect(r.body.fourWeekMean).toEqual(new Array(48).fill(10));
    // 2026-10-30 needs 10-02 .. 10-23 for its mean; history starts 10-16, so only last week is there.
    const early = await server.get('/api/v1/queues/q1/history/compare?date=2026-10-30', VIEWER);
    expect(early.body.fourWeekMean).toBeNull();
    expect(early.body.lastWeek).toHaveLength(48);
  });

  it('bounds the range at 400 days with a clear 400', async () => {
    const r = await server.get('/api/v1/queues/q1/history?from=2025-01-01&to=2026-11-20', VIEWER);
    expect(r.status).toBe(400);
    // 2025-01-01 .. 2026-11-20 inclusive: 365 + 324 = 689 days.
    expect(r.body.error).toBe('from/to: 689 days asked; at most 400 days (history is kept 400 days)');
    expect((await server.get('/api/v1/queues/q1/history?from=2026-13-01&to=2026-11-20', VIEWER)).body.error).toBe('from: "2026-13-01" is not a date of the form YYYY-MM-DD');
  });

  it('keeps an analyst-edited calendar; the default is the Taiwan public holidays', async () => {
    const before = await server.get('/api/v1/calendar', VIEWER);
    expect(before.body.custom).toBe(false);
    expect(before.body.days).toContainEqual({ date: '2026-10-10', kind: 'holiday', name: 'National Day' });
    // With no special days the flat history is all ordinary days.
    expect((await send('PUT', '/api/v1/calendar', JSON.stringify({ days: [] }), 'application/json')).status).toBe(200);
    expect((await server.get('/api/v1/calendar', VIEWER)).body).toEqual({ tenant: 'default', days: [], custom: true });
    const bad = await send('PUT', '/api/v1/calendar', JSON.stringify({ days: [{ date: '2026-11-31x', kind: 'holiday', name: 'x' }] }), 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^days: .*date/);
  });

  it('forecasts tomorrow from a flat history as flat: 10 calls of 180 s each half-hour', async () => {
    const r = await server.get('/api/v1/queues/q1/forecast?date=2026-11-21&source=history', VIEWER);
    expect(r.status).toBe(200);
    expect(r.body.intervals).toHaveLength(48);
    for (const i of r.body.intervals) {
      expect(i.calls).toBeCloseTo(10, 0);
      expect(i.ahtSeconds).toBeCloseTo(180, 0);
    }
  });

  it("plans tomorrow: 10 calls x 180 s / 1800 s = 1 erlang needs 3 agents for 80% in 20 s, none scheduled", async () => {
    // Erlang C, A = 1: n = 2 gives C = 1/3 and SL = 1 - (1/3)e^(-20/180) = 0.70 < 0.8;
    // n = 3 gives B = 1/16, C = 3B / (3 - (1 - B)) = 0.0909 and SL = 1 - 0.0909 e^(-40/180) = 0.927.
    const r = await server.get('/api/v1/queues/q1/plan?date=2026-11-21', VIEWER);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ queueId: 'q1', date: '2026-11-21', forecastSource: 'history', model: 'C', shortIntervals: 48 });
    expect(r.body.intervals[20]).toMatchObject({ start: '2026-11-21T10:00:00+08:00', required: 3, scheduled: 0, gap: -3, projectedServiceLevel: 0 });
  });

  it('uses the history forecast in the intraday view when none was imported, and shows both when one is', async () => {
    const alone = await server.get('/api/v1/queues/q1/intraday?date=2026-11-21', VIEWER);
    expect(alone.body).toMatchObject({ forecastSource: 'history', hasForecast: true, hasHistoryForecast: true });
    expect(alone.body.rows[20].forecastCalls).toBeCloseTo(10, 0);
    expect(alone.body.rows[20].historyForecastCalls).toBe(alone.body.rows[20].forecastCalls);
    const csv = 'interval_start,queue_id,calls,aht_seconds\n2026-11-21T10:00:00+08:00,q1,40,200\n';
    expect((await send('PUT', '/api/v1/forecasts/q1/2026-11-21', csv, 'text/csv')).status).toBe(200);
    const both = await server.get('/api/v1/queues/q1/intraday?date=2026-11-21', VIEWER);
    expect(both.body.forecastSource).toBe('imported');
    expect(both.body.rows[20]).toMatchObject({ forecastCalls: 40, forecastAhtSeconds: 200 });
    expect(both.body.rows[20].historyForecastCalls).toBeCloseTo(10, 0);
    // The plan follows the analyst's import: 40 x 200 / 1800 = 4.44 erlangs.
    const plan = await server.get('/api/v1/queues/q1/plan?date=2026-11-21', VIEWER);
    expect(plan.body).toMatchObject({ forecastSource: 'imported', dayCalls: 40 });
    expect(plan.body.intervals[0].trafficErlangs).toBeCloseTo(4.444, 3);
  });

  it('writes the interval just closed into history when the clock passes its end', async () => {
    const events = [
      { id: 'h1', type: 'call.queued', ts: '2026-11-20T13:12:00+08:00', callId: 'c1', queueId: 'q1', tenant: 'default' },
      { id: 'h2', type: 'call.abandoned', ts: '2026-11-20T13:12:40+08:00', callId: 'c1', queueId: 'q1', tenant: 'default' },
      { id: 'h3', type: 'call.queued', ts: '2026-11-20T13:20:00+08:00', callId: 'c2', queueId: 'q1', tenant: 'default' },
      { id: 'h4', type: 'call.abandoned', ts: '2026-11-20T13:20:02+08:00', callId: 'c2', queueId: 'q1', tenant: 'default' },
    ];
    server.clock.now = Date.parse('2026-11-20T13:25:00+08:00'); // events may be at most 5 minutes ahead
    expect((await server.post('/api/v1/events', ndjson(events), INGEST)).status).toBe(200);
    server.clock.now = Date.parse('2026-11-20T13:30:05+08:00');
    await new Promise((r) => setTimeout(r, 1600));
    const r = await server.get('/api/v1/queues/q1/history?from=2026-11-20&to=2026-11-20', VIEWER);
    const row = r.body.intervals.find((i: { intervalStart: string }) => i.intervalStart === '2026-11-20T13:00:00+08:00');
    // Two calls offered, both abandoned; the 2-second one is a short abandon (default 5 s).
    expect(row).toMatchObject({ offered: 2, abandoned: 2, shortAbandoned: 1, answered: 0 });
  });

  it('gives an interval the call reasons of the calls wrapped in it', async () => {
    // Two calls handled between 13:30 and 14:00, wrapped "resolved" and "callback".
    const c = (id: string, type: string, at: string, extra: object = {}) => ({ id, type, ts: `2026-11-20T${at}+08:00`, tenant: 'default', queueId: 'q1', ...extra });
    const events = [
      c('d1', 'call.queued', '13:31:00', { callId: 'd1' }),
      c('d2', 'call.answered', '13:31:05', { callId: 'd1', agentId: 'a1' }),
      c('d3', 'call.ended', '13:34:00', { callId: 'd1', agentId: 'a1' }),
      c('d4', 'call.wrapped', '13:35:00', { callId: 'd1', agentId: 'a1', disposition: 'resolved' }),
      c('d5', 'call.queued', '13:40:00', { callId: 'd2' }),
      c('d6', 'call.answered', '13:40:02', { callId: 'd2', agentId: 'a1' }),
      c('d7', 'call.ended', '13:44:00', { callId: 'd2', agentId: 'a1' }),
      c('d8', 'call.wrapped', '13:45:00', { callId: 'd2', agentId: 'a1', disposition: 'callback' }),
    ];
    server.clock.now = Date.parse('2026-11-20T13:50:00+08:00');
    const sent = await server.post('/api/v1/events', ndjson(events), INGEST);
    expect(sent.status).toBe(200);
    server.clock.now = Date.parse('2026-11-20T14:00:05+08:00');
    await new Promise((r) => setTimeout(r, 1600));
    const r = await server.get('/api/v1/queues/q1/history?from=2026-11-20&to=2026-11-20', VIEWER);
    const row = r.body.intervals.find((i: { intervalStart: string }) => i.intervalStart === '2026-11-20T13:30:00+08:00');
    expect(row).toMatchObject({ offered: 2, handled: 2, dispositions: { resolved: 1, callback: 1 } });
  });
});
