/**
 * The plan's bounds over HTTP: a forecast, schedule or what-if more than 400 days after the
 * floor's today is 400 naming the date, a tenant's 501st what-if is 409, a change past a tenant's
 * 2,000,000 plan rows is 409 and changes nothing, one for a day past the retention is 409 before
 * the floor's first call of the day has made it forget that day, and a snapshot written before
 * the plan forgot its past days loads, forgets them and refuses a plan for them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PLAN_ROWS_PER_TENANT, type ForecastInterval } from '../../server/domain/plan.ts';
import { readSnapshotFile, writeSnapshotFile } from '../../server/store/snapshot-file.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

/** The floor's clock: 2026-11-20 09:31 in Taipei. */
const NOW = Date.parse('2026-11-20T09:31:00+08:00');

type Server = Awaited<ReturnType<typeof startServer>>;

async function send(server: Server, method: string, path: string, body: string, type = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server.base + path, { method, body, headers: { 'content-type': type } });
  return { status: res.status, body: await res.json() };
}

const forecastCsv = (date: string, calls = 30) => `interval_start,queue_id,calls,aht_seconds\n${date}T09:00:00+08:00,q1,${calls},240\n`;
const putForecast = (server: Server, date: string, tenant = 'acme') => send(server, 'PUT', `/api/v1/forecasts/q1/${date}?tenant=${tenant}`, forecastCsv(date), 'text/csv');
const segment = (date: string) => JSON.stringify([{ agentId: 'a1', start: `${date}T09:00:00+08:00`, end: `${date}T17:00:00+08:00`, activity: 'phone' }]);
const putSchedule = (server: Server, date: string) => send(server, 'PUT', `/api/v1/schedules/${date}?tenant=acme`, segment(date));
const postWhatIf = (server: Server, date: string, tenant = 'acme') =>
  send(server, 'POST', `/api/v1/queues/q1/whatifs?tenant=${tenant}`, JSON.stringify({ from: `${date}T10:00:00+08:00`, to: `${date}T11:00:00+08:00`, agents: 2, label: 'overtime' }));

/** The answer to a plan for 2026-11-17 when the floor keeps 2026-11-18 on (retentionDays 3). */
const FORGOTTEN_1117 = {
  status: 409,
  body: {
    error: '2026-11-17 is before 2026-11-18, the oldest day the floor keeps (retentionDays 3): its plan can no longer be changed',
    code: 'plan.dayForgotten',
    params: { date: '2026-11-17', oldest: '2026-11-18', retentionDays: 3 },
  },
};

let server: Server;
beforeAll(async () => {
  server = await startServer({}, NOW);
});
afterAll(() => server.stop());

describe('how far ahead a plan may reach', () => {
  // 2026-11-20 + 400 days = 2027-12-25 (365 days to 2027-11-20, 35 more).
  const tooFar = (field: string) => ({
    status: 400,
    body: { error: `${field}: 2027-12-26 is 401 days after today (2026-11-20); a plan reaches at most 400 days ahead`, code: 'plan.tooFarAhead', params: { date: '2027-12-26', days: 401, today: '2026-11-20', limit: 400 } },
  });

  it('takes a forecast 400 days ahead and refuses one 401 days ahead with 400 naming the date and the limit', async () => {
    expect(await putForecast(server, '2027-12-25')).toMatchObject({ status: 200, body: { date: '2027-12-25', intervals: 1 } });
    expect(await putForecast(server, '2027-12-26')).toEqual(tooFar('date'));
    expect((await server.get('/api/v1/forecasts/q1/2027-12-26?tenant=acme')).body.intervals).toEqual([]);
  });

  it('refuses a schedule and a what-if 401 days ahead the same way', async () => {
    expect((await putSchedule(server, '2027-12-25')).status).toBe(200);
    expect(await putSchedule(server, '2027-12-26')).toEqual(tooFar('date'));
    expect((await postWhatIf(server, '2027-12-25')).status).toBe(201);
    expect(await postWhatIf(server, '2027-12-26')).toEqual(tooFar('from'));
  });
});

