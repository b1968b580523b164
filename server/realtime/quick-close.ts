import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { loopSlicedWork } from './sliced.ts';

/** ws's readyState values. */
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** The parts of ws's WebSocket (private to ws) a quick close reads and sets. */
interface WsInternals {
  readonly readyState: number;
  _readyState: number;
  _socket: Socket | null;
  _sender: { close(code: number | undefined, data: unknown, mask: boolean, cb: () => void): void; sendFrame: SendFrame } | null;
  _receiver: Writable & { end: Writable['end'] };
  _closeFrameReceived: boolean;
  _closeFrameSent: boolean;
  _closeTimeout: number;
  _closeTimer: NodeJS.Timeout | null;
  setSocket(...args: unknown[]): void;
  send(data: unknown, options?: unknown, cb?: unknown): void;
  close(code?: number, data?: string | Buffer): void;
  emitClose(): void;
}
type SendFrame = (this: { _socket: Socket }, list: Buffer[], cb?: (err?: Error) => void) => void;

/**
 * Answers a send to a WebSocket that is closing: the frame is dropped and the sender called
 * back without an error, as the WebSocket's `close` event follows and tells Engine.IO. ws and
 * Node built an error for each (ERR_STREAM_WRITE_AFTER_END, or "WebSocket is not open"), whose
 * stack Engine.IO read (with the source maps tsx turns on, about 70 us each), and Engine.IO
 * closed the connection as a "transport error" though the client had closed it.
 */
function dropped(cb: unknown): void {
  if (typeof cb === 'function') process.nextTick(cb as () => void);
}

/** A ws Sender's sendFrame that drops the frame when its TCP socket can no longer write. */
function sendFrameWhileWritable(this: { _socket: Socket }, list: Buffer[], cb?: (err?: Error) => void): void {
  if (this._socket.writable) senderSendFrame!.call(this, list, cb);
  else dropped(cb);
}
let senderSendFrame: SendFrame | null = null;

/** A ws Receiver's end that does nothing when it has ended already, where Node built an error (ERR_STREAM_ALREADY_FINISHED) and threw it away. */
function endOnce(this: Writable, ...args: unknown[]): Writable {
  if (this.writableEnded && args.length === 0) return this;
  return (Object.getPrototypeOf(this) as { end(...a: unknown[]): Writable }).end.apply(this, args);
}

function destroySocket(socket: Socket): void {
  socket.destroy();
}

/**
 * The clients' close frames are answered, and their sockets let go of, at most
 * ANSWER_BUDGET_MS of answers a turn: each answer's socket then closes in the same turn and
 * Engine.IO, Socket.IO and the hub forget its connection (about 0.1 ms a screen in all), so a
 * storm's 1,000 closes read in one turn were otherwise all handled before the next request.
 */
const ANSWER_BUDGET_MS = 2;
const answering = loopSlicedWork(ANSWER_BUDGET_MS, () => {
  // answerClose does not throw: a failed answer destroys its socket.
});
let answers = 0;

/** A class of ws's WebSocket (a constructor taking ws's arguments). */
type WsClass = new (...args: never[]) => object;

/**
 * Extends ws's WebSocket class (`Base`) so a connection the client ends costs the server a
 * write and a close, no more; a reconnect storm drops 1,000 at once, within a few turns of the
 * loop (docs/performance.md, "WebSocket drops").
 * - The client's close frame is answered with the server's, and the TCP socket is destroyed as
 *   soon as that frame is in the kernel, where ws ended the socket (a shutdown) and destroyed it
 *   at the next turn of the timers (`closeTimeout` 0), and then ended it again when the client's
 *   FIN came (an error built and dropped). The answers go a slice a turn (`answering`).
 * - A close of a connection whose TCP socket can no longer write (the client reset or ended it,
 *   or the handshake is done) destroys it (when nothing is left to flush), where ws ended it
 *   again (an error built and dropped) or wrote a close frame to a closed socket.
 * - A frame sent to a connection that is closing is dropped (`dropped`): Socket.IO's broadcasts
 *   write pre-encoded frames straight to ws's Sender, so a push between the client's close and
 *   the WebSocket's `close` event wrote to an ended socket, and Node built an error each time
 *   (ERR_STREAM_WRITE_AFTER_END), whose stack Engine.IO read.
 * A close the server begins (a timeout, a protocol error, a revoked display) is ws's own: its
 * last packets and close frame go out, then `closeTimeout`.
 */
export function quickClosing<T extends WsClass>(Base: T): T {
  return class QuickClose extends (Base as unknown as new (...args: unknown[]) => WsInternals) {
    override setSocket(...args: unknown[]): void {
      super.setSocket(...args);
      const sender = this._sender!;
      senderSendFrame ??= (Object.getPrototypeOf(sender) as { sendFrame: SendFrame }).sendFrame;
      sender.sendFrame = sendFrameWhileWritable;
      this._receiver.end = endOnce as Writable['end'];
    }

    override send(data: unknown, options?: unknown, cb?: unknown): void {
      if (this.readyState === CLOSING || this.readyState === CLOSED) dropped(typeof options === 'function' ? options : cb);
      else super.send(data, options, cb);
    }

    override close(code?: number, data?: string | Buffer): void {
      const socket = this._socket;
      const state = this.readyState;
      if (socket === null || (state !== OPEN && state !== CLOSING)) return super.close(code, data);
      if (!socket.writable) {
        // Nothing more can go out: the socket's close is the WebSocket's.
        this._readyState = CLOSING;
        this.letGo(socket);
        return;
      }
      // The server's own close (ws sends its last packets and the close frame), or one under way.
      if (state === CLOSING || !this._closeFrameReceived) return super.close(code, data);
      // The client's: answered a slice of them a turn (`answering`), its frames dropped meanwhile.
      this._readyState = CLOSING;
      answering.add(String(++answers), () => this.answerClose(code, data));
    }

    /**
     * Tells Engine.IO the connection closed (ws's `close` event), a slice of them a turn: its
     * TCP socket is already gone, and Engine.IO, Socket.IO and the hub forgetting 1,000 resets
     * read in one turn otherwise held that turn. Frames meanwhile are dropped.
     */
    override emitClose(): void {
      if (this._socket === null) return super.emitClose();
      answering.add(String(++answers), () => super.emitClose());
    }

    /**
     * Destroys a socket that can no longer write: now when nothing is left to flush, else after
     * `_closeTimeout` (ms), as ws bounds its own wait, so a peer that reads nothing cannot hold it.
     */
    private letGo(socket: Socket): void {
      if (socket.writableLength === 0) socket.destroy();
      else this._closeTimer ??= setTimeout(destroySocket, this._closeTimeout, socket);
    }

    /** Answers the client's close frame, then lets go of the socket once the frame is written. */
    private answerClose(code: number | undefined, data: string | Buffer | undefined): void {
      const socket = this._socket!;
      if (!socket.writable) return this.letGo(socket);
      try {
        this._sender!.close(code, data, false, () => {
          this._closeFrameSent = true;
          // After Node's bookkeeping of the write: destroyed within it, Node built an error (ERR_STREAM_DESTROYED) for nothing.
          process.nextTick(destroySocket, socket);
        });
      } catch {
        // An invalid code or reason (ws's receiver refuses those first): no answer, but no socket left open either.
        socket.destroy();
        return;
      }
      // Not in the kernel yet (it was full): ws's limit on the wait still holds.
      if (socket.writableLength > 0) this._closeTimer = setTimeout(destroySocket, this._closeTimeout, socket);
    }
  } as unknown as T;
}
