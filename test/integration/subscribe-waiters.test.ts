import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServer, ServerToClient, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { AdmissionQueue } from '../../server/realtime/admission-queue.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type FloorSocket = Socket<ServerToClient, ClientToServer>;
/** 2,000 agents of acme, each serving all 30 queues: a subscribe to one queue with agents writes 2,000 agents over turns. */
const AGENTS = 2_000;
const QUEUES = Array.from({ length: 30 }, (_, i) => `q${String(i).padStart(2, '0')}`);
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
  server.floor.hub.stop();
  const logins = Array.from({ length: AGENTS }, (_, i) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId: `a-${i}`, name: `Agent ${i}`, queues: QUEUES, state: 'available' }));
  expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
  server.floor.hub.flush();
}, 60_000);
afterAll(() => server.stop());

describe('subscriptions with agents waiting for a build', () => {
  it('asks again once per build end, not all at each end: 30 screens of one sign-in, each its own queue, two built at a time', async () => {
    const screens = await Promise.all(
      QUEUES.map(async () => {
        const s: FloorSocket = server.socket();
        await new Promise<void>((r) => s.once('connect', () => r()));
        return s;
      }),
    );
    const offers = vi.spyOn(AdmissionQueue.prototype, 'offer');
    try {
      const answers = await Promise.all(screens.map((s, i) => new Promise<Ack<VersionedSnapshot>>((r) => s.emit('subscribe', { queues: [QUEUES[i]] }, r))));
      for (const a of answers) expect(a.ok ? a.data.agents.length : a.error).toBe(AGENTS);
      // 30 first asks, then at most one ask again per build end (30 builds end; here 58 in all,
      // each waiting ask woken once). Waking every waiter at every end asked again 28 + 27 + ...
      // times (354 in all before).
      expect(offers.mock.calls.length).toBeGreaterThanOrEqual(30);
      expect(offers.mock.calls.length).toBeLessThanOrEqual(30 + 30);
    } finally {
      offers.mockRestore();
      for (const s of screens) s.disconnect();
    }
  }, 60_000);
});
