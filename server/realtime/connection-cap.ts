import type { Namespace, Socket } from 'socket.io';
import { principalKey, type Principal } from '../auth/principals.ts';

/**
 * Live Socket.IO connections per principal (`principalKey`) over every namespace of one server,
 * with a ceiling, so one stolen or misused token cannot open sockets until the process runs out
 * of memory or file descriptors. Each namespace's socket counts on its own: a browser on / and
 * /tv over one connection holds two.
 *
 * A socket is counted when its namespace's handshake check admits it (`take`) and uncounted
 * exactly once: when it disconnects, or when its connection closes before the namespace lets it
 * in (Socket.IO then drops it without a 'disconnect'). The check must be the namespace's last
 * middleware: a later refusal would hold the count until the connection closes.
 */
export class ConnectionCap {
  /** Live sockets by principal key; a principal with none has no entry. */
  private readonly live = new Map<string, number>();
  /** Sockets counted and not let in yet, each with its connection's 'close' listener that uncounts it. */
  private readonly opening = new Map<Socket, () => void>();
  /**
   * The 'disconnect' listener of every counted socket once it is in (`this` is the socket): one
   * function for all, where a closure per socket would be heap per screen for its whole life.
   */
  private readonly left: (this: Socket) => void;

  /** `limit`: sockets one principal may hold at once. */
  constructor(readonly limit: number) {
    const live = this;
    this.left = function (this: Socket) {
      live.uncount(principalKey(this.data.principal as Principal));
    };
  }

  /** Live sockets of a principal. */
  of(p: Principal): number {
    return this.live.get(principalKey(p)) ?? 0;
  }

  /** Live sockets of every principal together. */
  get total(): number {
    let n = 0;
    for (const count of this.live.values()) n += count;
    return n;
  }

  /** Hands a namespace's sockets over from their opening to their life once it lets them in; call before its own 'connection' listeners. */
  watch(ns: Namespace): void {
    ns.on('connection', (socket: Socket) => this.connected(socket));
  }

  /**
   * Counts `socket` for `p`, or returns false (nothing counted) when `p` already holds `limit`.
   * A socket whose connection is already closed is let through uncounted: its namespace drops it.
   */
  take(socket: Socket, p: Principal): boolean {
    const key = principalKey(p);
    const n = this.live.get(key) ?? 0;
    if (n >= this.limit) return false;
    // Its 'close' was emitted already (Socket.IO creates the socket a microtask after the packet), so it would never uncount.
    if (socket.conn.readyState === 'closed') return true;
    this.live.set(key, n + 1);
    const closed = () => {
      if (this.opening.delete(socket)) this.uncount(key);
    };
    this.opening.set(socket, closed);
    socket.conn.on('close', closed);
    return true;
  }

  private connected(socket: Socket): void {
    const closed = this.opening.get(socket);
    if (!closed) return;
    this.opening.delete(socket);
    socket.conn.off('close', closed);
    socket.on('disconnect', this.left);
  }

  private uncount(key: string): void {
    const n = (this.live.get(key) ?? 0) - 1;
    if (n > 0) this.live.set(key, n);
    else this.live.delete(key);
  }
}
