import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';

/**
 * What a connected socket keeps for its whole life, made smaller once it is connected: with
 * thousands of screens per process, heap per socket is a published figure (docs/performance.md).
 * Nothing here changes what the socket does; it drops what was needed only to open it.
 */

/**
 * Re-packs an emitter's listener table. Node keeps it as a null-prototype object, which V8 holds
 * in dictionary mode (about 0.4 KB for six events); the same listeners in a fast-mode object with
 * no prototype take about a third of that. Listeners added or removed later work as before.
 */
export function compactListeners(emitter: EventEmitter | null | undefined): void {
  const holder = emitter as unknown as { _events?: Record<string | symbol, unknown> } | null | undefined;
  const table = holder?._events;
  if (!holder || !table) return;
  const packed: Record<string | symbol, unknown> = {};
  // Symbol-named events too (errorMonitor, streams' own): Object.keys would drop them.
  for (const key of Reflect.ownKeys(table)) packed[key] = table[key];
  holder._events = Object.setPrototypeOf(packed, null) as Record<string | symbol, unknown>;
}

/** ws's own objects under an Engine.IO WebSocket transport (private to both libraries, so all optional). */
interface WsParts {
  socket?: EventEmitter;
}

/**
 * Drops what a socket's opening request carried once its namespace let it in (about 1.5 KB of
 * heap per screen with `compactListeners`): the request's headers but the cookie (a second
 * namespace on the same connection signs in from it), its raw headers, and Socket.IO's
 * handshake time text. Engine.IO keeps the request object itself for the connection's life.
 */
export function leanConnection(socket: Pick<Socket, 'conn' | 'handshake'> & EventEmitter): void {
  const conn = socket.conn;
  const req = conn.request as IncomingMessage | undefined;
  if (req) {
    const cookie = req.headers.cookie;
    req.headers = cookie === undefined ? {} : { cookie };
    req.rawHeaders = [];
    socket.handshake.headers = req.headers;
  }
  socket.handshake.time = '';
  compactListeners(socket);
  compactListeners(conn);
  compactTransport(conn.transport);
  // A browser opens by polling and then upgrades: its WebSocket transport comes later.
  if (conn.transport?.name !== 'websocket') conn.once('upgrade', (transport: typeof conn.transport) => compactTransport(transport));
}

/** Packs an Engine.IO transport's listener tables and, for a WebSocket, ws's socket's. */
function compactTransport(transport: (EventEmitter & WsParts) | undefined): void {
  compactListeners(transport);
  compactListeners(transport?.socket);
}
