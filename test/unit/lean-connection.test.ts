import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { describe, expect, it } from 'vitest';
import { DepthCheckedDecoder } from '../../server/realtime/socket-parser.ts';
import { AcksOnDemand, compactListeners, leanConnection, releaseUpgradeResponse, trimReceiver, unwrapOnce } from '../../server/realtime/lean-connection.ts';

describe('compactListeners', () => {
  it('keeps every listener, in order, with once and removal working as before', () => {
    const e = new EventEmitter();
    const heard: string[] = [];
    const a = (x: number) => heard.push(`a${x}`);
    const b = (x: number) => heard.push(`b${x}`);
    e.on('data', a);
    e.on('data', b);
    e.once('close', () => heard.push('closed'));
    e.on('error', () => heard.push('error'));
    const before = (e as unknown as { _events: object })._events;
    compactListeners(e);
    const after = (e as unknown as { _events: object })._events;
    expect(after).not.toBe(before);
    expect(Object.getPrototypeOf(after)).toBeNull();
    expect(e.eventNames()).toEqual(['data', 'close', 'error']);
    expect([e.listenerCount('data'), e.listenerCount('close'), e.listenerCount('nothing')]).toEqual([2, 1, 0]);
    e.emit('data', 1);
    e.emit('close');
    e.emit('close');
    e.off('data', a);
    e.emit('data', 2);
    e.on('drain', () => heard.push('drain'));
    e.emit('drain');
    e.emit('error', new Error('x'));
    expect(heard).toEqual(['a1', 'b1', 'closed', 'b2', 'drain', 'error']);
    // A table whose keys look like Object.prototype's are still just event names.
    e.on('toString', () => heard.push('toString'));
    compactListeners(e);
    e.emit('toString');
    expect(heard.at(-1)).toBe('toString');
    expect(e.listenerCount('hasOwnProperty')).toBe(0);
  });

  it('keeps listeners of symbol-named events, such as errorMonitor', () => {
    const e = new EventEmitter();
    const seen: string[] = [];
    e.on(EventEmitter.errorMonitor, (err: Error) => seen.push(`monitor ${err.message}`));
    e.on('error', (err: Error) => seen.push(`error ${err.message}`));
    compactListeners(e);
    e.emit('error', new Error('x'));
    expect(seen).toEqual(['monitor x', 'error x']);
  });

  it("copies each event's list of listeners, so a list that once held more keeps room for what it holds", () => {
    const e = new EventEmitter();
    const heard: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => () => heard.push(name));
    e.on('disconnect', a).on('disconnect', b).on('disconnect', c).off('disconnect', b);
    const list = (e as unknown as { _events: { disconnect: unknown[] } })._events.disconnect;
    compactListeners(e);
    const copied = (e as unknown as { _events: { disconnect: unknown[] } })._events.disconnect;
    expect(copied).not.toBe(list);
    expect(copied).toEqual([a, c]);
    e.emit('disconnect');
    expect(heard).toEqual(['a', 'c']);
  });

  it('leaves an emitter with no table, or none at all, alone', () => {
    expect(() => compactListeners(null)).not.toThrow();
    expect(() => compactListeners(undefined)).not.toThrow();
    const bare = Object.create(EventEmitter.prototype) as EventEmitter;
    compactListeners(bare);
    expect((bare as unknown as { _events?: object })._events).toBeUndefined();
  });
});

