import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../server/notify/webhook.ts';

// A local receiver: /slow holds each request until released, /fail answers 500, /ok answers 204.
let server: Server;
let base = '';
const received: { path: string; body: unknown; type: string | undefined }[] = [];
let inFlight = 0;
let maxInFlight = 0;
const held: (() => void)[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    received.push({ path: req.url ?? '', body: JSON.parse(body), type: req.headers['content-type'] });
    if (req.url === '/fail') return res.writeHead(500).end('no');
    if (req.url === '/ok') return res.writeHead(204).end();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    held.push(() => {
      inFlight--;
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const release of held.splice(0)) release();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('webhook sender', () => {
  it('posts JSON and reports the status', async () => {
    const w = new WebhookSender({ url: `${base}/ok` });
    expect(await w.send({ text: 'hello', n: 1 })).toEqual({ ok: true, status: 204 });
    const last = received.at(-1)!;
    expect(last).toEqual({ path: '/ok', body: { text: 'hello', n: 1 }, type: 'application/json' });
  });

  it('reports a refusal by the receiver as a failure with its status', async () => {
    const w = new WebhookSender({ url: `${base}/fail` });
    expect(await w.send({ a: 1 })).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
    expect(w.stats()).toMatchObject({ sent: 0, failed: 1 });
  });

  it('never has more than `concurrency` posts in flight', async () => {
    maxInFlight = 0;
    const w = new WebhookSender({ url: `${base}/slow`, concurrency: 2, timeoutMs: 10_000 });
    const results = Array.from({ length: 5 }, (_, i) => w.send({ i }));
    await until(() => inFlight === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(inFlight).toBe(2);
    expect(w.stats()).toMatchObject({ inFlight: 2, pending: 3 });
    // Release one at a time: each release lets exactly one more in.
    while ((await Promise.race([w.flush().then(() => true), new Promise((r) => setTimeout(() => r(false), 20))])) === false) {
      held.shift()?.();
    }
    expect(maxInFlight).toBe(2);
    expect((await Promise.all(results)).every((r) => r.ok)).toBe(true);
    expect(w.stats()).toMatchObject({ sent: 5, inFlight: 0, pending: 0 });
  });

  it('gives up on a receiver slower than the timeout', async () => {
    const w = new WebhookSender({ url: `${base}/slow`, timeoutMs: 100 });
    expect(await w.send({ late: true })).toEqual({ ok: false, error: 'timeout after 100 ms' });
    for (const release of held.splice(0)) release();
  });

  it('drops the oldest waiting post beyond maxPending', async () => {
    const w = new WebhookSender({ url: `${base}/slow`, concurrency: 1, maxPending: 1, timeoutMs: 10_000 });
    const first = w.send({ k: 1 }); // in flight
    const second = w.send({ k: 2 }); // waiting
    const third = w.send({ k: 3 }); // waiting: pushes the second out
    expect(await second).toEqual({ ok: false, error: 'dropped: too many posts waiting' });
    await until(() => held.length === 1);
    held.shift()!();
    await until(() => held.length === 1);
    held.shift()!();
    expect(await first).toMatchObject({ ok: true });
    expect(await third).toMatchObject({ ok: true });
    expect(w.stats()).toMatchObject({ sent: 2, dropped: 1 });
  });

  it('refuses a URL that is not http', () => {
    expect(() => new WebhookSender({ url: 'ftp://example.com/x' })).toThrow('url: must be http or https, got "ftp://example.com/x"');
  });
});
