/**
 * A batch with one event whose ts has an offset no place uses (+15:00): that event is rejected by
 * its line and index with the offset named, and the good events around it are applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const queued = (id: string, ts: string) => ({ id, type: 'call.queued', ts, tenant: 'acme', callId: `c-${id}`, queueId: 'q1' });

describe('POST /api/v1/events with a ts offset outside -14:00..+14:00', () => {
  it('rejects that event by line and index, naming the offset, and applies the others', async () => {
    const body = ndjson([queued('e1', '2026-11-20T09:00:00+08:00'), queued('e2', '2026-11-20T09:00:00+15:00'), queued('e3', '2026-11-20T09:01:00+14:00')]);
    const res = await server.post('/api/v1/events', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      anomalies: 0,
      rejected: [{ index: 1, line: 2, error: 'ts: "2026-11-20T09:00:00+15:00" has the UTC offset +15:00: an offset is from -14:00 to +14:00' }],
      rejectedCount: 1,
    });
    // 09:01 at +14:00 is 19:01 UTC the day before; 09:00 at +08:00 is 01:00 UTC.
    const waiting = server.floor.engine.tenants.get('acme')!.queues.get('q1')!.waiting;
    expect([...waiting].map(([callId, w]) => [callId, w.queuedTs])).toEqual([
      ['c-e1', Date.UTC(2026, 10, 20, 1)],
      ['c-e3', Date.UTC(2026, 10, 19, 19, 1)],
    ]);
  });

  it('rejects it by index in a JSON array body too', async () => {
    const body = JSON.stringify([queued('j1', '2026-11-20T09:02:00+08:00'), queued('j2', '2026-11-20T09:02:00-1430')]);
    const res = await server.post('/api/v1/events', body, undefined, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      anomalies: 0,
      rejected: [{ index: 1, error: 'ts: "2026-11-20T09:02:00-1430" has the UTC offset -1430: an offset is from -14:00 to +14:00' }],
    });
  });
});
