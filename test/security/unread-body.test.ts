/**
 * A request refused before its body is read (401 with no token, 403 for a role, 415 from the
 * write guard) was answered at once, but the connection stayed open while the client trickled
 * the rest of the body: Node reads and drops it to keep the connection alive, until its
 * `requestTimeout` (300 s). Found by probing: five anonymous POSTs of a 100,000-byte body sent
 * a byte a second were all still open 15 s after their 401. Anyone who can reach the port could
 * hold file descriptors that way, 15 times longer than a connection that sends no headers
 * (HTTP_HEADERS_TIMEOUT_MS, test/security/idle-connections.test.ts). Now such an answer says
 * `Connection: close` and the connection ends with it; one whose body was read stays alive.
 */
import { connect as tcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
const VIEWER = 'viewer-token-0123456789';
const INGEST = 'ingest-token-0123456789';

beforeAll(async () => {
  server = await startServer({
    FLOORBOARD_TOKENS: JSON.stringify([
      { token: VIEWER, name: 'acme-view', tenants: ['acme'], role: 'viewer' },
      { token: INGEST, name: 'acme-feed', tenants: ['acme'], role: 'ingest' },
    ]),
  });
});
afterAll(async () => {
  await server.stop();
});

interface Trickle {
  /** What the server wrote. */
  said: string;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
}

/**
 * Sends a POST's headers announcing a 100,000-byte body, then one byte every 100 ms, for at most
 * `waitMs`; resolves with what came back and whether the server closed the connection.
 */
function trickle(headers: string, waitMs: number): Promise<Trickle> {
  const port = Number(new URL(server.base).port);
  return new Promise((resolve) => {
    let said = '';
    let closed = false;
    const c = tcp(port, '127.0.0.1', () => {
      c.write(`POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n${headers}\r\n`);
    });
    const drip = setInterval(() => c.write('\n'), 100);
    c.on('data', (d: Buffer) => (said += d.toString()));
    c.on('error', () => {});
    c.on('close', () => {
      closed = true;
      finish();
    });
    const timer = setTimeout(finish, waitMs);
    function finish() {
      clearInterval(drip);
      clearTimeout(timer);
      c.destroy();
      resolve({ said, closed });
    }
  });
}

describe('a request answered before its body is read', () => {
  it('closes the connection with the answer: no token (401), a viewer posting (403), a form post (415)', async () => {
    const [anonymous, viewer, form] = await Promise.all([
      trickle('Content-Type: application/x-ndjson\r\n', 3000),
      trickle(`Content-Type: application/x-ndjson\r\nAuthorization: Bearer ${VIEWER}\r\n`, 3000),
      trickle('Content-Type: text/plain\r\n', 3000),
    ]);
    expect(anonymous.said).toMatch(/^HTTP\/1\.1 401 /);
    expect(viewer.said).toMatch(/^HTTP\/1\.1 403 /);
    expect(form.said).toMatch(/^HTTP\/1\.1 415 /);
    for (const t of [anonymous, viewer, form]) {
      expect(t.said).toMatch(/\r\nConnection: close\r\n/i);
      expect(t.closed).toBe(true);
    }
  });

  it('keeps a connection whose body was read alive for the next request', async () => {
    const port = Number(new URL(server.base).port);
    const body = JSON.stringify({ id: 'e1', type: 'agent.login', ts: Date.parse('2026-11-20T09:30:00+08:00'), tenant: 'acme', agentId: 'a1' });
    const answers = await new Promise<string>((resolve) => {
      let said = '';
      const c = tcp(port, '127.0.0.1', () => {
        const req = `POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nAuthorization: Bearer ${INGEST}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        c.write(req + req.replace('"e1"', '"e2"'));
      });
      c.on('data', (d: Buffer) => {
        said += d.toString();
        if ((said.match(/HTTP\/1\.1 200 /g) ?? []).length === 2) {
          c.destroy();
          resolve(said);
        }
      });
      setTimeout(() => {
        c.destroy();
        resolve(said);
      }, 5000);
    });
    expect(answers.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
    expect(answers).not.toMatch(/Connection: close/i);
  });
});
