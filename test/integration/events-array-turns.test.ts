/**
 * A JSON array of events at the body limit (10 MiB) is parsed a slice at a time, between other
 * turns of the event loop: parsed in one go, `[{},{},...]` held health about a second. The
 * server runs in a process of its own, so these health checks measure it and nothing else; the
 * ceiling is generous, to catch a held loop, not to time one (at a load average of 15 on the
 * 2 cores health took up to 900 ms; the steps are counted in test/unit/events-array-steps.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthLatencies } from '../../bench/abuse-inputs.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const LIMIT = 10 * 1024 * 1024;
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-events-array-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Posts `body` while health is polled: the answer and the slowest health answer (ms). */
async function postWatched(path: string, body: string): Promise<{ status: number; text: string; slowestHealth: number }> {
  expect(Buffer.byteLength(body)).toBeGreaterThan(LIMIT - 200_000);
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LIMIT);
  const answer = fetch(server.base + path, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const latencies = await healthLatencies(server.base, answer);
  expect(latencies.length).toBeGreaterThan(0);
  return { ...(await answer), slowestHealth: Math.max(...latencies) };
}

describe('a JSON array of events at the body limit', () => {
  const empties = `[${Array.from({ length: 3_490_000 }, () => '{}').join(',')}]`;

  it('POST /events of 3,490,000 empty objects: health answers throughout, and the first 1,000 rejections are listed', async () => {
    // Before: health held 5.3 s (parsing, checking and a 149 MB answer listing every rejection).
    const sent = await postWatched('/api/v1/events', empties);
    expect(sent.status).toBe(200);
    const body = JSON.parse(sent.text) as { rejected: { index: number; error: string }[] };
    expect({ ...body, rejected: body.rejected.length }).toEqual({ accepted: 0, duplicates: 0, anomalies: 0, rejected: 1000, rejectedCount: 3_490_000 });
    expect(body.rejected[999]).toEqual({ index: 999, error: 'type: required' });
    expect(sent.slowestHealth).toBeLessThan(1500);
  }, 120_000);

  it('POST /ingest/amazon-connect of 3,490,000 empty objects: health answers throughout', async () => {
    const sent = await postWatched('/api/v1/ingest/amazon-connect?tenant=acme', empties);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.text)).toMatchObject({ accepted: 0, lines: 3_490_000, rejectedCount: 3_490_000 });
    expect(sent.slowestHealth).toBeLessThan(1500);
  }, 120_000);
});
