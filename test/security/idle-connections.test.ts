/**
 * A TCP connection that sends nothing, or half a request's headers, is counted by no bound
 * (not a socket yet, not pending): with Node's defaults one stayed open 60-90 s (87 s measured).
 * HTTP_HEADERS_TIMEOUT_MS (20 s by default; 1 s here) answers it 408 and closes it, on the
 * screens' port and the ops port alike, while a request that sends its headers and a screen's
 * socket that stays open far longer are left alone.
 */
import { connect as tcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { startServer } from '../helpers/server.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
const TIMEOUT_MS = 1000;

beforeAll(async () => {
  server = await startServer({ HTTP_HEADERS_TIMEOUT_MS: String(TIMEOUT_MS), OPS_PORT: '0' });
});
afterAll(async () => {
  await server.stop();
});

interface Held {
  /** What the server wrote before it closed the connection. */
  said: string;
  /** ms from connecting to the close. */
  afterMs: number;
}

/** Opens a TCP connection to `port`, writes `first` (if any) and nothing more, and waits for the server to close it. */
function hold(port: number, first?: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let said = '';
    const c = tcp(port, '127.0.0.1', () => {
      if (first) c.write(first);
    });
    c.on('data', (d: Buffer) => (said += d.toString()));
    c.on('error', reject);
    c.on('close', () => resolve({ said, afterMs: Date.now() - t0 }));
  });
}

const portOf = (base: string) => Number(new URL(base).port);

describe('connections that do not send a request (HTTP_HEADERS_TIMEOUT_MS)', () => {
  it('closes one that sends nothing, and one that sends half its headers, with 408 after about the timeout', async () => {
    const [idle, half] = await Promise.all([hold(portOf(server.base)), hold(portOf(server.base), 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n')]);
    for (const h of [idle, half]) {
      expect(h.said).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      // The timeout plus at most one check interval (a quarter of it: 250 ms) and a busy machine's slack.
      expect(h.afterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(h.afterMs).toBeLessThan(10_000);
    }
  });

  it('closes them on the ops port too', async () => {
    const idle = await hold(server.floor.opsPort()!);
    expect(idle.said).toMatch(/^HTTP\/1\.1 408/);
    expect(idle.afterMs).toBeLessThan(10_000);
  });

  it('answers a request that sends its headers, and keeps a screen open well past the timeout', async () => {
    const socket = server.socket();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    let dropped = '';
    socket.on('disconnect', (reason) => (dropped = reason));
    await new Promise((r) => setTimeout(r, 3 * TIMEOUT_MS));
    expect(dropped).toBe('');
    expect(socket.connected).toBe(true);
    const health = await fetch(`${server.base}/api/v1/health`);
    expect(health.status).toBe(200);
  });

  it('takes its default (20 s) and bounds from the configuration', () => {
    const none = '/nonexistent';
    expect(loadConfig({}, none).httpHeadersTimeoutMs).toBe(20_000);
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000' }, none).httpHeadersTimeoutMs).toBe(5_000);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '999' }, none)).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '300001' }, none)).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});
