/**
 * The helper that starts a server in its own process survives losing its port to another
 * process between probing it and binding it (seen in CI: EADDRINUSE failed a durability test).
 */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';

const taken: Server = createServer();
const takenPort = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
let probes = 0;

vi.mock('../helpers/redis-server.ts', async (original) => {
  const real = await original<typeof import('../helpers/redis-server.ts')>();
  // The first probe answers a port someone else holds: the race lost.
  return { ...real, freePort: async () => (probes++ === 0 ? takenPort : real.freePort()) };
});

const { startServerProcess } = await import('../helpers/server-process.ts');

afterAll(() => taken.close());

describe('startServerProcess', () => {
  it('starts again on another port when the probed one was taken before the bind', async () => {
    const server = await startServerProcess({});
    try {
      expect(probes).toBe(2);
      expect(server.base).not.toContain(`:${takenPort}`);
      expect((await fetch(`${server.base}/api/v1/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