describe('what-ifs a tenant may hold', () => {
  it('answers 201 for the 500th what-if, 409 for the 501st, and 201 for another tenant’s', async () => {
    for (const tenant of ['full', 'other']) expect((await putForecast(server, '2026-11-20', tenant)).status).toBe(200);
    // 499 what-ifs straight into the plan, as if posted one by one.
    const from = Date.parse('2026-11-20T10:00:00+08:00');
    const direct = Array.from({ length: 499 }, () => server.floor.plan.addWhatIf({ tenant: 'full', queueId: 'q1', date: '2026-11-20', from, to: from + 3_600_000, agents: 1, label: '', createdBy: 'test' }));
    expect(await postWhatIf(server, '2026-11-20', 'full')).toMatchObject({ status: 201, body: { tenant: 'full' } });
    expect(await postWhatIf(server, '2026-11-20', 'full')).toEqual({
      status: 409,
      body: { error: 'the tenant already has 500 what-ifs: remove some before adding more (those of days past the retention go by themselves)', code: 'plan.whatIfsFull', params: { limit: 500 } },
    });
    expect((await server.get('/api/v1/queues/q1/whatifs?tenant=full&date=2026-11-20')).body.whatIfs).toHaveLength(500);
    expect(await postWhatIf(server, '2026-11-20', 'other')).toMatchObject({ status: 201, body: { tenant: 'other' } });
    // Removing one makes room for one.
    expect((await fetch(`${server.base}/api/v1/queues/q1/whatifs/${direct[0].id}?tenant=full`, { method: 'DELETE' })).status).toBe(204);
    expect(await postWhatIf(server, '2026-11-20', 'full')).toMatchObject({ status: 201, body: { tenant: 'full' } });
    expect((await server.get('/api/v1/queues/q1/whatifs?tenant=full&date=2026-11-20')).body.whatIfs).toHaveLength(500);
  });
});

describe('the rows a tenant’s plan holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-rows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** `n` half-hour segments of agent `agentId` on 2026-11-21 from 08:00, an hour apart. */
  const shifts = (agentId: string, n: number) =>
    JSON.stringify(Array.from({ length: n }, (_, i) => ({ agentId, start: new Date(Date.parse('2026-11-21T08:00:00+08:00') + i * 3_600_000).toISOString(), end: new Date(Date.parse('2026-11-21T08:30:00+08:00') + i * 3_600_000).toISOString(), activity: 'phone' })));
  const putShifts = (s: Server, tenant: string, agentId: string, n: number) => send(s, 'PUT', `/api/v1/schedules/2026-11-21?tenant=${tenant}`, shifts(agentId, n));
  const full = (rows: number) => ({
    status: 409,
    body: { error: `with it the tenant's plan would hold ${rows.toLocaleString('en-US')} forecast intervals and schedule segments: at most 2,000,000 (those of days past the retention go by themselves)`, code: 'plan.rowsFull', params: { rows, limit: 2_000_000 } },
  });

  it('refuses with 409 the change that would take it past 2,000,000, changing nothing, and a restart keeps what was taken', async () => {
    let s = await startServer({ DATA_DIR: dir }, NOW);
    // 41,667 queues' forecasts of 2026-11-20 straight into the plan, 10 rows under the ceiling.
    const day = s.floor.engine.clock.dayOfDate('2026-11-20')!;
    const rows = (n: number) => new Map(Array.from({ length: n }, (_, i): [number, ForecastInterval] => [day.start + i * 1_800_000, { calls: 10, ahtSeconds: 240 }]));
    const filled = MAX_PLAN_ROWS_PER_TENANT - 10;
    for (let q = 0; q * 48 < filled; q++) s.floor.plan.setForecast('big', `fill${q}`, day.start, day.end, rows(Math.min(48, filled - q * 48)));
    expect(s.floor.plan.rowCount('big')).toBe(1_999_990);

    expect(await putShifts(s, 'big', 'a1', 11)).toEqual(full(2_000_001));
    expect(await send(s, 'PUT', '/api/v1/forecasts/new-q/2026-11-21?tenant=big', ['interval_start,queue_id,calls,aht_seconds', ...Array.from({ length: 11 }, (_, i) => `2026-11-21T${String(i).padStart(2, '0')}:00:00+08:00,new-q,5,200`)].join('\n'), 'text/csv')).toEqual(full(2_000_001));
    // Nothing of either: no segment, and the queue was not registered.
    expect((await s.get('/api/v1/schedules/2026-11-21?tenant=big')).body.segments).toEqual([]);
    expect((await s.get('/api/v1/forecasts/new-q/2026-11-21?tenant=big')).status).toBe(404);
    expect(s.floor.plan.rowCount('big')).toBe(1_999_990);

    // Ten go in, up to the ceiling; another tenant's plan is its own.
    expect(await putShifts(s, 'big', 'a1', 10)).toMatchObject({ status: 200, body: { segments: 10 } });
    expect(await putShifts(s, 'small', 'a1', 11)).toMatchObject({ status: 200, body: { segments: 11 } });

    await s.stop();
    s = await startServer({ DATA_DIR: dir }, NOW);
    try {
      expect(s.floor.plan.rowCount('big')).toBe(2_000_000);
      expect((await s.get('/api/v1/schedules/2026-11-21?tenant=big')).body.segments).toHaveLength(10);
      expect(await putShifts(s, 'big', 'a2', 1)).toEqual(full(2_000_001));
      expect((await s.get('/api/v1/schedules/2026-11-21?tenant=small')).body.segments).toHaveLength(11);
    } finally {
      await s.stop();
    }
  }, 120_000);
});

