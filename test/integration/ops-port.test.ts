import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { ev, parse } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const FEED = 'feed-token-0123456789abcdef';
const VIEW = 'view-token-0123456789abcdef';
let server: Awaited<ReturnType<typeof startServer>>;
let ops: string;

beforeAll(async () => {
  server = await startServer({
    OPS_PORT: '0',
    FLOORBOARD_TOKENS: JSON.stringify([
      { token: FEED, name: 'acd', tenants: ['acme'], role: 'ingest' },
      { token: VIEW, name: 'wallboard', tenants: ['acme'], role: 'viewer' },
    ]),
  });
  const port = server.floor.opsPort();
  expect(port).not.toBeNull();
  ops = `http://127.0.0.1:${port}`;
});
afterAll(() => server?.stop());

describe('the ops port (OPS_PORT)', () => {
  it('answers health on a port of its own', async () => {
    expect(ops).not.toBe(server.base);
    const res = await fetch(`${ops}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });

  it("takes a feed's events with the same auth as the main port, and the floor shows them there", async () => {
    const body = ndjson([ev('call.queued', '09:30:00', { tenant: 'acme', callId: 'c1', queueId: 'billing' })]);
    const refused = await fetch(`${ops}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(refused.status).toBe(401);
    const viewer = await fetch(`${ops}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${VIEW}` } });
    expect(viewer.status).toBe(403);
    const fed = await fetch(`${ops}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${FEED}` } });
    expect(fed.status).toBe(200);
    expect(((await fed.json()) as { accepted: number }).accepted).toBe(1);
    const { body: snap } = await server.get('/api/v1/snapshot', VIEW);
    const billing = (snap as { queues: { id: string; waiting: number }[] }).queues.find((q) => q.id === 'billing');
    expect(billing?.waiting).toBe(1);
  });

  it("answers another tenant's data exactly as data that does not exist, as the main port does", async () => {
    // Another tenant's floor exists (fed to the engine directly: this test's feed token is acme's only).
    server.floor.engine.apply(parse([ev('call.queued', '09:30:00', { tenant: 'bank', callId: 'b1', queueId: 'loans' })])[0]);
    expect(server.floor.engine.tenants.has('bank')).toBe(true);
    const get = async (base: string, path: string) => {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${VIEW}` } });
      return [res.status, await res.text()];
    };
    for (const base of [ops, server.base]) {
      // The same answer as for a tenant that does not exist, the asked id quoted back.
      const [status, body] = await get(base, '/api/v1/snapshot?tenant=nope');
      expect(await get(base, '/api/v1/snapshot?tenant=bank')).toEqual([status, String(body).replace('nope', 'bank')]);
      expect(status).toBe(404);
    }
    expect(await get(ops, '/api/v1/snapshot?tenant=bank')).toEqual(await get(server.base, '/api/v1/snapshot?tenant=bank'));
  });

  it('takes no screens: a socket to it is refused, while the main port connects', async () => {
    const onOps = connect(ops, { auth: { token: VIEW }, transports: ['websocket'], reconnection: false, timeout: 5000 });
    const refused = await new Promise<boolean>((r) => {
      onOps.once('connect', () => r(false));
      onOps.once('connect_error', () => r(true));
    });
    onOps.close();
    expect(refused).toBe(true);
    // A Socket.IO request there is a plain 404 (not the web app's page, which a client would retry forever).
    const polling = await fetch(`${ops}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(404);
    expect(await polling.text()).toBe('no sockets on the ops port: use PORT\n');
    const onMain = server.socket(VIEW);
    expect(await new Promise<boolean>((r) => (onMain.once('connect', () => r(true)), onMain.once('connect_error', () => r(false))))).toBe(true);
  });
});

describe('without OPS_PORT', () => {
  it('listens on one port only', async () => {
    const plain = await startServer();
    try {
      expect(plain.floor.opsPort()).toBeNull();
    } finally {
      await plain.stop();
    }
  });

  it('closes the ops port with the server', async () => {
    const s = await startServer({ OPS_PORT: '0' });
    const port = s.floor.opsPort()!;
    await s.stop();
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
  });
});
