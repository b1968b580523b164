import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import { addressKey } from '../http/address-key.ts';

/** An Engine.IO connection: what a client's Socket.IO sockets of every namespace ride on. */
type Conn = Socket['conn'];
/** Socket.IO's client of a connection, with its sockets in every namespace (private to Socket.IO). */
interface ClientSockets {
  sockets: Map<string, Socket>;
}

/** What `clientAddress` reads of a request. */
interface FromWhere {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

/** At most one log line a minute about refused handshakes and closed connections: a flood must not flood the log too. */
const WARN_EVERY_MS = 60_000;

/**
 * Engine.IO connections that have joined no namespace yet ("pending"), with a ceiling per
 * process and, optionally, per client address. Such a connection has shown no token, so the
 * per-sign-in cap (connection-cap.ts) does not count it, and until Socket.IO's connect timeout
 * closes it, it is a file descriptor anyone who reaches the port can take.
 *
 * `admit` (Engine.IO's `allowRequest`, asked only for a new connection's handshake, never for a
 * polling connection's upgrade) lets a handshake through while the pending connections and the
 * handshakes it let through this turn are under the bound. Those are reserved places: Engine.IO
 * makes a connection of them a few microtasks later, within the turn (after its middlewares and
 * the id), all of an upgrade line's slot only after the slot, so without them a slot could pass
 * the bound by a slot's size. What a reservation did not become by the turn's end (a WebSocket
 * whose TCP socket closed meanwhile: ws drops it, and Engine.IO says nothing) is given back then.
 *
 * A connection leaves pending when a namespace lets one of its sockets in, or when it closes
 * (the connect timeout, an error, the client, the server), whichever comes first; a polling
 * connection that upgrades to a WebSocket stays the same connection. It is pending again when
 * its last socket leaves (the client's namespace DISCONNECT, or the server's) while it stays
 * open: socket.io-client closes the connection then, but a client of its own making need not,
 * and counted by neither a sign-in nor this, one sign-in could have held any number of
 * connections by joining and leaving. Socket.IO's connect timeout ended at the first join, so
 * a timer here closes it `connectTimeoutMs` later unless a namespace lets it in again, and one
 * the bounds have no room for is closed at once.
 *
 * A full bound is shared out by address: a handshake from an address holding at least two fewer
 * pending connections than the address holding the most closes that address's oldest pending
 * connection and takes its place (`makeRoom`), so a client flooding from one address (or a few)
 * no longer keeps out screens from every other address; an address holding as many as any is
 * refused as before. Behind a proxy that is not on this machine every client has the proxy's
 * address, and this changes nothing. "Address" is `addressKey`'s: an IPv6 client is counted by
 * its /64, which one host may hold whole.
 */
export class PendingConnections {
  /** Pending connections, each with the address counted for it. */
  private readonly waiting = new Map<Conn, string>();
  /** Pending connections by address, oldest first. */
  private readonly queued = new Map<string, Set<Conn>>();
  /** Handshakes let through this turn that are no connection yet, with their address. */
  private readonly reserved = new Map<object, string>();
  /** Pending connections and reserved places by address. */
  private readonly byAddress = new Map<string, number>();
  /** Addresses by how many of those they hold (1 and up), and the most any holds: who gives up a place when the bound is full. */
  private readonly holding = new Map<number, Set<string>>();
  private most = 0;
  private endOfTurn: NodeJS.Immediate | null = null;
  /** The connect timeout of each connection pending again (Socket.IO's own ends at its first join). */
  private readonly timers = new Map<Conn, NodeJS.Timeout>();
  /** The 'close' listener of every pending connection (`this` is the connection): one function, no closure each. */
  private readonly closed: (this: Conn) => void;
  /** The 'disconnect' listener of every socket a namespace let in (`this` is the socket): one function for all. */
  private readonly left: (this: Socket) => void;
  private refused = 0;
  private evicted = 0;
  private warnedAt = -Infinity;

