import type { Server as HttpServer } from 'node:http';
import type { Server as IoServer } from 'socket.io';

/** How often kept-alive connections with no request in flight are cut while closing (ms). */
const IDLE_SWEEP_MS = 50;
/** Requests still in flight this long after the close began are cut (ms), well inside index.ts's 10 s exit deadline. */
const IN_FLIGHT_GRACE_MS = 3000;

/**
 * Closes Socket.IO, Engine.IO and the listener, and resolves once every connection is gone.
 * Node's `close` cuts idle kept-alive connections only once, when it is called; a page that
 * keeps polling (Engine.IO's long-polling handshake, retried every second by a wallboard or
 * TV) starts a new request on the same connection each time, so the close never finished and
 * the store's final flush never ran. Idle connections are cut as they appear, and whatever is
 * still in flight after the grace is cut too.
 */
export async function closeServer(io: IoServer, http: HttpServer): Promise<void> {
  // Socket.IO closes the HTTP server it is attached to as well (the listener stops at once).
  await whileClosing(http, () => io.close());
}

/** Closes a listener with no Socket.IO attached (the ops port) the same way; one not listening is already closed. */
export async function closeListener(http: HttpServer): Promise<void> {
  if (!http.listening) return;
  await whileClosing(http, () => new Promise<void>((resolve, reject) => http.close((e) => (e ? reject(e) : resolve()))));
}

/** Runs `close`, cutting idle connections as they appear and all of them after the grace. */
async function whileClosing(http: HttpServer, close: () => Promise<void>): Promise<void> {
  const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => http.closeAllConnections(), IN_FLIGHT_GRACE_MS);
  try {
    await close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
