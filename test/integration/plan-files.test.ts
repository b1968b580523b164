import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { startServer } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'plan-files-'));
const forecasts = join(dir, 'forecast.csv');
const schedules = join(dir, 'schedule.csv');
writeFileSync(forecasts, 'interval_start,queue_id,calls,aht_seconds\n2026-11-20T14:00:00+08:00,q1,100,180\n2026-11-21T14:00:00+08:00,q1,50,180\n2026-11-20T14:00:00+08:00,q2,10,300\n');
writeFileSync(schedules, 'agent_id,start,end,activity,tenant\na1,2026-11-20T13:00:00+08:00,2026-11-20T16:00:00+08:00,phone,default\na1,2026-11-21T09:00:00+08:00,2026-11-21T12:00:00+08:00,phone,default\n');

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ FORECAST_FILES: forecasts, SCHEDULE_FILES: schedules }, Date.parse('2026-11-20T13:10:00+08:00'));
});
afterAll(() => server.stop());

describe('forecast and schedule files at start-up', () => {
  it('loads every queue and day of the forecast file', async () => {
    expect((await server.get('/api/v1/forecasts/q1/2026-11-21')).body.intervals).toEqual([{ intervalStart: '2026-11-21T14:00:00+08:00', calls: 50, ahtSeconds: 180 }]);
    expect((await server.get('/api/v1/forecasts/q2/2026-11-20')).body.intervals[0]).toMatchObject({ calls: 10, ahtSeconds: 300 });
  });

  it('loads every day of the schedule file', async () => {
    const day1 = (await server.get('/api/v1/schedules/2026-11-20')).body.segments;
    const day2 = (await server.get('/api/v1/schedules/2026-11-21')).body.segments;
    expect(day1).toEqual([{ tenant: 'default', agentId: 'a1', start: '2026-11-20T13:00:00+08:00', end: '2026-11-20T16:00:00+08:00', activity: 'phone' }]);
    expect(day2).toHaveLength(1);
  });
});

describe('a forecast for a queue with no calls yet', () => {
  it('registers the queue so the forecast can be imported before the day starts', async () => {
    const res = await fetch(`${server.base}/api/v1/forecasts/new-queue/2026-11-21?tenant=acme`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: 'interval_start,queue_id,calls,aht_seconds\n2026-11-21T09:00:00+08:00,new-queue,30,240\n',
    });
    expect(res.status).toBe(200);
    expect(server.floor.engine.queue('acme', 'new-queue')?.config.tenant).toBe('acme');
    expect(server.floor.engine.queue('default', 'new-queue')).toBeUndefined();
  });

  it('answers 409 and registers nothing when the tenant already has 2,000 queues', async () => {
    for (let i = 0; i < 2000; i++) server.floor.engine.addQueue(makeQueueConfig(`q${i}`, 'full'));
    const res = await fetch(`${server.base}/api/v1/forecasts/one-more/2026-11-21?tenant=full`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: 'interval_start,queue_id,calls,aht_seconds\n2026-11-21T09:00:00+08:00,one-more,30,240\n',
    });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 409, body: { error: 'queue one-more would be more than 2000 queues in the tenant', code: 'plan.queuesFull', params: { queue: 'one-more', limit: 2000 } } });
    expect(server.floor.engine.tenants.get('full')!.queues.size).toBe(2000);
  });
});

describe('a schedule with agents not seen yet', () => {
  it('answers 409 with its code and the limit, and registers nothing, when the tenant already has 50,000 agents', async () => {
    for (let i = 0; i < 50_000; i++) server.floor.engine.addAgent({ id: `a${i}`, tenant: 'crowded' });
    const res = await fetch(`${server.base}/api/v1/schedules/2026-11-21?tenant=crowded`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: 'agent_id,start,end,activity\nnew-agent,2026-11-21T09:00:00+08:00,2026-11-21T12:00:00+08:00,phone\n',
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 409,
      body: { error: "the schedule's new agents would be more than 50000 agents in the tenant", code: 'plan.agentsFull', params: { limit: 50_000 } },
    });
    expect(server.floor.engine.tenants.get('crowded')!.agents.size).toBe(50_000);
  });
});
