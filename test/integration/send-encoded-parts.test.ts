/**
 * A schedule read's answer was encoded part by part, then joined into one Buffer and sent whole:
 * its text, its parts' bytes and the joined copy were all held at once (48 MB for a
 * 120,000-segment day), and the whole body then waited in the socket's buffers for a caller
 * reading slowly. Its parts are now sent in turn, each dropped once written, the next written
 * only when the socket has taken the one before, and each part's text is dropped as it is
 * encoded. What the caller gets must not change: the same bytes, Content-Type, Content-Length
 * and ETag as `res.send` of the joined body, the same 304 to a matching If-None-Match, and the
 * same headers without a body to HEAD.
 */
import type { AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodedPartsSteps, sendEncoded, sendEncodedParts, type EncodedParts } from '../../server/http/send-json-parts.ts';

/** Runs steps to their end: what they give. */
const runToEnd = <T>(steps: Generator<void, T>): T => {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
};

describe('the parts of a JSON answer, encoded', () => {
  it("drops each part's text once it is encoded, and gives the ETag Express gives the joined bytes", () => {
    const parts = ['{"a":[', '"é",', '"x"', ']}'];
    const text = parts.join('');
    const steps = encodedPartsSteps(parts);
    steps.next();
    // After one step only the first part is encoded (and its text gone).
    expect(parts).toEqual(['', '"é",', '"x"', ']}']);
    let r = steps.next();
    while (!r.done) r = steps.next();
    expect(parts).toEqual(['', '', '', '']);
    // 6 + 4 + 3 + 2 = 15 characters, 16 bytes: é is 2 in UTF-8.
    expect(r.value.bytes).toBe(16);
    expect(Buffer.concat(r.value.parts).toString('utf8')).toBe(text);
    // Express's own ETag function of the app's default setting (weak), given the joined bytes.
    const expressEtag = express().get('etag fn') as (body: Buffer) => string;
    expect(r.value.etag).toBe(expressEtag(Buffer.from(text, 'utf8')));
  });
});

describe('an answer sent a part at a time', () => {
  // 24 parts of 1 MB of JSON: more than the loopback sockets take from a caller reading nothing.
  const PARTS = 24;
  const part = (i: number) => `${i === 0 ? '[' : ','}"${String(i % 10).repeat(1_000_000 - 4)}"${i === PARTS - 1 ? ']' : ''}`;
  const text = Array.from({ length: PARTS }, (_, i) => part(i)).join('');
  let server: Server;
  let base = '';
  let sent: EncodedParts | null = null;
  beforeAll(async () => {
    const app = express();
    app.get('/parts', (_req, res) => {
      sent = runToEnd(encodedPartsSteps(Array.from({ length: PARTS }, (_, i) => part(i))));
      void sendEncodedParts(res, sent);
    });
    // What the app answered before: the joined body, by res.send.
    app.get('/whole', (_req, res) => {
      const { parts, bytes, etag } = runToEnd(encodedPartsSteps(Array.from({ length: PARTS }, (_, i) => part(i))));
      sendEncoded(res, { body: Buffer.concat(parts, bytes), etag });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const answer = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, init);
    const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date'));
    return { status: res.status, headers, body: await res.text() };
  };

  it('answers GET, HEAD and a matching If-None-Match as res.send answers the joined body', async () => {
    const whole = await answer('/whole');
    expect(whole.body).toBe(text);
    expect(whole.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    expect(await answer('/parts')).toEqual(whole);
    expect(await answer('/parts', { method: 'HEAD' })).toEqual(await answer('/whole', { method: 'HEAD' }));
    // A Cache-Control of our own: fetch adds `no-cache` to an If-None-Match, which forbids a 304.
    const fresh = { headers: { 'if-none-match': whole.headers.etag, 'cache-control': 'max-age=0' } };
    const notModified = await answer('/parts', fresh);
    expect(notModified).toEqual(await answer('/whole', fresh));
    expect(notModified).toMatchObject({ status: 304, body: '' });
  });

  it('writes a part only once the socket has taken the one before, dropping each once written', async () => {
    sent = null;
    const { res, req } = await new Promise<{ res: import('node:http').IncomingMessage; req: import('node:http').ClientRequest }>((resolve, reject) => {
      const req = request(`${base}/parts`, (res) => resolve({ res, req }));
      req.on('error', reject).end();
    });
    // The caller reads nothing: some parts are written (and dropped), the rest wait unwritten.
    await new Promise((r) => setTimeout(r, 300));
    const unwritten = () => sent!.parts.filter((p) => p.length > 0).length;
    const waiting = unwritten();
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThan(PARTS);
    const chunks: Buffer[] = [];
    res.on('data', (b: Buffer) => chunks.push(b));
    await new Promise((r) => res.on('end', r));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    expect(unwritten()).toBe(0);
    req.destroy();
  });
});
