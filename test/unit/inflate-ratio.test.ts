/** A real feed, compressed as well as gzip can, inflates far below the ratio a bomb is refused at. */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { feedBody, INFLATE_FREE_BYTES, remaining } from '../../server/http/request-body.ts';
import { Simulation } from '../../simulator/simulation.ts';

/** A request of `body` as the routes read it: a stream with headers. */
function request(body: Buffer, headers: Record<string, string>): Request {
  const r = Readable.from([body.subarray(0, body.length >> 1), body.subarray(body.length >> 1)]) as unknown as Request;
  (r as { get: (h: string) => string | undefined }).get = (h) => headers[h.toLowerCase()];
  return r;
}

describe('feedBody and the inflate ratio', () => {
  it('passes two simulated days of NDJSON sent gzip -9 whole', async () => {
    const start = Date.parse('2026-11-19T00:00:00+08:00') - 3 * 3_600_000;
    const sim = new Simulation(42, 'Asia/Taipei', start, { survey: {} });
    const text = Buffer.from(sim.advanceTo(start + 51 * 3_600_000).map((e) => JSON.stringify(e) + '\n').join(''));
    expect(text.length).toBeGreaterThan(INFLATE_FREE_BYTES);
    const gz = gzipSync(text, { level: 9 });
    let out = 0;
    for await (const chunk of remaining(feedBody(request(gz, { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' })))) out += chunk.length;
    expect(out).toBe(text.length);
  }, 60_000);
});
