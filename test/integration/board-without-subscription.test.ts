import { expect, it } from 'vitest';
import type { Ack, AgentPage } from '../../server/protocol/socket.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

it('gives a screen that pages the board without subscribing the floor as it is now, not as at its first page', async () => {
  const server = await startServer();
  try {
    expect((await server.post('/api/v1/events', ndjson([ev('agent.login', '09:00:00', { tenant: 'acme', agentId: 'a1', name: 'Ann', queues: ['q'], state: 'available' })]))).status).toBe(200);
    server.floor.hub.flush();
    const s = server.socket();
    await new Promise<void>((r) => s.once('connect', () => r()));
    const page = () => new Promise<Ack<AgentPage>>((r) => s.emit('agents:page', { offset: 0, limit: 10 }, r));
    const state = (a: Ack<AgentPage>) => (a.ok ? a.data.rows.map((r) => [r.id, r.state, r.reason]) : a.error);
    expect(state(await page())).toEqual([['a1', 'available', null]]);
    // No screen is subscribed, so no push goes out: the board is outdated all the same.
    expect((await server.post('/api/v1/events', ndjson([ev('agent.state', '09:05:00', { tenant: 'acme', agentId: 'a1', state: 'aux', reason: 'break' })]))).status).toBe(200);
    server.floor.hub.flush();
    expect(state(await page())).toEqual([['a1', 'aux', 'break']]);
  } finally {
    await server.stop();
  }
});