describe('a day past the retention before the floor forgot it', () => {
  it("refuses with 409 naming the oldest day kept a plan for a day its next call would forget, and keeps that day's", async () => {
    const s = await startServer({}, Date.parse('2026-11-19T22:00:00+08:00'));
    try {
      // A call on 2026-11-19: the floor's day is 11-19, and with retentionDays 3 it keeps 11-17 on.
      const call = (date: string, id: string) => s.post('/api/v1/events', ndjson([ev('call.queued', '09:00:00', { tenant: 'acme', callId: id, queueId: 'q1' }, { date, offset: '+08:00' })]));
      expect(await (await call('2026-11-19', 'c1')).json()).toMatchObject({ accepted: 1 });
      expect(s.floor.plan.keptFrom).toBe(Date.parse('2026-11-17T00:00:00+08:00'));
      // Midnight passes with no call: the clock's today is 11-20, whose retention keeps 11-18 on.
      s.clock.now = Date.parse('2026-11-20T08:59:00+08:00');
      await expect.poll(async () => (await s.get('/api/v1/health')).body.engineNow, { timeout: 5000 }).toBe('2026-11-20T08:59:00+08:00');
      expect(await putForecast(s, '2026-11-17')).toEqual(FORGOTTEN_1117);
      expect(await putSchedule(s, '2026-11-17')).toEqual(FORGOTTEN_1117);
      expect(await postWhatIf(s, '2026-11-17')).toEqual(FORGOTTEN_1117);
      // 11-18, the oldest day kept, is taken, and the first call of 11-20 leaves it there.
      expect((await putForecast(s, '2026-11-18')).status).toBe(200);
      expect((await putSchedule(s, '2026-11-18')).status).toBe(200);
      expect(await (await call('2026-11-20', 'c2')).json()).toMatchObject({ accepted: 1 });
      expect(s.floor.plan.keptFrom).toBe(Date.parse('2026-11-18T00:00:00+08:00'));
      expect(((await s.get('/api/v1/forecasts/q1/2026-11-18?tenant=acme')).body.intervals as unknown[]).length).toBe(1);
      expect(((await s.get('/api/v1/schedules/2026-11-18?tenant=acme')).body.segments as unknown[]).length).toBe(1);
      expect((await s.get('/api/v1/forecasts/q1/2026-11-17?tenant=acme')).body.intervals).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it('refuses it on a floor that has seen no call at all', async () => {
    const s = await startServer({}, NOW);
    try {
      expect(s.floor.plan.keptFrom).toBe(-Infinity);
      expect(await putSchedule(s, '2026-11-17')).toEqual(FORGOTTEN_1117);
      expect((await putSchedule(s, '2026-11-18')).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('a snapshot written before the plan forgot its past days', () => {
  // Written by the server before this change (retentionDays 3, the floor on 2026-11-20 with one
  // call at 09:00): q1's forecasts of 11-10 and 11-18..11-21, a1's shifts of 11-10, 11-18 and
  // 11-20, and what-ifs w1 (11-10) and w2 (11-20); no `keptFrom`.
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/snapshots/pre-plan-bounds.json', import.meta.url), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'plan-bounds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What the floor holds of the fixture's plan, by date. */
  async function planOf(s: Server) {
    const out: Record<string, unknown> = {};
    for (const date of ['2026-11-10', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']) {
      out[date] = {
        forecast: ((await s.get(`/api/v1/forecasts/q1/${date}?tenant=acme`)).body.intervals as { calls: number }[]).map((i) => i.calls),
        segments: ((await s.get(`/api/v1/schedules/${date}?tenant=acme`)).body.segments as unknown[]).length,
        whatIfs: ((await s.get(`/api/v1/queues/q1/whatifs?tenant=acme&date=${date}`)).body.whatIfs as { id: string }[]).map((w) => w.id),
      };
    }
    return out;
  }

  it('loads, forgets the days before the retention, refuses a plan for them, and a restart keeps it so', async () => {
    await writeSnapshotFile(dir, { position: fixture.position, version: fixture.version, data: JSON.stringify(fixture.data) });
    let fromSnapshot = await startServer({ DATA_DIR: dir }, NOW);
    // Retention 3 on 2026-11-20: 11-18 .. 11-20 kept, and 11-21 ahead; 11-10 forgotten at load.
    const expected = {
      '2026-11-10': { forecast: [], segments: 0, whatIfs: [] },
      '2026-11-18': { forecast: [18], segments: 1, whatIfs: [] },
      '2026-11-19': { forecast: [19], segments: 0, whatIfs: [] },
      '2026-11-20': { forecast: [20], segments: 1, whatIfs: ['w2'] },
      '2026-11-21': { forecast: [21], segments: 0, whatIfs: [] },
    };
    expect(await planOf(fromSnapshot)).toEqual(expected);
    // The engine came back too: the call queued at 09:00 (interval 18 of the day).
    expect((await fromSnapshot.get('/api/v1/queues/q1/intervals?tenant=acme&date=2026-11-20')).body.intervals[18]).toMatchObject({ offered: 1, answered: 1 });
    expect(await putForecast(fromSnapshot, '2026-11-17')).toEqual(FORGOTTEN_1117);
    expect(await putSchedule(fromSnapshot, '2026-11-17')).toEqual(FORGOTTEN_1117);
    expect(await postWhatIf(fromSnapshot, '2026-11-17')).toEqual(FORGOTTEN_1117);
    expect((await postWhatIf(fromSnapshot, '2026-11-18')).body).toMatchObject({ id: 'w3' });

    // Stopping writes a snapshot of this format, which says what was forgotten.
    await fromSnapshot.stop();
    const saved = JSON.parse((await readSnapshotFile(dir))!.data);
    expect(saved.plan.keptFrom).toBe(Date.parse('2026-11-18T00:00:00+08:00'));
    fromSnapshot = await startServer({ DATA_DIR: dir }, NOW);
    expect(await planOf(fromSnapshot)).toEqual({ ...expected, '2026-11-18': { forecast: [18], segments: 1, whatIfs: ['w3'] } });
    expect(await putForecast(fromSnapshot, '2026-11-17')).toEqual(FORGOTTEN_1117);
    await fromSnapshot.stop();
  });
});
