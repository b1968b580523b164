import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const ACME_FEED = 'acme-ingest-0123456789';
const tokens = [
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: ACME_VIEW, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' },
  { token: ACME_FEED, name: 'acme acd', tenants: ['acme'], role: 'ingest' },
];

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
  const events = [
    { id: '1', type: 'call.queued', ts: '2026-11-20T09:00:00+08:00', tenant: 'acme', callId: 'a1', queueId: 'acme-q' },
    { id: '1', type: 'call.queued', ts: '2026-11-20T09:00:00+08:00', tenant: 'jade', callId: 'j1', queueId: 'jade-q' },
  ];
  const res = await server.post('/api/v1/events', ndjson(events), ADMIN);
  expect((await res.json()).accepted).toBe(2);
});
afterAll(() => server.stop());

describe('tenants see only their own data', () => {
  it('refuses a request without a token', async () => {
    const r = await server.get('/api/v1/snapshot');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/missing or unknown token/);
  });

  it('shows a tenant viewer only its tenant in the snapshot', async () => {
    const r = await server.get('/api/v1/snapshot', ACME_VIEW);
    expect(r.body.queues.map((q: { id: string }) => q.id)).toEqual(['acme-q']);
    expect(r.body.tenants.map((t: { id: string }) => t.id)).toEqual(['acme']);
  });

  it('hides another tenant’s queue as not found', async () => {
    expect((await server.get('/api/v1/queues/jade-q/intervals', ACME_VIEW)).status).toBe(404);
    expect((await server.get('/api/v1/queues/acme-q/intervals', ACME_VIEW)).status).toBe(200);
  });

  it('lets an ingest token write only its tenant, and not read', async () => {
    const res = await server.post('/api/v1/events', ndjson([{ id: '2', type: 'call.queued', ts: '2026-11-20T09:01:00+08:00', tenant: 'jade', callId: 'j2', queueId: 'jade-q' }]), ACME_FEED);
    expect((await res.json()).rejected[0].error).toBe('tenant: this token may not write events for tenant "jade"');
    expect((await server.get('/api/v1/snapshot', ACME_FEED)).status).toBe(403);
  });

  it('refuses a viewer token for writing', async () => {
    const res = await server.post('/api/v1/events', '[]', ACME_VIEW, 'application/json');
    expect(res.status).toBe(403);
  });

  it('refuses a socket without a token', async () => {
    const s = server.socket();
    const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
    expect(err.message).toMatch(/^unauthorized/);
  });

  it('lets a tenant socket subscribe to its tenant only', async () => {
    const s = server.socket(ACME_VIEW);
    const denied = await s.emitWithAck('subscribe', { tenants: ['jade'] });
    expect(denied).toEqual({ ok: false, error: 'unknown tenant "jade"' });
    const hidden = await s.emitWithAck('subscribe', { queues: ['jade-q'] });
    expect(hidden).toEqual({ ok: false, error: 'unknown queue "jade-q"' });
    const mine = await s.emitWithAck('subscribe', {});
    expect(mine.ok && mine.data.queues.map((q) => q.id)).toEqual(['acme-q']);
  });
});
