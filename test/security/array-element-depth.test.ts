/**
 * A JSON-array body's elements nested deeper than 64 levels. NDJSON lines and /ingest socket
 * batches nested past 64 levels are refused unparsed (ingest/json-depth.ts), but a JSON array
 * was parsed a slice of whole elements at a time whatever their nesting: probing a live server,
 * POST /events with 76 elements of 65,000 nested arrays each (9.9 MB, each under the 131,072
 * characters an event may have) held health up to 287 ms, 17 samples over 50 ms, for a 200 that
 * accepted nothing. Now the array's scanner, which already counts the nesting, refuses the body
 * at the first element nested past 64 levels, naming it, before parsing its slice (an element that
 * is not valid JSON refuses the array whole too). Amazon Connect arrays keep their per-record
 * rejection at 32 levels (findings.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { serverWithTokens } from '../helpers/server.ts';

const INGEST = 'ingest-token-0123456789';
const server = serverWithTokens([{ token: INGEST, name: 'acme-feed', tenants: ['acme'], role: 'ingest' }]);

const ts = Date.parse('2026-11-20T09:30:00+08:00');
const login = (id: string, extra = '') => `{"id":"${id}","type":"agent.login","ts":${ts},"tenant":"acme","agentId":"a1"${extra}}`;
/** A field nesting `levels` arrays, so the event object around it nests levels + 1. */
const nested = (levels: number) => `,"x":${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('a JSON-array body with a deep element', () => {
  it('is refused naming the element, before it is parsed', async () => {
    const res = await server().post('/api/v1/events', `[${login('e0')},${login('e1', nested(64))},${login('e2')}]`, INGEST, 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'event 1: nested deeper than 64 levels' });
  });

  it('takes an element of 64 levels (the extra field is ignored)', async () => {
    const res = await server().post('/api/v1/events', `[${login('f0')},${login('f1', nested(63))}]`, INGEST, 'application/json');
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toBe(2);
  });
});
