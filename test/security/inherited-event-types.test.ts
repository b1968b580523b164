/**
 * An event whose `type` names a property every object inherits. The check looked the type up
 * with `type in schemas`, true for "constructor", "toString", "__proto__" and the like, and then
 * called `schemas[type].safeParse`, which is no function: probing a live server, one NDJSON line
 * `{"type":"constructor",...}` among good ones made POST /api/v1/events a 500 with no receipts
 * for the batch, though a bad event should be rejected by itself with the rest applied. Now
 * such a type is an unknown event type like any other, on REST (NDJSON and JSON arrays) and on
 * the /ingest socket.
 */
import { describe, expect, it } from 'vitest';
import { ndjson, serverWithTokens } from '../helpers/server.ts';

const INGEST = 'ingest-token-0123456789';

const server = serverWithTokens([{ token: INGEST, name: 'acme-feed', tenants: ['acme'], role: 'ingest' }]);

const ts = Date.parse('2026-11-20T09:30:00+08:00');
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
/** A good login, the five inherited types, a good logout: ids carry `prefix` so each batch is new. */
function batch(prefix: string) {
  return [
    { id: `${prefix}-in`, type: 'agent.login', ts, tenant: 'acme', agentId: 'a1' },
    ...INHERITED.map((type, i) => ({ id: `${prefix}-${i}`, type, ts, tenant: 'acme', agentId: 'a1' })),
    { id: `${prefix}-out`, type: 'agent.logout', ts: ts + 1000, tenant: 'acme', agentId: 'a1' },
  ];
}
type Answer = { accepted: number; rejected: { index: number; error: string }[] };
function expectOnlyInheritedRejected(a: Answer) {
  expect(a.accepted).toBe(2);
  expect(a.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
  for (const r of a.rejected) expect(r.error).toMatch(/^type: unknown event type "/);
}

describe('event types that name inherited properties', () => {
  it('rejects them one by one in an NDJSON body and applies the good lines', async () => {
    const res = await server().post('/api/v1/events', ndjson(batch('n')), INGEST);
    expect(res.status).toBe(200);
    expectOnlyInheritedRejected((await res.json()) as Answer);
  });

  it('likewise in a JSON array', async () => {
    const res = await server().post('/api/v1/events', JSON.stringify(batch('j')), INGEST, 'application/json');
    expect(res.status).toBe(200);
    expectOnlyInheritedRejected((await res.json()) as Answer);
  });

  it('likewise on the /ingest socket', async () => {
    const { io } = await import('socket.io-client');
    const s = io(`${server().base}/ingest`, { auth: { token: INGEST }, transports: ['websocket'], reconnection: false });
    try {
      const ack = await new Promise<{ ok: boolean; data?: Answer; error?: string }>((resolve, reject) => {
        s.on('connect_error', reject);
        s.on('connect', () => s.emit('events', batch('s'), resolve));
        setTimeout(() => reject(new Error('no acknowledgement in 5 s')), 5000);
      });
      expect(ack.ok).toBe(true);
      expectOnlyInheritedRejected(ack.data!);
    } finally {
      s.close();
    }
  });
});