describe('leanConnection', () => {
  /** An emitter with a listener table that is not yet packed, and a listener on `data`. */
  const emitterWith = (heard: string[], name: string) => {
    const e = new EventEmitter();
    e.on('data', () => heard.push(name));
    return e as EventEmitter & { _events: object };
  };

  it("packs the socket's, the connection's and the decoder's lists after every 'connection' listener of the turn has run", async () => {
    const heard: string[] = [];
    const conn = Object.assign(emitterWith(heard, 'conn'), { request: null, transport: undefined });
    const decoder = new DepthCheckedDecoder();
    decoder.on('decoded', () => heard.push('decoded'));
    const socket = Object.assign(emitterWith(heard, 'socket'), { conn, handshake: { headers: {}, time: '' }, client: { decoder }, id: 's1', leave: () => undefined });
    leanConnection(socket as unknown as Parameters<typeof leanConnection>[0]);
    // As the connection bounds do in their own 'connection' listeners, after the hub's.
    for (const name of ['left 1', 'left 2', 'left 3']) socket.on('disconnect', () => heard.push(name));
    const lists = () => [(socket as unknown as { _events: { disconnect: unknown } })._events.disconnect, (decoder as unknown as { _callbacks: { $decoded: unknown } })._callbacks.$decoded];
    const before = lists();
    await Promise.resolve();
    const after = lists();
    expect(after.map((l, i) => l !== before[i])).toEqual([true, true]);
    expect(after).toEqual(before);
    socket.emit('disconnect');
    decoder.add('2["hello"]');
    expect(heard).toEqual(['left 1', 'left 2', 'left 3', 'decoded']);
  });

  it('packs the WebSocket transport a polling connection upgrades to, when it upgrades', () => {
    const heard: string[] = [];
    const conn = Object.assign(emitterWith(heard, 'conn'), { request: null, transport: Object.assign(emitterWith(heard, 'polling'), { name: 'polling' }) });
    const socket = Object.assign(emitterWith(heard, 'socket'), { conn, handshake: { headers: {}, time: 'Mon Nov 30 2026' }, id: 's1', leave: () => undefined });
    leanConnection(socket as unknown as Parameters<typeof leanConnection>[0]);
    expect(socket.handshake.time).toBe('');
    const ws = emitterWith(heard, 'ws');
    const upgraded = Object.assign(emitterWith(heard, 'transport'), { name: 'websocket', socket: ws });
    const tables = [upgraded._events, ws._events];
    conn.emit('upgrade', upgraded);
    expect([upgraded._events, ws._events].map((t, i) => t !== tables[i])).toEqual([true, true]);
    for (const e of [socket, conn, upgraded, ws]) e.emit('data');
    expect(heard).toEqual(['socket', 'conn', 'transport', 'ws']);
  });
});

describe('unwrapOnce', () => {
  it('calls the listener as before, can still take it off by the listener, and leaves other events alone', () => {
    const e = new EventEmitter();
    const heard: string[] = [];
    const close = () => heard.push('close');
    e.once('close', close);
    e.on('close', () => heard.push('close 2'));
    e.once('error', () => heard.push('error'));
    e.once('drain', () => heard.push('drain'));
    unwrapOnce(e, 'close', 'error', 'missing');
    expect(e.rawListeners('close')[0]).toBe(close);
    expect(e.rawListeners('error').every((l) => !('listener' in l))).toBe(true);
    expect('listener' in e.rawListeners('drain')[0]).toBe(true);
    e.emit('close');
    e.emit('error', new Error('x'));
    e.emit('drain');
    e.emit('drain');
    e.removeListener('close', close);
    e.emit('close');
    expect(heard).toEqual(['close', 'close 2', 'error', 'drain', 'close 2']);
    expect(() => unwrapOnce(null, 'close')).not.toThrow();
  });
});

describe('AcksOnDemand', () => {
  it('answers as an empty Map until the first entry, then as a Map', () => {
    const acks = new AcksOnDemand<number, string>();
    expect([acks.size, acks.get(1), acks.has(1), acks.delete(1), [...acks]]).toEqual([0, undefined, false, false, []]);
    acks.clear();
    expect(acks.set(1, 'a').set(2, 'b')).toBe(acks);
    expect([acks.size, acks.get(1), acks.has(2), [...acks.keys()], [...acks.values()], [...acks.entries()]]).toEqual([2, 'a', true, [1, 2], ['a', 'b'], [[1, 'a'], [2, 'b']]]);
    const seen: string[] = [];
    acks.forEach((v, k) => seen.push(`${k}${v}`));
    expect([acks.delete(1), acks.delete(1), acks.size, seen]).toEqual([true, false, 1, ['1a', '2b']]);
    acks.clear();
    expect([acks.size, [...acks]]).toEqual([0, []]);
  });
});

