/**
 * A socket packet nested deeper than MAX_JSON_DEPTH (64) levels is refused before it is parsed
 * (server/realtime/socket-parser.ts, DepthCheckedDecoder): its connection is closed, the packet
 * is never answered, and the server and every other socket go on as before. A packet of exactly
 * 64 levels and the same length is parsed and answered, so the limit is the one documented.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../server/ingest/json-depth.ts';
import { startServer } from '../helpers/server.ts';

const VIEWER = 'depth-viewer-0123456789';
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: VIEWER, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' }]) });
});
afterAll(() => server.stop());

/**
 * A value whose JSON nests `levels` arrays deep, a 5,000-character string at the bottom: text
 * under 4,096 characters is never scanned (json-depth.ts SCAN_FROM), so the padding makes the
 * depth alone decide.
 */
function nested(levels: number): unknown {
  let v: unknown = 'x'.repeat(5000);
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

/** A connected socket of the viewer (refused or closed first: rejects with the reason). */
async function open(auth: Record<string, unknown> = { token: VIEWER }): Promise<Socket> {
  const s = connect(server.base, { auth, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
    // A connection closed under its CONNECT packet never hears connect_error: its manager closes.
    s.io.once('close', (reason) => reject(new Error(reason)));
  });
  return s;
}

/** The socket's answer to `subscribe` with `payload`, or how it ended if it was cut first (within 3 s). */
function answerOrCut(s: Socket, payload: unknown): Promise<{ answer?: unknown; cut?: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ cut: 'no answer within 3 s' }), 3000);
    s.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ cut: reason });
    });
    s.emit('subscribe', payload as never, (answer: unknown) => {
      clearTimeout(timer);
      resolve({ answer });
    });
  });
}

const health = async () => (await fetch(`${server.base}/api/v1/health`)).status;

describe('socket packets nested too deep', () => {
  it(`closes the connection of a packet nested ${MAX_JSON_DEPTH + 1} levels, answers one of ${MAX_JSON_DEPTH}, and other sockets work on`, async () => {
    const bystander = await open();
    const before = await bystander.emitWithAck('subscribe', {});
    expect(before.ok).toBe(true);

    // The event's packet is ["subscribe", payload]: its array is one level more than the payload's.
    const atLimit = await open();
    const limitAnswer = await answerOrCut(atLimit, nested(MAX_JSON_DEPTH - 1));
    // Parsed and answered: the schema refuses the nonsense, the connection stays.
    expect(limitAnswer.cut).toBeUndefined();
    expect(limitAnswer.answer).toMatchObject({ ok: false });
    expect(atLimit.connected).toBe(true);
    atLimit.disconnect();

    const deep = await open();
    const deepAnswer = await answerOrCut(deep, nested(MAX_JSON_DEPTH));
    // Socket.IO closes a connection whose packet its decoder refuses: the client hears the transport go.
    expect(deepAnswer).toEqual({ cut: 'transport close' });
    expect(deep.connected).toBe(false);

    expect(await health()).toBe(200);
    expect(bystander.connected).toBe(true);
    const after = await bystander.emitWithAck('subscribe', {});
    expect(after.ok).toBe(true);
    const fresh = await open();
    expect((await fresh.emitWithAck('subscribe', {})).ok).toBe(true);
    for (const s of [bystander, fresh]) s.disconnect();
  });

  it(`refuses a connection whose CONNECT packet (its auth, before any sign-in) nests ${MAX_JSON_DEPTH + 1} levels`, async () => {
    // The CONNECT packet's data is the auth object: { token, pad } is one level more than pad.
    await expect(open({ token: VIEWER, pad: nested(MAX_JSON_DEPTH) })).rejects.toThrow('transport close');
    const fine = await open({ token: VIEWER, pad: nested(MAX_JSON_DEPTH - 1) });
    expect(fine.connected).toBe(true);
    fine.disconnect();
    expect(await health()).toBe(200);
  });
});
