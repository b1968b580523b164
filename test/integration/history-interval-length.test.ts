import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';
import { startServer } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const tokens = [{ token: ANALYST, name: 'wfm analyst', tenants: ['*'], role: 'analyst' }];
let server: Awaited<ReturnType<typeof startServer>>;

const DAY_MS = 86_400_000;
/** 28 days 2026-10-04..10-31 (Taipei); the centre runs quarter-hours since, and it is now Sunday 11-01. */
const FIRST = Date.parse('2026-10-04T00:00:00+08:00');
const dates = Array.from({ length: 28 }, (_, i) => new Date(FIRST + 8 * 3_600_000 + i * DAY_MS).toISOString().slice(0, 10));

/** A half-hour row as the server wrote it when the centre ran half-hours: every call handled in 300 s. */
function halfHour(queueId: string, iso: string, calls: number): QueueIntervalRollup {
  return {
    tenant: 'default', queueId, intervalStart: Date.parse(iso), intervalMinutes: 30, offered: calls, answered: calls, abandoned: 0, shortAbandoned: 0, flowedOut: 0,
    answeredInSL: calls, abandonedInSL: 0, handled: calls, waitSecondsAnswered: 0, talkSeconds: 300 * calls, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions: {}, staffedAgents: 8,
  };
}

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens), INTERVAL_MINUTES: '15' }, Date.parse('2026-11-01T13:10:00+08:00'));
  for (const id of ['written', 'imported']) server.floor.engine.addQueue(makeQueueConfig(id, 'default'));
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(() => server.stop());

describe('a centre that went from half-hours to quarter-hours plans from its half-hour history', () => {
  const send = (method: string, path: string, body: string, contentType: string) => fetch(server.base + path, { method, body, headers: { 'content-type': contentType, authorization: `Bearer ${ANALYST}` } });
  const plan = async (queueId: string) => {
    const r = await server.get(`/api/v1/queues/${queueId}/plan?date=2026-11-02`, ANALYST);
    expect(r.status).toBe(200);
    return { body: r.body, at: new Map<string, { calls: number; trafficErlangs: number; required: number | null }>(r.body.intervals.map((i: { start: string }) => [i.start.slice(11, 16), i])) };
  };

  beforeAll(async () => {
    // No special days: all 28 days are ordinary (the built-in calendar has 10-10, 10-25 and 10-26 off).
    expect((await send('PUT', '/api/v1/calendar', JSON.stringify({ days: [] }), 'application/json')).status).toBe(200);
  });

  /**
   * Every day the same hour, 09:00 40 calls and 09:30 60, so Monday 11-02 gets 100 calls with
   * each half-hour split evenly: 20, 20, 30, 30 (traffic 20 x 300 / 900 = 6.67 and 30 x 300 / 900
   * = 10 erlangs). Before, 09:00 got 40 (13.3 erlangs), 09:15 none, 09:30 60 and 09:45 none.
   */
  const expectSplit = async (queueId: string) => {
    const { body, at } = await plan(queueId);
    expect(body).toMatchObject({ forecastSource: 'history' });
    expect(body.intervals).toHaveLength(96);
    expect(body.dayCalls).toBeCloseTo(100, 6);
    expect(['09:00', '09:15', '09:30', '09:45', '10:00'].map((t) => +at.get(t)!.calls.toFixed(6))).toEqual([20, 20, 30, 30, 0]);
    expect(at.get('09:15')!.trafficErlangs).toBeCloseTo(20 / 3, 6);
    expect(at.get('09:45')!.trafficErlangs).toBeCloseTo(10, 6);
    expect(at.get('09:15')!.required).toBe(at.get('09:00')!.required);
    expect(at.get('09:15')!.required).toBeGreaterThan(6);
  };

  it('from rows the server wrote at half-hours (the history store as it was)', async () => {
    await server.floor.runtime.history.store.upsertQueueIntervals(dates.flatMap((d) => [halfHour('written', `${d}T09:00:00+08:00`, 40), halfHour('written', `${d}T09:30:00+08:00`, 60)]));
    await expectSplit('written');
  });

  it('from half-hours of another system, imported with interval_minutes', async () => {
    const csv = ['interval_start,queue_id,calls,aht_seconds,interval_minutes', ...dates.flatMap((d) => [`${d}T09:00:00+08:00,imported,40,300,30`, `${d}T09:30:00+08:00,imported,60,300,30`])].join('\n');
    const r = await send('POST', '/api/v1/history', csv, 'text/csv');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ intervals: 56, queues: ['imported'] });
    await expectSplit('imported');
  });
});
