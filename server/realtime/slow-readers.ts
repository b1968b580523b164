/**
 * Screens that do not read their pushes as fast as they come: a TV on weak Wi-Fi, a link that
 * stalls, a client that stops reading on purpose. While a socket's kernel buffer is full,
 * Engine.IO keeps every further packet for it in memory, so without this one slow reader would
 * hold the day's pushes in the server's heap, and a few hundred would exhaust it.
 *
 * A socket whose transport cannot take a write at two scans in a row (LAG_SCAN_MS apart) joins
 * the room LAGGING, which every broadcast leaves out, so what waits for it stops growing. Once
 * its transport takes writes again it leaves the room and `caughtUp` runs (the hub tells it the
 * current version, so a screen that missed an update asks for a snapshot, and sends its alerts).
 * A reader that has stalled outright misses the heartbeat's pings and Engine.IO closes it within
 * 10-20 s (protocol/heartbeat.ts); one that answers pings without reading is cut after `dropMs`,
 * and its client reconnects when its link allows.
 */

/** The room every broadcast excepts (`io.to(room).except(LAGGING)`); no scope room is named like it. */
export const LAGGING = '#lagging';
/** How often (ms) every socket's transport is looked at. */
export const LAG_SCAN_MS = 1000;
/** How long (ms) a socket may lag before it is disconnected. */
export const LAG_DROP_MS = 60_000;

/** What is read and done of a socket (Socket.IO's `Socket` has all of it). */
export interface ReaderSocket {
  readonly connected: boolean;
  /** Engine.IO's connection: `close(true)` closes it at once, discarding what waits to be written. */
  readonly conn: { readonly transport: { readonly writable: boolean }; close(discard: boolean): unknown };
  join(room: string): unknown;
  leave(room: string): unknown;
}

export class SlowReaders<S extends ReaderSocket> {
  /** Sockets that could not take a write at the last scan. */
  private suspects = new Set<S>();
  /** Lagging sockets and the wall time (ms) they were found lagging. */
  private readonly lagging = new Map<S, number>();
  /** Sockets disconnected for lagging `dropMs`, since start. */
  dropped = 0;
  /** Sockets found lagging, since start. */
  found = 0;

  constructor(
    private readonly sockets: () => Iterable<S>,
    private readonly caughtUp: (socket: S) => void = () => {},
    private readonly dropMs = LAG_DROP_MS,
  ) {}

  /** Sockets lagging now. */
  get size(): number {
    return this.lagging.size;
  }

  /** Whether the socket is left out of broadcasts now. */
  has(socket: S): boolean {
    return this.lagging.has(socket);
  }

  /** Looks at every socket (a property read each); one that could not take a write at this and the last scan starts lagging. `wall`: epoch ms. */
  scan(wall: number): void {
    const next = new Set<S>();
    for (const s of this.sockets()) {
      if (s.conn.transport.writable || this.lagging.has(s)) continue;
      if (!this.suspects.has(s)) {
        next.add(s);
        continue;
      }
      this.lagging.set(s, wall);
      this.found++;
      void s.join(LAGGING);
    }
    this.suspects = next;
  }

  /** Lets lagging sockets that take writes again back into broadcasts, and drops those lagging too long. `wall`: epoch ms. */
  review(wall: number): void {
    for (const [s, since] of this.lagging) {
      if (!s.connected) {
        this.lagging.delete(s);
      } else if (s.conn.transport.writable) {
        this.lagging.delete(s);
        void s.leave(LAGGING);
        this.caughtUp(s);
      } else if (wall - since >= this.dropMs) {
        this.lagging.delete(s);
        this.dropped++;
        // Not `disconnect()`: Engine.IO would wait for its buffer to drain first, which a stalled reader never lets happen.
        s.conn.close(true);
      }
    }
  }
}
