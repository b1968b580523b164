import type { Server } from 'socket.io';
import { quickClosing } from './quick-close.ts';

/**
 * How long (ms) a WebSocket the server closes waits for the client's answer to its close frame
 * before its TCP socket is destroyed; ws's own default is 30 s. 0: at the next turn of the
 * timers, after the close frame was handed to the socket.
 */
const CLOSE_WAIT_MS = 0;

/** Engine.IO's ws server (private to Engine.IO): ws makes each WebSocket with these options. */
interface WsServer {
  options?: { closeTimeout?: number; WebSocket?: new (...args: never[]) => object };
}
/** A ws server class as Engine.IO makes one (its `wsEngine`): options, then an optional callback. */
type WsServerClass = new (options: Record<string, unknown>, callback?: () => void) => WsServer;

/**
 * Makes every WebSocket the server closes let go of its TCP socket at once (`CLOSE_WAIT_MS`),
 * those of failed upgrades from polling included. ws held a closed one up to 30 s for the
 * client's answer: a client that never answered kept the descriptor that long after the
 * per-sign-in cap and the pending bound had let it go. So a sign-in that joined and broke the
 * protocol over and over held descriptors at its rate times 30 s (300 with a cap of 10, in
 * 2.4 s), and an anonymous client with one pending polling connection held one for each
 * upgrade it began and spoilt (298 in 3.6 s, one of them counted). The server has nothing left
 * to say on a connection it closed: its last packets and the close frame go first, and a client
 * too slow to take them reconnects as after any broken link.
 * Its WebSockets are also `quickClosing` ones: a connection the client ends costs a write and a
 * close, no errors built and thrown away.
 */
export function closeAtOnce(io: Server): void {
  const engine = io.engine as unknown as { ws?: WsServer; opts: { wsEngine?: unknown } };
  const made = engine.ws;
  if (!made?.options) throw new Error('Engine.IO has no ws server to set closeTimeout on (closeAtOnce)');
  if (!made.options.WebSocket) throw new Error("Engine.IO's ws server names no WebSocket class to extend (closeAtOnce)");
  const WebSocket = quickClosing(made.options.WebSocket);
  made.options.closeTimeout = CLOSE_WAIT_MS;
  made.options.WebSocket = WebSocket;
  // Engine.IO makes its ws server again, from this class, each time the HTTP server starts listening.
  const Made = made.constructor as WsServerClass;
  engine.opts.wsEngine = class extends Made {
    constructor(options: Record<string, unknown>, callback?: () => void) {
      super({ ...options, closeTimeout: CLOSE_WAIT_MS, WebSocket }, callback);
    }
  };
}
