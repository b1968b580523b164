import type { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'socket.io';

/**
 * What a connected socket keeps for its whole life, made smaller once it is connected: with
 * thousands of screens per process, heap per socket is a published figure (docs/performance.md).
 * Nothing here changes what the socket does; it drops what was needed only to open it.
 */

/**
 * Re-packs an emitter's listener table. Node keeps it as a null-prototype object, which V8 holds
 * in dictionary mode (about 0.4 KB for six events); the same listeners in a fast-mode object with
 * no prototype take about a third of that. An event's list of listeners is copied too: a list
 * that ever held three grew room for 19 (0.15 KB), kept when listeners are taken off again.
 * Listeners added or removed later work as before.
 */
export function compactListeners(emitter: EventEmitter | null | undefined): void {
  const holder = emitter as unknown as { _events?: Record<string | symbol, unknown> } | null | undefined;
  const table = holder?._events;
  if (!holder || !table) return;
  const packed: Record<string | symbol, unknown> = {};
  // Symbol-named events too (errorMonitor, streams' own): Object.keys would drop them.
  for (const key of Reflect.ownKeys(table)) packed[key] = sized(table[key]);
  holder._events = Object.setPrototypeOf(packed, null) as Record<string | symbol, unknown>;
}

/** A copy of a list with room for what it holds (anything else as it is). */
function sized<T>(value: T): T {
  return Array.isArray(value) ? (value.slice() as T) : value;
}

/**
 * The same for a component-emitter (Socket.IO's packet decoder): it keeps each event's list of
 * listeners under '$' + event, grown to room for 17 at the first one (0.15 KB a connection).
 */
function compactCallbacks(emitter: unknown): void {
  const lists = (emitter as { _callbacks?: Record<string, unknown> } | null | undefined)?._callbacks;
  if (lists) for (const key of Object.keys(lists)) lists[key] = sized(lists[key]);
}

/** ws's own objects under an Engine.IO WebSocket transport (private to both libraries, so all optional). */
interface WsParts {
  socket?: EventEmitter;
}

/**
 * What Socket.IO still reads from a connection's opening request once it is open: a second
 * namespace on the same connection builds its handshake from it (headers, url, query, and
 * whether it came over TLS). Engine.IO keeps `conn.request` for the connection's life; this
 * takes the place of the `IncomingMessage` there (with its stream state, parser fields, raw
 * headers and listener table: about 0.7 KB), once `releaseUpgradeResponse` has let go of the
 * other reference to it.
 */
export class OpeningRequest {
  constructor(
    readonly headers: IncomingHttpHeaders,
    readonly url: string | undefined,
    readonly _query: unknown,
    readonly connection: { readonly encrypted: boolean },
  ) {}
}
const PLAIN = Object.freeze({ encrypted: false });
const TLS = Object.freeze({ encrypted: true });
/** Headers of an opening request that had none of those kept, and a handshake's `auth` once it was checked (shared, never written). */
const NONE: Record<string, never> = Object.freeze({});

/**
 * A Socket.IO socket's table of acknowledgements it waits for from its client (`socket.acks`:
 * Socket.IO reads it with get, set and delete), with the Map made at the first one. No
 * namespace here emits with an acknowledgement, and an empty Map is about 0.18 KB a socket.
 */
export class AcksOnDemand<K, V> {
  private map: Map<K, V> | null = null;
  get size(): number {
    return this.map?.size ?? 0;
  }
  get(key: K): V | undefined {
    return this.map?.get(key);
  }
  has(key: K): boolean {
    return this.map?.has(key) ?? false;
  }
  set(key: K, value: V): this {
    (this.map ??= new Map()).set(key, value);
    return this;
  }
  delete(key: K): boolean {
    return this.map?.delete(key) ?? false;
  }
  clear(): void {
    this.map?.clear();
  }
  forEach(f: (value: V, key: K, map: Map<K, V>) => void): void {
    this.map?.forEach(f);
  }
  entries(): IterableIterator<[K, V]> {
    return (this.map ?? new Map<K, V>()).entries();
  }
  keys(): IterableIterator<K> {
    return (this.map ?? new Map<K, V>()).keys();
  }
  values(): IterableIterator<V> {
    return (this.map ?? new Map<K, V>()).values();
  }
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

/** The request fields `OpeningRequest` is made from (an `IncomingMessage` with Engine.IO's `_query`). */
interface RequestLike {
  headers: IncomingHttpHeaders;
  url?: string;
  _query?: unknown;
  connection?: { encrypted?: boolean } | null;
  socket?: { encrypted?: boolean } | null;
}

/**
 * The opening request's headers still read once the connection is open: the cookie (a second
 * namespace on the same connection signs in from it) and X-Forwarded-For (a connection that
 * leaves every namespace is counted under its client's address again: pending-connections.ts).
 */
function keptHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const cookie = headers.cookie;
  const forwarded = headers['x-forwarded-for'];
  if (cookie === undefined && forwarded === undefined) return NONE;
  const kept: IncomingHttpHeaders = {};
  if (cookie !== undefined) kept.cookie = cookie;
  if (forwarded !== undefined) kept['x-forwarded-for'] = forwarded;
  return kept;
}

/**
 * Drops what a socket's opening request carried once its namespace let it in: the request itself
 * for an `OpeningRequest` with only the headers `keptHeaders` names, Socket.IO's handshake time
 * text, and the room of its own id. Listener tables are packed (`compactListeners`) and one-shot
 * wrappers that guard events emitted once are unwrapped (`unwrapOnce`).
 */
export function leanConnection(socket: Pick<Socket, 'conn' | 'handshake' | 'id' | 'leave'> & EventEmitter): void {
  const conn = socket.conn;
  // Socket.IO puts each socket in a room named by its id, for `to(socket.id)` and to leave the
  // sender out of its own broadcasts; nothing here sends either way (pushes go to scope rooms),
  // and that room is a Set and an entry of the namespace's rooms (about 0.2 KB) a socket.
  void socket.leave(socket.id);
  // Engine.IO types it as an IncomingMessage; from here on it is what OpeningRequest keeps.
  const opened = conn as unknown as { request: RequestLike | OpeningRequest | null | undefined };
  const req = opened.request;
  if (req && !(req instanceof OpeningRequest)) {
    opened.request = new OpeningRequest(keptHeaders(req.headers), req.url, req._query, (req.connection ?? req.socket)?.encrypted ? TLS : PLAIN);
  }
  if (opened.request) socket.handshake.headers = opened.request.headers;
  socket.handshake.time = '';
  // The namespace's middleware read the token (socket-auth.ts); nothing reads it afterwards.
  socket.handshake.auth = NONE;
  const own = socket as unknown as { acks?: unknown; client?: { decoder?: unknown } };
  if (own.acks instanceof Map && own.acks.size === 0) own.acks = new AcksOnDemand();
  // The engine socket emits 'close' once (its onClose checks its state): the server's listener that forgets it is wrapped for nothing.
  unwrapOnce(conn, 'close');
  // Packed once every 'connection' listener has run (they are called in one go): the
  // connection bounds add their 'disconnect' listeners and take their 'close' ones off there.
  queueMicrotask(() => {
    compactListeners(socket);
    compactListeners(conn);
    compactCallbacks(own.client?.decoder);
  });
  compactTransport(conn.transport);
  trimCleanups(conn);
  // A browser opens by polling and then upgrades: its WebSocket transport comes later.
  if (conn.transport?.name !== 'websocket')
    conn.once('upgrade', (transport: typeof conn.transport) => {
      compactTransport(transport);
      trimCleanups(conn);
    });
}

/**
 * The 'close' listeners `once` wraps on a TCP socket that only pass the close on to another
 * emitter (`() => this.emit("close")`, as Engine.IO's `WebSocketResponse` adds); Node's wrapper
 * carries the listener it wraps.
 */
const forwardingClose = (socket: EventEmitter): Function[] =>
  socket.rawListeners('close').filter((l) => {
    const wrapped = (l as { listener?: unknown }).listener;
    return typeof wrapped === 'function' && /^\(\)\s*=>\s*this\.emit\(["']close["']\)$/.test(wrapped.toString());
  });

/**
 * Runs Engine.IO's handling of a WebSocket upgrade on `socket`, then takes off the one-shot
 * 'close' listener it put on the TCP socket for its `WebSocketResponse` (a stand-in response
 * passed to Engine.IO middlewares: Socket.IO's only one here is its CORS check, which never
 * listens for the response's 'close'; one that did would need this gone). That listener held
 * the upgrade's `IncomingMessage` for the connection's life, so trimming or replacing
 * `conn.request` alone saved nothing. Only a listener that forwards the close and was added
 * by this upgrade is taken off; ws's own 'close' listener is a plain one and stays.
 */
export function releaseUpgradeResponse(socket: EventEmitter, upgrade: () => void): void {
  const before = forwardingClose(socket);
  upgrade();
  const added = forwardingClose(socket).filter((l) => !before.includes(l));
  if (added.length === 1) socket.removeListener('close', added[0] as (...args: unknown[]) => void);
}

/**
 * The Engine.IO socket's list of functions that take its listeners off its transport (one per
 * transport) grew to room for 17 at its first push: copied, it has room for what it holds.
 */
function trimCleanups(conn: object): void {
  const holder = conn as { cleanupFn?: unknown };
  if (Array.isArray(holder.cleanupFn)) holder.cleanupFn = holder.cleanupFn.slice();
}

/** ws's frame parser (private to ws, so all optional). */
interface WsReceiver {
  _buffers?: unknown[];
  _mask?: unknown;
}

/**
 * Runs after each message a ws socket gets (`this` is the socket: one function for every
 * socket). ws's parser keeps the last frame's mask, a 4-byte view that holds the whole network
 * read it came in (about 0.2 KB of heap), and its list of unread chunks keeps the room for 17
 * it grew to at the first chunk (0.15 KB) once they are all read. Neither is read again: ws
 * emits a message once its last frame is unmasked, and reads the next frame's mask before
 * unmasking it (with events deferred, it parses nothing more until it has emitted); an
 * emptied list grows again when data comes.
 */
export function trimReceiver(this: { _receiver?: WsReceiver }): void {
  const r = this._receiver;
  if (!r) return;
  r._mask = undefined;
  if (r._buffers?.length === 0) r._buffers.length = 0;
}

/**
 * Replaces `once` listeners of these events by the listeners they wrap. Node's wrapper is a
 * bound function with a property and a state object (about 0.15 KB each); only for events the
 * emitter emits at most once (a close), or whose listener is harmless to call again, so taking
 * it off after the first call changes nothing. `removeListener` with the listener still works.
 */
export function unwrapOnce(emitter: EventEmitter | null | undefined, ...types: string[]): void {
  const table = (emitter as unknown as { _events?: Record<string, unknown> } | null | undefined)?._events;
  if (!table) return;
  const unwrapped = (l: unknown) => (typeof (l as { listener?: unknown }).listener === 'function' ? (l as { listener: Function }).listener : l);
  for (const type of types) {
    const list = table[type];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) list[i] = unwrapped(list[i]);
    else if (typeof list === 'function') table[type] = unwrapped(list);
  }
}

/**
 * Takes off an Engine.IO WebSocket transport's listeners that have nothing left to do once the
 * connection is open, unwraps its one-shot ones and packs its tables, and ws's socket's.
 */
function compactTransport(transport: (EventEmitter & WsParts & { name?: string }) | undefined): void {
  if (!transport) return;
  const ws = transport.socket;
  if (transport.name === 'websocket') {
    // The handshake's 'headers' listener sets a polling response's headers; a WebSocket
    // transport never emits 'headers' (its response went out with the upgrade).
    transport.removeAllListeners('headers');
    // Engine.IO's error listener for before a connection is set up stays on for a socket that
    // opened as a WebSocket; the transport's own error listener is there for the rest.
    if (ws && ws.listenerCount('error') > 1) for (const l of ws.listeners('error')) if (l.name === 'onUpgradeError') ws.removeListener('error', l as (...args: unknown[]) => void);
  }
  // The transport's 'error' and 'close' lead to the Engine.IO socket's close (once: it checks
  // its state), which also takes these listeners off; ws emits 'close' once.
  unwrapOnce(transport, 'error', 'close');
  unwrapOnce(ws, 'close');
  // Not trimmed now: the parser may be inside a frame whose mask it has read.
  if (ws && !ws.listeners('message').includes(trimReceiver)) ws.on('message', trimReceiver);
  compactListeners(transport);
  compactListeners(ws);
}
