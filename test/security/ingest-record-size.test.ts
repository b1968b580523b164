/**
 * A batch is logged and applied in records of at most 2,000 events, as a streamed NDJSON body
 * always was (ingest-stream.ts). A JSON-array body and an /ingest socket batch went to the log
 * as one record whatever their size, and the fold applies a record in one turn of the event
 * loop: probing a live server, one socket batch of 5,000 events held health 101 ms, 20 of them
 * sent at once up to 417 ms (p50 of health 147 ms while 40 arrived), and one JSON array of
 * 50,000 events 259 ms. Now each is submitted in parts of 2,000, in order, and the answer sums
 * them.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../helpers/server.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';

const INGEST = 'ingest-token-0123456789';
let server: Awaited<ReturnType<typeof startServer>>;
/** The number of events of each record the floor was given. */
let records: number[] = [];

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: INGEST, name: 'acme-feed', tenants: ['acme'], role: 'ingest' }]) });
  const floor = server.floor.floor;
  const submit = floor.submitEvents.bind(floor);
  vi.spyOn(floor, 'submitEvents').mockImplementation((events: FloorEvent[], simTo?: number) => {
    records.push(events.length);
    return submit(events, simTo);
  });
});
afterAll(async () => {
  await server.stop();
});

const ts = Date.parse('2026-11-20T09:30:00+08:00');
/** `n` calls queued, ids starting with `prefix`. */
const calls = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, type: 'call.queued', ts, tenant: 'acme', callId: `${prefix}${i}`, queueId: 'q1' }));

describe('a large batch', () => {
  it('of a JSON-array body goes to the log in records of at most 2,000 events, 5,000 accepted', async () => {
    records = [];
    const res = await server.post('/api/v1/events', JSON.stringify(calls('j', 5000)), INGEST, 'application/json');
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toBe(5000);
    expect(records).toEqual([2000, 2000, 1000]);
  });

  it('of the /ingest socket likewise, and its rejections keep their indexes', async () => {
    records = [];
    const batch: unknown[] = calls('s', 4500);
    batch.splice(3000, 0, { id: 'bad', type: 'call.queued' });
    const s = io(`${server.base}/ingest`, { auth: { token: INGEST }, transports: ['websocket'], reconnection: false });
    try {
      const ack = await new Promise<{ ok: boolean; data: { accepted: number; rejected: { index: number }[] } }>((resolve, reject) => {
        s.on('connect_error', reject);
        s.on('connect', () => s.emit('events', batch as never, resolve as never));
      });
      expect(ack.ok).toBe(true);
      expect(ack.data.accepted).toBe(4500);
      expect(ack.data.rejected.map((r) => r.index)).toEqual([3000]);
      expect(records).toEqual([2000, 2000, 500]);
    } finally {
      s.close();
    }
  });
});
