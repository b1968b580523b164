import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

/** Sends a request over `agent`; `body` (if any) may be an async source. Resolves with the status, or 0 when the connection failed. */
function send(agent: Agent, url: string, body?: () => AsyncIterable<string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: body ? 'POST' : 'GET', headers: body ? { 'content-type': 'application/x-ndjson' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    if (!body) return void req.end();
    void (async () => {
      for await (const chunk of body()) req.write(chunk);
      req.end();
    })();
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('closing the server', () => {
  it('finishes promptly while a screen keeps polling over a connection that was busy when the close began', async () => {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const poll = `${server.base}/socket.io/?EIO=4&transport=polling`;

    // A post is in flight on the screen's only connection when the close begins (its body is still arriving)...
    let closing!: () => void;
    const closeBegan = new Promise<void>((r) => (closing = r));
    const posted = send(agent, `${server.base}/api/v1/events`, async function* () {
      yield '{"type":"agent.state"';
      await closeBegan;
      yield ',"bad":true}\n';
    });
    await sleep(100);
    const t0 = Date.now();
    const closed = server.stop().then(() => Date.now() - t0);
    closing();
    const postStatus = await posted;

    // ...then the page, disconnected, opens a new Engine.IO session every 100 ms on the same kept-alive connection, for up to 12 s.
    let done = false;
    void closed.then(() => (done = true));
    const handshakes: number[] = [];
    for (const end = Date.now() + 12_000; !done && Date.now() < end; await sleep(100)) handshakes.push(await send(agent, poll));
    const ms = await closed;
    agent.destroy();
    console.log(`close finished ${ms} ms after it began; the screen's handshakes meanwhile: ${handshakes.join(' ')}`);
    expect(postStatus).toBe(200); // the post in flight was answered (its one line refused in the body) before the connection went
    // Before the fix each handshake kept the connection busy and the close waited for the screen to give up (12 s).
    expect(ms).toBeLessThan(5000);
    // The listener is gone: a new connection is refused.
    expect(await send(new Agent(), poll)).toBe(0);
  }, 30_000);
});
