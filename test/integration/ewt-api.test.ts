/**
 * The estimated wait on the API and the wait-time notification webhook, on the worked example
 * of docs/metrics.md (queue q1, Asia/Taipei, observed at 09:31:00; c7 waits since 09:29:50,
 * both agents available, after-call work on).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ndjson, startServer } from '../helpers/server.ts';
import { startWebhookReceiver, until } from '../helpers/webhook-receiver.ts';
import { workedExample } from '../helpers/worked-example.ts';
import { notFound } from '../helpers/not-found.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'floorboard-ewt-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/*
 * What the engine kept, by hand from the worked example:
 *   handle times (answer to wrap-up): c1 09:00:10-09:03:40 = 210 s, c2 09:01:30-09:06:00 = 270 s,
 *   c6 09:05:20-09:11:20 = 360 s; mean 280, sample variance (70^2 + 10^2 + 80^2) / 2 = 5700,
 *   cv^2 = 5700 / 280^2 = 0.072704.
 *   answered calls and the completions they waited for when queued (place in line less agents
 *   available): c1 1 - 2 = -1 (wait 10), c2 1 - 1 = 0 (wait 30), c6: c5 ahead, a2 in after-call
 *   work: 2 - 1 = 1 (wait 20). Two answered with an agent free: fewer than 3, so no answer delay.
 *   departures: 6 (c1..c6), fewer than 20: no abandonment hazard.
 * Position 5 at 09:31 (2 agents available): m = 5 - 2 = 3 completions, mu = 2 / 280 per s.
 *   (m - 1) / mu = 280 s; the first completion is a residual (1 + 0.072704) / 2 = 0.536352 of 140 s = 75.09 s;
 *   median factor (3 - 1/3 + 8 / 1215) / 3 = 0.891084; (280 + 75.09) * 0.891084 = 316.4 -> 316 s.
 */
const POSITION_5_SECONDS = 316;

describe('GET /api/v1/queues/:queueId/ewt', () => {
  it('answers a caller arriving now and a caller at a position, from the history the engine kept', async () => {
    const dataDir = tmp();
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      expect((await (await server.post('/api/v1/events', ndjson(workedExample))).json()).accepted).toBe(workedExample.length);
      const now = await server.get('/api/v1/queues/q1/ewt');
      // c7 waits, two agents are available: a caller arriving now is second and an agent is free for it.
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({ queueId: 'q1', tenant: 'default', waiting: 1, agentsServing: 2, position: 2, estimatedWaitSeconds: 0, method: 'position-abandon' });
      const at5 = await server.get('/api/v1/queues/q1/ewt?position=5');
      expect(at5.body).toMatchObject({ position: 5, estimatedWaitSeconds: POSITION_5_SECONDS, method: 'position-abandon' });
      // A priority-1 caller goes ahead of c7 (priority 0): position 1.
      expect((await server.get('/api/v1/queues/q1/ewt?priority=1')).body).toMatchObject({ position: 1, estimatedWaitSeconds: 0 });
    } finally {
      await server.stop();
    }
    // The history is part of the engine's state: a restart (snapshot at shutdown) answers the same.
    const again = await startServer({ DATA_DIR: dataDir });
    try {
      expect((await again.get('/api/v1/queues/q1/ewt?position=5')).body).toMatchObject({ position: 5, estimatedWaitSeconds: POSITION_5_SECONDS });
    } finally {
      await again.stop();
    }
  });

  it('refuses positions and priorities out of bounds with a 400 naming the field, and unknown queues with 404', async () => {
    const server = await startServer();
    try {
      await server.post('/api/v1/events', ndjson(workedExample));
      const cases: [string, number, string][] = [
        ['position=0', 400, 'position: must be from 1 to 10000, got 0'],
        ['position=10001', 400, 'position: must be from 1 to 10000, got 10001'],
        ['position=two', 400, 'position: "two" is not a whole number'],
        ['position=1.5', 400, 'position: "1.5" is not a whole number'],
        ['priority=1000001', 400, 'priority: must be from -1000000 to 1000000, got 1000001'],
        ['position=2&priority=1', 400, 'position and priority: give one of them'],
        ['position=1&position=2', 400, 'position: give one value'],
      ];
      for (const [query, status, error] of cases) {
        const r = await server.get(`/api/v1/queues/q1/ewt?${query}`);
        expect({ query, status: r.status }).toEqual({ query, status });
        expect(r.body.error).toContain(error);
      }
      expect((await server.get('/api/v1/queues/q1/ewt?position=10000')).status).toBe(200);
      const missing = await server.get('/api/v1/queues/nope/ewt');
      expect(missing).toEqual(notFound('queue "nope"'));
    } finally {
      await server.stop();
    }
  });
});

describe('wait-time notification webhook', () => {
  it('posts c7 its estimate on arrival and again when it has waited another whole minute', async () => {
    const hook = await startWebhookReceiver();
    const dir = tmp();
    const configFile = join(dir, 'floorboard.json');
    writeFileSync(configFile, JSON.stringify({ waitNotifications: [{ tenant: 'default', queueId: 'q1', url: hook.url, intervalSeconds: 60 }] }));
    const server = await startServer({ FLOORBOARD_CONFIG: configFile });
    try {
      await server.post('/api/v1/events', ndjson(workedExample));
      // 09:31:00: c7 has waited 70 s (tick 1 of 60 s), first seen: an arrival notice, position 1, an agent free (0 s).
      const first = await until(() => (hook.bodies.length >= 1 ? hook.bodies[0] : undefined), 5000, 'the arrival notice');
      expect(first).toMatchObject({ kind: 'wait-estimate', tenant: 'default', queueId: 'q1', callId: 'c7', position: 1, estimatedWaitSeconds: 0, waitedSeconds: 70, reason: 'arrival' });
      // 09:32:00: 130 s waited, tick 2 > 1: an interval notice; nothing in between (the estimate did not move).
      server.clock.now = Date.parse('2026-11-20T09:32:00+08:00');
      const second = await until(() => (hook.bodies.length >= 2 ? hook.bodies[1] : undefined), 5000, 'the interval notice');
      expect(second).toMatchObject({ callId: 'c7', waitedSeconds: 130, reason: 'interval' });
      await new Promise((r) => setTimeout(r, 1200));
      expect(hook.bodies).toHaveLength(2);
    } finally {
      await server.stop();
      await hook.close();
    }
  });
});
