import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/metrics.ts';
import { ev } from '../helpers/events.ts';
import { liveQueues } from '../helpers/live-queues.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExample } from '../helpers/worked-example.ts';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('live floor over HTTP and Socket.IO (SIMULATOR=off)', () => {
  it('accepts the worked example as NDJSON', async () => {
    const res = await server.post('/api/v1/events', ndjson(workedExample));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: workedExample.length, duplicates: 0, anomalies: 0, rejected: [], rejectedCount: 0 });
  });

  it('answers the DESIGN section 4 numbers from the intervals endpoint', async () => {
    const { status, body } = await server.get('/api/v1/queues/q1/intervals?date=2026-11-20');
    expect(status).toBe(200);
    expect(body.intervals).toHaveLength(48);
    expect(body.intervals[18]).toMatchObject({
      start: '2026-11-20T09:00:00+08:00',
      end: '2026-11-20T09:30:00+08:00',
      offered: 7,
      answered: 3,
      abandoned: 2,
      shortAbandoned: 1,
      flowedOut: 1,
      answeredInSL: 2,
      serviceLevel: 0.5,
      serviceLevels: { excludeShortAbandons: 0.5, answeredOnly: 2 / 3, abandonsInSlMet: 0.6, offeredBased: 0.4 },
      asaSeconds: 20,
      ahtSeconds: 280,
      abandonRate: 1 / 6,
      maxWaitSeconds: 300,
    });
  });

  it('answers the same numbers in the snapshot, with live waiting and agents', async () => {
    // Let the server's clock tick reach the wall clock (09:31:00).
    await new Promise((r) => setTimeout(r, 300));
    const { body } = await server.get('/api/v1/snapshot');
    const q1 = (body as Snapshot).queues.find((q) => q.id === 'q1')!;
    expect(q1.waiting).toBe(1);
    expect(q1.longestWaitSeconds).toBe(70);
    expect(q1.today).toMatchObject({ offered: 7, serviceLevel: 0.5, asaSeconds: 20, ahtSeconds: 280 });
    expect(q1.topDispositions).toEqual([
      { disposition: 'billing', count: 2 },
      { disposition: 'refund', count: 1 },
    ]);
    expect(q1.agents).toMatchObject({ available: 2, talking: 0 });
  });

  it('answers per-agent intervals', async () => {
    const { body } = await server.get('/api/v1/agents/a1/intervals?date=2026-11-20');
    // a1: ready 08:55, c1 09:00:10-09:03:10 + acw 30 s, c6 09:05:20-09:10:20 (hold 60 s) + acw 60 s.
    expect(body.intervals[18]).toMatchObject({ seconds: { talking: 420, hold: 60, acw: 90, available: 1230, aux: 0, offline: 0 }, callsHandled: 2 });
    expect(body.intervals[18].occupancy).toBe(570 / 1800);
  });

  it('sends a snapshot on subscribe, then a coalesced update after an event', async () => {
    const socket = server.socket();
    const snap = await socket.emitWithAck('subscribe', {});
    expect(snap.ok).toBe(true);
    if (!snap.ok) return;
    expect(snap.data.queues.find((q) => q.id === 'q1')!.waiting).toBe(1);
    const screen = liveQueues(socket, snap.data);
    await server.post('/api/v1/events', JSON.stringify([ev('call.queued', '09:30:30', { callId: 'c9', queueId: 'q1' })]), undefined, 'application/json');
    const q1 = (await screen.until((qs) => qs.some((q) => q.id === 'q1' && q.waiting === 2))).find((q) => q.id === 'q1')!;
    expect(q1.waiting).toBe(2);
    expect(q1.interval.offered).toBe(1); // c9 arrived in the 09:30 interval
  });

  it('ignores the same batch posted twice', async () => {
    const res = await server.post('/api/v1/events', ndjson(workedExample));
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: workedExample.length });
    const { body } = await server.get('/api/v1/queues/q1/intervals?date=2026-11-20');
    expect(body.intervals[18].offered).toBe(7);
  });
});

describe('bad input', () => {
  it('rejects bad events by index with the reason and applies the good ones', async () => {
    const body = [
      ev('call.queued', '09:30:40', { callId: 'g1', queueId: 'q2' }),
      { id: 'bad1', type: 'call.queued', ts: '2026-11-20T09:30:41', callId: 'g2', queueId: 'q2' },
      { id: 'bad2', type: 'call.answered', ts: '2026-11-20T09:30:42+08:00', callId: 'g1', queueId: 'q2' },
    ];
    const res = await server.post('/api/v1/events', JSON.stringify(body), undefined, 'application/json');
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { index: 1, error: expect.stringMatching(/^ts: "2026-11-20T09:30:41" is not ISO-8601 with an offset/) },
      { index: 2, error: 'agentId: required' },
    ]);
    const q2 = await server.get('/api/v1/queues/q2/intervals?date=2026-11-20');
    expect(q2.body.intervals[19]).toMatchObject({ offered: 1, waiting: 1, answered: 0 });
  });

  it('reports a broken NDJSON line by line number', async () => {
    const res = await server.post('/api/v1/events', `${JSON.stringify(ev('call.queued', '09:30:50', { callId: 'g3', queueId: 'q2' }))}\n{"id": "x",\n`);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, line: 2, error: expect.stringMatching(/^line 2: not valid JSON/) }] });
  });

  it('answers 400 for a body that is neither JSON nor NDJSON, and changes nothing', async () => {
    const before = (await server.get('/api/v1/snapshot')).body.counters;
    expect(before.accepted).toBeGreaterThan(0);
    const res = await server.post('/api/v1/events', 'this is not json');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/neither a JSON array nor NDJSON/);
    expect((await server.get('/api/v1/snapshot')).body.counters).toEqual(before);
  });

  it('tells a JSON array from NDJSON after leading white space, and answers 400 for a blank body', async () => {
    const before = (await server.get('/api/v1/snapshot')).body.counters;
    expect(before.accepted).toBeGreaterThan(0);
    // A JSON array after blank lines, tabs and spaces is read as an array: its error says so.
    const array = await server.post('/api/v1/events', '\r\n\t \n  [ {"id": ', undefined, 'application/json');
    expect(array.status).toBe(400);
    expect((await array.json()).error).toMatch(/^body is not valid JSON/);
    const blank = await server.post('/api/v1/events', ' \n\t\r\n   ');
    expect(blank.status).toBe(400);
    expect((await blank.json()).error).toMatch(/^body is empty/);
    expect((await server.get('/api/v1/snapshot')).body.counters).toEqual(before);
  });

  it('answers 413 over the size limit', async () => {
    const big = '[' + ' '.repeat(11 * 1024 * 1024) + ']';
    const res = await server.post('/api/v1/events', big, undefined, 'application/json');
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than the limit/);
  });

  it('rejects an event far in the future', async () => {
    const res = await server.post('/api/v1/events', JSON.stringify([ev('call.queued', '23:00:00', { callId: 'late', queueId: 'q2' })]), undefined, 'application/json');
    expect((await res.json()).rejected[0].error).toMatch(/^ts: .* is too far in the future/);
  });

  it('answers 400 for a bad date and 404 for an unknown queue', async () => {
    expect((await server.get('/api/v1/queues/q1/intervals?date=2026-13-45')).status).toBe(400);
    expect((await server.get('/api/v1/queues/q1/intervals?date=2026-13-45')).body.error).toMatch(/^date: "2026-13-45" is not a date/);
    expect((await server.get('/api/v1/queues/nope/intervals')).status).toBe(404);
  });
});
