/**
 * PUT /calendar takes a 2 MiB JSON body, parsed by express.json in one JSON.parse. Probing a live
 * server, an analyst's body of 1,000,000 nested arrays (2 MB) held the event loop 1,152 ms
 * (health polled every 5 ms) before its 400 `days: 0: ... received array`; every other route
 * that reads that much outside JSON parses it a line or element at a time and refuses one nested
 * past 64 levels unparsed (ingest/json-depth.ts). Now the calendar's body is scanned the same way
 * before it is parsed: 400 `body: nested deeper than 64 levels`; a real calendar nests 3.
 */
import { describe, expect, it } from 'vitest';
import { serverWithTokens } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const server = serverWithTokens([{ token: ANALYST, name: 'acme-wfm', tenants: ['acme'], role: 'analyst' }]);

const put = (body: string) => fetch(`${server().base}/api/v1/calendar`, { method: 'PUT', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` } });

describe('PUT /calendar nesting', () => {
  it('refuses a body nested deeper than 64 levels before parsing it', async () => {
    for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), `{"days":[{"date":"2026-12-25","kind":"holiday","name":"${'n'.repeat(5000)}","extra":${'['.repeat(65)}${']'.repeat(65)}}]}`]) {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'body: nested deeper than 64 levels' });
    }
  });

  it('still takes a calendar, and 64 levels are parsed (and refused for their shape)', async () => {
    const ok = await put(JSON.stringify({ days: [{ date: '2026-12-25', kind: 'holiday', name: 'Christmas' }] }));
    expect(ok.status).toBe(200);
    // Short text is not scanned at all; a long body of 64 levels is scanned and parsed.
    const deep64 = `{"days":[{"date":"2026-12-25","kind":"holiday","name":"${'n'.repeat(5000)}","x":${'['.repeat(61)}${']'.repeat(61)}}]}`;
    const res = await put(deep64);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^days: /);
  });
});
