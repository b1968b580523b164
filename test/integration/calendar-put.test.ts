/**
 * PUT /calendar refuses what it used to store (probe finding 10): an impossible date, queue ids
 * the tenant does not have (another tenant's answering like an unknown one), and calendars past
 * the queue-id and byte limits, each with a message naming the day, the field or the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { MAX_CALENDAR_BYTES, MAX_CALENDAR_QUEUE_IDS } from '../../server/http/calendar-body.ts';
import { startServer } from '../helpers/server.ts';

const ACME = 'acme-analyst-token-0123456789';
const ADMIN = 'calendar-admin-token-0123456789';
const tokens = [
  { token: ACME, name: 'acme analyst', tenants: ['acme'], role: 'analyst' },
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
];
let server: Awaited<ReturnType<typeof startServer>>;

async function putText(body: unknown, token = ACME, tenant = 'acme') {
  const res = await fetch(`${server.base}/api/v1/calendar?tenant=${tenant}`, { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}
async function put(body: unknown, token = ACME, tenant = 'acme') {
  const r = await putText(body, token, tenant);
  return { status: r.status, body: JSON.parse(r.text) };
}
const calendar = async (tenant = 'acme', token = ACME) => (await fetch(`${server.base}/api/v1/calendar?tenant=${tenant}`, { headers: { authorization: `Bearer ${token}` } })).json();
const day = (date: string, queueIds?: string[]) => ({ date, kind: 'campaign', name: 'promo', ...(queueIds ? { queueIds } : {}) });

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
  server.floor.engine.addQueue(makeQueueConfig('sales', 'acme'));
  server.floor.engine.addQueue(makeQueueConfig('cards', 'jade'));
});
afterAll(() => server.stop());

describe('PUT /calendar', () => {
  it('refuses a date the calendar does not have, naming the day and field, and stores nothing', async () => {
    const r = await put({ days: [day('2026-03-01'), day('2026-02-30')] });
    expect(r).toEqual({ status: 400, body: { error: 'days.1.date: "2026-02-30" is not a date of the form YYYY-MM-DD' } });
    // 2028 is a leap year, 2100 is past the dates a request may name.
    expect((await put({ days: [day('2028-02-29')] })).status).toBe(200);
    expect((await put({ days: [day('2100-01-01')] })).body.error).toBe('days.0.date: "2100-01-01" is not between 2000-01-01 and 2099-12-31');
    expect((await calendar()).days).toEqual([day('2028-02-29')]);
  });

  it("refuses queue ids the tenant does not have, another tenant's answering like an unknown one", async () => {
    const other = await put({ days: [day('2026-12-01', ['sales', 'cards'])] });
    const unknown = await put({ days: [day('2026-12-01', ['sales', 'nope'])] });
    expect(other).toEqual({ status: 400, body: { error: 'days.0.queueIds: no queue "cards" in this tenant' } });
    expect(unknown).toEqual({ status: 400, body: { error: 'days.0.queueIds: no queue "nope" in this tenant' } });
    const many = await put({ days: [day('2026-12-01', ['sales']), day('2026-12-02', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'sales'])] });
    expect(many.body.error).toBe('days.1.queueIds: no queue "a", "b", "c", "d", "e" and 2 more in this tenant');
    expect((await put({ days: [day('2026-12-01', ['sales'])] })).status).toBe(200);
    expect((await calendar()).days).toEqual([day('2026-12-01', ['sales'])]);
  });

  it("answers another tenant's queue alone byte for byte like an unknown one, and changes neither tenant's calendar", async () => {
    // jade's own calendar names its queue: a refused write must leave it as it is.
    const jadeDays = [day('2026-12-25', ['cards'])];
    expect((await put({ days: jadeDays }, ADMIN, 'jade')).status).toBe(200);
    const before = { acme: await calendar(), jade: await calendar('jade', ADMIN) };
    expect(before.jade.days).toEqual(jadeDays);
    const other = await putText({ days: [day('2026-12-24', ['cards'])] });
    const ghost = await putText({ days: [day('2026-12-24', ['ghost-q'])] });
    expect(other.status).toBe(400);
    expect({ status: other.status, text: other.text.replaceAll('\\"cards\\"', '\\"ghost-q\\"') }).toEqual(ghost);
    expect(await calendar()).toEqual(before.acme);
    expect(await calendar('jade', ADMIN)).toEqual(before.jade);
  });

  it('refuses more queue ids than the limit in all, and a body past its byte limit, naming each limit', async () => {
    // 21 days x 1,000 ids = 21,000 > 20,000, in about 0.3 MB: under the byte limit.
    const ids = Array.from({ length: 1000 }, () => 'sales');
    const days = Array.from({ length: 21 }, (_, i) => day(`2026-01-${String(i + 1).padStart(2, '0')}`, ids));
    expect(MAX_CALENDAR_QUEUE_IDS).toBe(20_000);
    expect(JSON.stringify({ days }).length).toBeLessThan(MAX_CALENDAR_BYTES);
    expect(await put({ days })).toEqual({ status: 400, body: { error: 'days: the days name 21,000 queue ids in all: at most 20,000 (a day without queueIds is for every queue)' } });
    // The probe's calendar: 336 days x 1,000 queue ids, 2.7 MB.
    const probe = JSON.stringify({ days: Array.from({ length: 336 }, (_, i) => day(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), Array.from({ length: 1000 }, (_, k) => `q${k}`))) });
    expect(probe.length).toBeGreaterThan(MAX_CALENDAR_BYTES);
    expect(await put(probe)).toEqual({ status: 413, body: { error: `body is larger than the limit of ${MAX_CALENDAR_BYTES} bytes; send smaller batches` } });
    expect((await calendar()).days).toEqual([day('2026-12-01', ['sales'])]);
  });
});
