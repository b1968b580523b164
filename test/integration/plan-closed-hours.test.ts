import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { startServer } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const tokens = [{ token: ANALYST, name: 'wfm analyst', tenants: ['*'], role: 'analyst' }];
let server: Awaited<ReturnType<typeof startServer>>;

/**
 * Four weeks before Friday 2026-10-30 (Taipei, from Friday 10-02): Monday-Friday 20 calls of 300 s
 * every half-hour 08:00-20:00, Saturday 20 a half-hour 09:00-13:00, Sunday closed.
 */
function shortSaturdaysCsv(): string {
  const lines = ['interval_start,queue_id,calls,aht_seconds'];
  for (let t = Date.parse('2026-10-02T00:00:00+08:00'); t < Date.parse('2026-10-30T00:00:00+08:00'); t += 1_800_000) {
    const local = new Date(t + 8 * 3_600_000);
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    const wd = local.getUTCDay();
    const open = wd === 0 ? false : wd === 6 ? hour >= 9 && hour < 13 : hour >= 8 && hour < 20;
    lines.push(`${local.toISOString().slice(0, 19)}+08:00,q1,${open ? 20 : 0},300`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-10-30T13:10:00+08:00'));
  server.floor.engine.addQueue(makeQueueConfig('q1', 'default'));
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(() => server.stop());

describe("tomorrow's plan from history, for a queue open on Saturday mornings only", () => {
  const send = (method: string, path: string, body: string, contentType: string) => fetch(server.base + path, { method, body, headers: { 'content-type': contentType, authorization: `Bearer ${ANALYST}` } });

  it('asks for no agents in the hours Saturdays are closed', async () => {
    // No special days, so all 28 days are ordinary (the default calendar has 10-09/10 and 10-25/26 off).
    expect((await send('PUT', '/api/v1/calendar', JSON.stringify({ days: [] }), 'application/json')).status).toBe(200);
    expect((await send('POST', '/api/v1/history', shortSaturdaysCsv(), 'text/csv')).status).toBe(200);
    const r = await server.get('/api/v1/queues/q1/plan?date=2026-10-31', ANALYST);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ forecastSource: 'history', model: 'C' });
    // The weekly pattern repeats exactly: Saturday gets 160 calls, 20 in each of its eight open
    // half-hours (test/unit/history-forecast-closed-hours.test.ts works the shares out).
    expect(r.body.dayCalls).toBeCloseTo(160, 6);
    const at = new Map<string, { calls: number; required: number | null }>(r.body.intervals.map((i: { start: string; calls: number; required: number | null }) => [i.start.slice(11, 16), i]));
    // 20 calls x 300 s / 1800 s = 3.33 erlangs, Erlang C for 80% in 20 s: 5 agents give
    // C = 0.327, SL = 1 - 0.327 e^(-1.67 x 20/300) = 70.8%; 6 give C = 0.148, SL = 87.6%.
    expect(at.get('09:00')).toMatchObject({ calls: expect.closeTo(20, 6), required: 6 });
    expect(at.get('12:30')).toMatchObject({ calls: expect.closeTo(20, 6), required: 6 });
    // Before, 08:00 and 13:00-19:30 got 160 x 5/256 = 3.125 calls each (0.52 erlangs: 2 agents
    // for 80%, SL 90.3%), and 24 intervals were short of staff instead of 8.
    for (const time of ['08:00', '13:00', '16:00', '19:30', '03:00']) expect(at.get(time), time).toEqual(expect.objectContaining({ calls: 0, required: 0 }));
    expect(r.body.shortIntervals).toBe(8);
  });
});