  /**
   * `limit`: pending connections per process; `perAddress`: per client address, 0 for no such
   * bound; `connectTimeoutMs`: how long (ms) a connection pending again may stay so.
   */
  constructor(
    readonly limit: number,
    readonly perAddress: number,
    readonly connectTimeoutMs: number,
    private readonly logger?: Logger,
  ) {
    const pending = this;
    this.closed = function (this: Conn) {
      pending.leave(this);
    };
    this.left = function (this: Socket) {
      // Socket.IO has taken it out of its client's sockets by now; a closing connection's sockets leave this way too.
      if (this.conn.readyState === 'open' && (this.client as unknown as ClientSockets).sockets.size === 0) pending.again(this.conn);
    };
  }

  /** Pending connections now, places reserved this turn included. */
  get size(): number {
    return this.waiting.size + this.reserved.size;
  }

  /** Pending connections from one address (as `clientAddress` names it; an IPv6 one's whole /64), places reserved this turn included. */
  from(address: string): number {
    return this.held(addressKey(address));
  }

  /**
   * Reserves a place for a new connection's handshake, when the bound is full by closing another
   * address's oldest pending connection (`makeRoom`), or returns why it is refused (the text its client gets).
   */
  admit(req: FromWhere): string | null {
    const address = keyOf(req);
    if (this.perAddress && this.held(address) >= this.perAddress) {
      return this.refuse(`too many connections waiting to sign in from this address (limit ${this.perAddress}): try again shortly`);
    }
    if (this.size >= this.limit && !this.makeRoom(address)) return this.refuse(`too many connections waiting to sign in (limit ${this.limit}): try again shortly`);
    this.reserved.set(req, address);
    this.count(address, 1);
    this.endOfTurn ??= setImmediate(() => this.giveBack());
    return null;
  }

  /**
   * Follows `io`'s connections from Engine.IO's handshake to their first namespace, and from
   * their last socket's leaving to their next (every namespace, those made later too).
   */
  watch(io: Server): void {
    io.engine.on('connection', (conn: Conn) => this.opened(conn));
    const joined = (socket: Socket) => {
      socket.on('disconnect', this.left);
      if (!this.waiting.has(socket.conn)) return;
      socket.conn.off('close', this.closed);
      this.leave(socket.conn);
    };
    for (const ns of io._nsps.values()) ns.on('connection', joined);
    io.on('new_namespace', (ns: Namespace) => ns.on('connection', joined));
  }

  private opened(conn: Conn): void {
    const req = conn.request;
    let address = this.reserved.get(req);
    if (address !== undefined) this.reserved.delete(req);
    else {
      // Made after its turn (not so with Engine.IO 6): it is pending all the same, even past the bound.
      address = keyOf(req);
      this.count(address, 1);
    }
    if (conn.readyState === 'closed') return this.count(address, -1);
    this.enter(conn, address);
  }

  /** Counts `conn`, open and in no namespace since its last socket left, as pending again, or closes it when the bounds have no room. */
  private again(conn: Conn): void {
    if (this.waiting.has(conn)) return;
    // Its request is lean by now (lean-connection.ts keeps X-Forwarded-For), and Engine.IO kept the peer's address.
    const address = keyOf({ headers: conn.request?.headers ?? {}, socket: { remoteAddress: conn.remoteAddress } });
    const full = this.size >= this.limit ? `limit ${this.limit}` : this.perAddress && this.held(address) >= this.perAddress ? `limit ${this.perAddress} from one address` : '';
    if (full) {
      this.refuse(`too many connections waiting to sign in (${full})`, 'socket connections closed on leaving every namespace');
      conn.close();
      return;
    }
    this.count(address, 1);
    this.enter(conn, address);
    // Its 'close' takes it out of pending (and this timer off).
    this.timers.set(conn, setTimeout(() => conn.close(), this.connectTimeoutMs));
  }

