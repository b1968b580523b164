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
  const holder = emitter as unknown as { _events?: Record<string, unknown> } | null | undefined;
  const table = holder?._events;
  if (!holder || !table) return;
  const packed: Record<string, unknown> = {};
  for (const key of Object.keys(table)) packed[key] = table[key];
  holder._events = Object.setPrototypeOf(packed, null) as Record<string, unknown>;
}

/** ws's own objects under an Engine.IO WebSocket transport (private to both libraries, so all optional). */
interface WsParts {
  socket?: EventEmitter & { _socket?: EventEmitter; _receiver?: EventEmitter };
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
  const transport = conn.transport as (typeof conn.transport & WsParts) | undefined;
  const ws = transport?.socket;
  for (const emitter of [socket, conn, transport, ws, ws?._socket, ws?._receiver, req]) compactListeners(emitter);
}
