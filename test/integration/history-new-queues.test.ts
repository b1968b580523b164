import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const WFM = 'wfm-token-0123456789';
const OTHER = 'other-token-0123456789';
const tokens = JSON.stringify([
  { token: WFM, name: 'wfm', tenants: ['newco'], role: 'analyst' },
  { token: OTHER, name: 'wfm', tenants: ['acme'], role: 'analyst' },
]);

/** 10 calls of 180 s in the half hour from 09:00 Taipei time on each of the 35 days 2026-10-16 .. 2026-11-19. */
function fiveWeeks(queueId: string): string {
  const rows = ['interval_start,queue_id,calls,aht_seconds,interval_minutes'];
  for (let d = Date.UTC(2026, 9, 16); d <= Date.UTC(2026, 10, 19); d += 86_400_000) rows.push(`${new Date(d).toISOString().slice(0, 10)}T09:00:00+08:00,${queueId},10,180,30`);
  return rows.join('\n') + '\n';
}

/**
 * Onboarding a client: its history is imported before its first live call. The queues it names
 * were unknown to the engine, so their forecast from history was 404, the client report left
 * them out (404 for a client with no live event yet) and the intraday view could not open them.
 */
describe('a history import for queues that have had no live call yet', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-newq-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: tokens, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (csv: string, token = WFM, tenant = 'newco') => server.post(`/api/v1/history?tenant=${tenant}`, csv, token, 'text/csv');

  it('makes the queues known: forecast from history, the client report and intraday read them', async () => {
    const res = await post(fiveWeeks('billing'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenant: 'newco', intervals: 35, queues: ['billing'] });
    // Every weekday alike: the 09:00 interval of Saturday 2026-11-21 is 10 calls of 180 s.
    const f = await server.get('/api/v1/queues/billing/forecast?tenant=newco&date=2026-11-21', WFM);
    expect(f.status).toBe(200);
    const nine = f.body.intervals.find((i: { intervalStart: string }) => i.intervalStart === '2026-11-21T09:00:00+08:00');
    expect(nine.calls).toBeCloseTo(10, 6);
    expect(nine.ahtSeconds).toBeCloseTo(180, 6);
    // November to the 19th: 19 days of 10 calls; October from the 16th: 16 days.
    const r = await server.get('/api/v1/reports/newco?period=month&date=2026-11-20', WFM);
    expect(r.status).toBe(200);
    expect(r.body.current.queues.map((q: { queueId: string; figures: { offered: number } }) => [q.queueId, q.figures.offered])).toEqual([['billing', 190]]);
    expect(r.body.previous.queues[0].figures.offered).toBe(160);
    expect((await server.get('/api/v1/queues/billing/intraday?tenant=newco&date=2026-11-21', WFM)).status).toBe(200);
  });

  it('keeps them known after a restart', async () => {
    await server.stop();
    server = await startServer({ FLOORBOARD_TOKENS: tokens, DATA_DIR: dataDir });
    const r = await server.get('/api/v1/reports/newco?period=month&date=2026-11-20', WFM);
    expect(r.body.current.queues.map((q: { queueId: string }) => q.queueId)).toEqual(['billing']);
  });

  it("leaves another client's view as it was", async () => {
    // acme's analyst sees no newco queue, exactly as a queue that does not exist.
    const theirs = await server.get('/api/v1/queues/billing/forecast?tenant=newco&date=2026-11-21', OTHER);
    const none = await server.get('/api/v1/queues/nosuch/forecast?tenant=acme&date=2026-11-21', OTHER);
    expect(theirs.status).toBe(none.status);
    expect(theirs.body.error.replace('billing', 'X')).toBe(none.body.error.replace('nosuch', 'X'));
  });

  it('refuses an import whose new queues pass the cap of 2,000 a tenant, registering none of them', async () => {
    const rows = ['interval_start,queue_id,calls,aht_seconds,interval_minutes'];
    for (let i = 0; i < 2000; i++) rows.push(`2026-11-19T10:00:00+08:00,q${i},1,100,30`);
    // With billing, 2,001 queues.
    const res = await post(rows.join('\n') + '\n');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'plan.queuesFull', params: { limit: 2000 } });
    const r = await server.get('/api/v1/reports/newco?period=month&date=2026-11-20', WFM);
    expect(r.body.current.queues.map((q: { queueId: string }) => q.queueId)).toEqual(['billing']);
    expect((await server.get('/api/v1/queues/q0/forecast?tenant=newco&date=2026-11-21', WFM)).status).toBe(404);
  });
});