  /** Adds `conn`, counted already under `address`, to the pending connections. */
  private enter(conn: Conn, address: string): void {
    this.waiting.set(conn, address);
    let line = this.queued.get(address);
    if (!line) this.queued.set(address, (line = new Set()));
    line.add(conn);
    conn.on('close', this.closed);
  }

  /**
   * When the bound is full: closes the oldest pending connection of an address holding the most,
   * if `address` holds at least two fewer (after taking the place it still holds fewer, so two
   * addresses never take places from each other back and forth); whether it did. Reserved places
   * are no connection yet and are not taken.
   */
  private makeRoom(address: string): boolean {
    if (this.held(address) + 1 >= this.most) return false;
    for (const top of this.holding.get(this.most) ?? []) {
      const oldest = this.queued.get(top)?.values().next().value;
      if (!oldest) continue;
      oldest.off('close', this.closed);
      this.leave(oldest);
      // Discarded: a polling connection would otherwise close only at its next request.
      oldest.close(true);
      this.evicted++;
      this.warn('pending socket connections closed to make room for another address');
      return true;
    }
    return false;
  }

  private leave(conn: Conn): void {
    const address = this.waiting.get(conn);
    if (address === undefined) return;
    this.waiting.delete(conn);
    const line = this.queued.get(address);
    line?.delete(conn);
    if (line?.size === 0) this.queued.delete(address);
    this.count(address, -1);
    const timer = this.timers.get(conn);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(conn);
    }
  }

  /** Pending connections and reserved places under an address key. */
  private held(key: string): number {
    return this.byAddress.get(key) ?? 0;
  }

  private giveBack(): void {
    this.endOfTurn = null;
    for (const address of this.reserved.values()) this.count(address, -1);
    this.reserved.clear();
  }

  /** Counts a place for `address`, or gives one back, keeping `holding` and `most` (each step moves the address one count). */
  private count(address: string, by: 1 | -1): void {
    const was = this.held(address);
    const n = was + by;
    if (was > 0) {
      const same = this.holding.get(was)!;
      same.delete(address);
      if (same.size === 0) this.holding.delete(was);
    }
    if (n > 0) {
      this.byAddress.set(address, n);
      let same = this.holding.get(n);
      if (!same) this.holding.set(n, (same = new Set()));
      same.add(address);
    } else this.byAddress.delete(address);
    // Down from the most with none left there: every other address holds n or fewer.
    if (n > this.most || (was === this.most && !this.holding.has(was))) this.most = n;
  }

  private refuse(message: string, what = 'socket handshakes refused'): string {
    this.refused++;
    this.warn(`${what}: ${message}`);
    return message;
  }

  /** At most one log line a minute, with what was refused and closed since the last. */
  private warn(text: string): void {
    const now = performance.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.logger?.warn({ pending: this.size, refused: this.refused, evicted: this.evicted }, text);
    this.warnedAt = now;
    this.refused = 0;
    this.evicted = 0;
  }
}

/** The key a request's pending connection is counted under: its client address, an IPv6 one by its /64. */
const keyOf = (req: FromWhere): string => addressKey(clientAddress(req));

/** An IPv4 address as Node gives it on a dual-stack socket (`::ffff:10.0.0.1`), written plainly. */
const plain = (address: string): string => (address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address);
const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '::1';

/**
 * The client address of a request as Express names it with `trust proxy` 'loopback' (app.ts: a
 * proxy on this machine terminates TLS): a peer on this machine is a proxy, so the address is
 * the nearest one its X-Forwarded-For names that is not this machine. A remote peer's header
 * is not believed. 'unknown' when the socket is gone.
 */
export function clientAddress(req: FromWhere): string {
  let address = plain(req.socket.remoteAddress ?? '');
  const header = req.headers['x-forwarded-for'];
  // Node joins a repeated X-Forwarded-For into one line; the type allows a list all the same.
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  if (forwarded && isLoopback(address)) {
    const hops = forwarded.split(',');
    for (let i = hops.length - 1; i >= 0 && isLoopback(address); i--) address = plain(hops[i]!.trim());
  }
  return address || 'unknown';
}
