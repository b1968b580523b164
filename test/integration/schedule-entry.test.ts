/**
 * Schedule log entries of both forms load at a restart, on both stores that hold the log: an
 * entry written by the version before the packed form (one object a segment) and a packed one
 * written by a schedule import. The servers run in processes of their own, on the real clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../server/protocol/log.ts';
import { openFileStore } from '../../server/store/file-store.ts';
import { openRedisStore } from '../../server/store/redis-store.ts';
import type { Store } from '../../server/store/store.ts';
import { redisAvailableOrSkip, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const HOUR = 3_600_000;
/** Tomorrow in Taipei. */
const DATE = new Date(Date.now() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
const midnight = Date.parse(`${DATE}T00:00:00+08:00`);
const at = (h: number) => `${DATE}T${String(h).padStart(2, '0')}:00:00+08:00`;

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `floorboard-${name}-`));
  dirs.push(d);
  return d;
};
let redis: RedisServer | null = null;
afterAll(async () => {
  await redis?.stop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** The entry the version before `schedule.packed` wrote for an import of these two agents' day, as it was logged. */
const oldEntry: LogEntry = {
  k: 'schedule',
  tenant: 'acme',
  dayStart: midnight,
  dayEnd: midnight + 24 * HOUR,
  segments: [
    { agentId: 'old-1', start: midnight + 8 * HOUR, end: midnight + 12 * HOUR, activity: 'phone' },
    { agentId: 'old-2', start: midnight + 9 * HOUR, end: midnight + 10 * HOUR, activity: 'break' },
    { agentId: 'old-1', start: midnight + 12 * HOUR, end: midnight + 13 * HOUR, activity: 'lunch' },
  ],
  origin: { proc: 'a-process-of-the-version-before', n: 1 },
};

/** The day's segments as GET /schedules answers them, agents in the order first scheduled. */
const expected = [
  { tenant: 'acme', agentId: 'old-1', start: at(8), end: at(12), activity: 'phone' },
  { tenant: 'acme', agentId: 'old-1', start: at(12), end: at(13), activity: 'lunch' },
  { tenant: 'acme', agentId: 'old-2', start: at(9), end: at(10), activity: 'break' },
  { tenant: 'acme', agentId: 'new-1', start: at(7), end: at(15), activity: 'phone' },
];

/**
 * Logs the old entry with `open`, then starts a server on the same store: it shows the old
 * agents; a schedule import (a packed entry) for another agent is kept through a kill -9.
 */
async function oldThenNew(open: () => Promise<Store>, env: Record<string, string>): Promise<void> {
  const store = await open();
  await store.append([oldEntry]);
  await store.close();
  let server = await startServerProcess(env);
  const day = async () => ((await (await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`)).json()) as { segments: unknown[] }).segments;
  expect(await day()).toEqual(expected.slice(0, 3));
  const put = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme`, { method: 'PUT', body: `agent_id,start,end,activity\nnew-1,${at(7)},${at(15)},phone\n`, headers: { 'content-type': 'text/csv' } });
  expect(await put.json()).toEqual({ tenant: 'acme', date: DATE, segments: 1, agents: 1 });
  expect(await day()).toEqual(expected);
  await server.kill9();
  server = await startServerProcess(env);
  expect(await day()).toEqual(expected);
  await server.stop();
}

describe('schedule entries of before and packed ones, after a restart', () => {
  it('file store: both load', async () => {
    const dataDir = tmp('schedule-entry-file');
    await oldThenNew(() => openFileStore({ dataDir }), { DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
  }, 60_000);

  it.runIf(redisAvailableOrSkip('schedule entries in Redis'))('Redis: both load', async () => {
    redis = await startRedisServer();
    const url = redis.url;
    await oldThenNew(() => openRedisStore({ url, keyPrefix: 'fb-entry:' }), { REDIS_URL: url, REDIS_KEY_PREFIX: 'fb-entry:', DATA_DIR: tmp('schedule-entry-redis'), DIRECTORY_FILE: 'none' });
  }, 60_000);
});
