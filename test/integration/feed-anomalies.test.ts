import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_FEED = 'acme-ingest-0123456789';
const BANK_FEED = 'bank-ingest-0123456789';
const tokens = [
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: ACME_FEED, name: 'acme acd', tenants: ['acme'], role: 'ingest' },
  { token: BANK_FEED, name: 'bank acd', tenants: ['bank'], role: 'ingest' },
];
const T = (at: string) => `2026-11-20T${at}+08:00`;

let server: Awaited<ReturnType<typeof startServer>>;
const feed = async (events: object[], token: string) => (await server.post('/api/v1/events', ndjson(events), token)).json();

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
});
afterAll(() => server.stop());

describe("a feed's answer counts the anomalies judged after the reorder window", () => {
  it('in the answer to its tenant’s next batch, with their reasons, never in another tenant’s', async () => {
    // An answer for a call acme never queued, and the end of a call nobody answered: either
    // partner may still arrive within the window (5 s), so neither is an anomaly yet.
    const waiting = [
      { id: 'e1', type: 'call.answered', ts: T('09:00:00'), tenant: 'acme', callId: 'c1', queueId: 'q', agentId: 'a1' },
      { id: 'e2', type: 'call.ended', ts: T('09:00:01'), tenant: 'acme', callId: 'c2', agentId: 'a1' },
    ];
    expect(await feed(waiting, ACME_FEED)).toEqual({ accepted: 2, duplicates: 0, anomalies: 0, rejected: [], rejectedCount: 0 });
    // bank's event 10 s later moves the engine's clock past the window: the sweep judges acme's
    // two events now, while applying bank's batch, whose answer says nothing of them.
    expect(await feed([{ id: 'b1', type: 'call.queued', ts: T('09:00:10'), tenant: 'bank', callId: 'bc1', queueId: 'bq' }], BANK_FEED)).toEqual({ accepted: 1, duplicates: 0, anomalies: 0, rejected: [], rejectedCount: 0 });
    expect(server.floor.engine.tenants.get('acme')!.counters.anomaliesByReason).toEqual({ 'never-queued': 1, 'never-answered': 1 });
    // acme's next batch is told, apart from its own anomalies (none).
    const next = [{ id: 'e3', type: 'call.queued', ts: T('09:00:20'), tenant: 'acme', callId: 'c3', queueId: 'q' }];
    expect(await feed(next, ACME_FEED)).toEqual({ accepted: 1, duplicates: 0, anomalies: 0, lateAnomalies: 2, lateAnomalyReasons: { 'never-queued': 1, 'never-answered': 1 }, rejected: [], rejectedCount: 0 });
    // Told once: the batch after says nothing more.
    expect(await feed([{ id: 'e4', type: 'call.abandoned', ts: T('09:00:30'), tenant: 'acme', callId: 'c3', queueId: 'q' }], ACME_FEED)).toEqual({ accepted: 1, duplicates: 0, anomalies: 0, rejected: [], rejectedCount: 0 });
  });

  it('keeps them apart from the batch’s own anomalies, and the answers add up to the counters', async () => {
    // c6 ended twice at the same instant: an anomaly at once. The end of c7, which nobody
    // answered, waits out the window and is judged by acme's own next batch.
    const batch = [
      { id: 'f1', type: 'call.queued', ts: T('09:01:00'), tenant: 'acme', callId: 'c6', queueId: 'q' },
      { id: 'f2', type: 'call.answered', ts: T('09:01:02'), tenant: 'acme', callId: 'c6', queueId: 'q', agentId: 'a2' },
      { id: 'f3', type: 'call.ended', ts: T('09:01:30'), tenant: 'acme', callId: 'c6', agentId: 'a2' },
      { id: 'f4', type: 'call.ended', ts: T('09:01:30'), tenant: 'acme', callId: 'c6', agentId: 'a2' },
      { id: 'f5', type: 'call.ended', ts: T('09:01:30'), tenant: 'acme', callId: 'c7', agentId: 'a2' },
    ];
    expect(await feed(batch, ACME_FEED)).toEqual({ accepted: 5, duplicates: 0, anomalies: 1, anomalyReasons: { 'ended-twice': 1 }, rejected: [], rejectedCount: 0 });
    // The next batch has an anomaly of its own (c8 ends twice, as c6 did) beside the late one.
    const next = [
      { id: 'f6', type: 'call.queued', ts: T('09:01:40'), tenant: 'acme', callId: 'c8', queueId: 'q' },
      { id: 'f7', type: 'call.answered', ts: T('09:01:42'), tenant: 'acme', callId: 'c8', queueId: 'q', agentId: 'a3' },
      { id: 'f8', type: 'call.ended', ts: T('09:01:50'), tenant: 'acme', callId: 'c8', agentId: 'a3' },
      { id: 'f9', type: 'call.ended', ts: T('09:01:50'), tenant: 'acme', callId: 'c8', agentId: 'a3' },
    ];
    expect(await feed(next, ACME_FEED)).toEqual({ accepted: 4, duplicates: 0, anomalies: 1, anomalyReasons: { 'ended-twice': 1 }, lateAnomalies: 1, lateAnomalyReasons: { 'never-answered': 1 }, rejected: [], rejectedCount: 0 });
    // 2 + 1 + 2 told to acme's feed, as many as the engine counted against acme, reason by reason.
    const counters = (await server.get('/api/v1/anomalies?tenant=acme', ADMIN)).body.tenants[0].counters;
    expect(counters).toMatchObject({ anomalies: 5, anomaliesByReason: { 'never-queued': 1, 'never-answered': 2, 'ended-twice': 2 } });
  });
});