describe('releaseUpgradeResponse', () => {
  it("takes off the one-shot 'close' listener the upgrade added, and no other", () => {
    const socket = new EventEmitter();
    const heard: string[] = [];
    // As Engine.IO's WebSocketResponse does: the TCP socket's close passed on to the response.
    class Response extends EventEmitter {
      constructor(tcp: EventEmitter) {
        super();
        tcp.once('close', () => this.emit('close'));
      }
    }
    socket.once('close', () => heard.push('earlier once'));
    releaseUpgradeResponse(socket, () => {
      new Response(socket).on('close', () => heard.push('response'));
      socket.once('close', () => heard.push('another once'));
      socket.on('close', () => heard.push('ws'));
    });
    socket.emit('close');
    // Only the forwarding one the upgrade added is gone; a one-shot listener that does something else stays.
    expect(heard).toEqual(['earlier once', 'another once', 'ws']);
  });

  it('takes off nothing when the upgrade added none, or more than one (not the case it knows)', () => {
    const heard: string[] = [];
    const none = new EventEmitter();
    releaseUpgradeResponse(none, () => none.on('close', () => heard.push('plain')));
    none.emit('close');
    const two = new EventEmitter();
    releaseUpgradeResponse(two, () => {
      two.once('close', () => heard.push('a'));
      two.once('close', () => heard.push('b'));
    });
    two.emit('close');
    expect(heard).toEqual(['plain', 'a', 'b']);
  });
});

describe('trimReceiver', () => {
  it('leaves ws reading every message whole, however the frames are cut across reads', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    const got: string[] = [];
    const masks: unknown[] = [];
    let done: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    server.on('connection', (ws) => {
      ws.on('message', (data) => got.push(String(data)));
      ws.on('message', trimReceiver as () => void);
      ws.on('message', () => {
        masks.push((ws as unknown as { _receiver: { _mask?: unknown } })._receiver._mask);
        if (got.length === 5) done();
      });
    });
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await once(client, 'open');
    /** A client frame (masked, as RFC 6455 has clients send). */
    const frame = (text: string, fin = true, opcode = 1) => {
      const payload = Buffer.from(text);
      const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
      const n = payload.length;
      const head = n < 126 ? Buffer.from([0, 0x80 | n]) : n < 65536 ? Buffer.from([0, 0x80 | 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0, 0x80 | 127]), Buffer.alloc(8)]);
      if (n >= 65536) head.writeUInt32BE(n, 6);
      head[0] = (fin ? 0x80 : 0) | opcode;
      return Buffer.concat([head, mask, payload.map((b, i) => b ^ mask[i % 4])]);
    };
    // Two messages in one read, then one cut inside its mask, then a message in two fragments cut mid-frame, then a long one.
    const bytes = Buffer.concat([frame('one'), frame('two'), frame('three'), frame('fo', false), frame('ur', true, 0), frame('x'.repeat(70_000))]);
    const tcp = (client as unknown as { _socket: { write(b: Buffer): void } })._socket;
    const cuts = [0, 16, 20, 30, 35, 200, bytes.length];
    for (let i = 1; i < cuts.length; i++) {
      tcp.write(bytes.subarray(cuts[i - 1], cuts[i]));
      await new Promise((r) => setTimeout(r, 5));
    }
    await all;
    expect(got.slice(0, 4)).toEqual(['one', 'two', 'three', 'four']);
    expect(got[4]).toBe('x'.repeat(70_000));
    expect(masks).toEqual([undefined, undefined, undefined, undefined, undefined]);
    client.terminate();
    server.close();
  });
});

describe('the room of a socket\'s own id, which connected sockets leave', () => {
  it('is used nowhere in the server: no broadcast from a socket, no message to or except a socket id', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../server/', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    // Each of these addresses a socket by its own-id room (socket.broadcast leaves the sender out by it).
    const uses = /\.broadcast\b|\.(?:to|in|except)\(\s*[\w.]*\.id\s*\)/;
    const found = files.filter((f) => uses.test(readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
