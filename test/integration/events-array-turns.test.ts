/**
 * A JSON array of events at the body limit (10 MiB) is parsed a slice at a time, between other
 * turns of the event loop: parsed in one go, `[{},{},...]` held health about a second. The
 * server runs in a process of its own, so these health checks measure it and nothing else; health
 * must never wait for the post in one piece (`expectLoopNotHeld`), which catches a held loop
 * without timing one (at a load average of 15 health took up to 900 ms; the steps are counted in
 * test/unit/events-array-steps.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLoopNotHeld, sendWatched } from '../helpers/held-loop.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { requestOnNewConnection } from '../helpers/new-connection.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-events-array-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Posts `body` while health is polled: the answer's status and text, the slowest health answer and the request's time. */
const postWatched = (path: string, body: string) =>
  sendWatched(server.base, body, (b) => requestOnNewConnection(server.base + path, 'POST', b, { 'content-type': 'application/json' }));

describe('a JSON array of events at the body limit', () => {
  const empties = `[${Array.from({ length: 3_490_000 }, () => '{}').join(',')}]`;

  it('POST /events of 3,490,000 empty objects: health answers throughout, and the first 1,000 rejections are listed', async () => {
    // Before: health held 5.3 s (parsing, checking and a 149 MB answer listing every rejection).
    const sent = await postWatched('/api/v1/events', empties);
    expect(sent.answer.status).toBe(200);
    const body = JSON.parse(sent.answer.text) as { rejected: { index: number; error: string }[] };
    expect({ ...body, rejected: body.rejected.length }).toEqual({ accepted: 0, duplicates: 0, anomalies: 0, rejected: 1000, rejectedCount: 3_490_000 });
    expect(body.rejected[999]).toEqual({ index: 999, error: 'type: required' });
    expectLoopNotHeld(sent);
  }, 120_000);

  it('POST /ingest/amazon-connect of 3,490,000 empty objects: health answers throughout', async () => {
    const sent = await postWatched('/api/v1/ingest/amazon-connect?tenant=acme', empties);
    expect(sent.answer.status).toBe(200);
    expect(JSON.parse(sent.answer.text)).toMatchObject({ accepted: 0, lines: 3_490_000, rejectedCount: 3_490_000 });
    expectLoopNotHeld(sent);
  }, 120_000);
});
