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
 * A screen on a link that is slow but alive relapses: let back in, it resubscribes (a snapshot),
 * falls behind again, and is let back in, over and over. So one that lags again within
 * RELAPSE_MS of being let back in waits out longer each time (2 s, 4 s, 8 s... up to MAX_HOLD_MS
 * from when it lagged again) before it is let back in: at most one snapshot per MAX_HOLD_MS for it.
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
/** Lagging again within this long (ms) of being let back in is a relapse. */
export const RELAPSE_MS = 30_000;
/** The longest (ms) a relapsing socket is kept out once it takes writes again. */
export const MAX_HOLD_MS = 30_000;

/** A lagging socket: when it was found (wall ms), the earliest it may be let back in, and its relapses in a row. */
interface Lag {
  since: number;
  holdUntil: number;
  relapses: number;
}

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
  private readonly lagging = new Map<S, Lag>();
  /** When (wall ms) each socket was last let back in, and the relapses it had then. */
  private readonly released = new WeakMap<S, { at: number; relapses: number }>();
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
      const last = this.released.get(s);
      const relapses = last && wall - last.at < RELAPSE_MS ? last.relapses + 1 : 0;
      this.lagging.set(s, { since: wall, holdUntil: relapses === 0 ? wall : wall + Math.min(LAG_SCAN_MS * 2 ** relapses, MAX_HOLD_MS), relapses });
      this.found++;
      void s.join(LAGGING);
    }
    this.suspects = next;
  }

  /** Lets lagging sockets that take writes again (and have waited out their hold) back into broadcasts, and drops those lagging too long. `wall`: epoch ms. */
  review(wall: number): void {
    for (const [s, lag] of this.lagging) {
      if (!s.connected) {
        this.lagging.delete(s);
      } else if (s.conn.transport.writable) {
        if (wall < lag.holdUntil) continue;
        this.lagging.delete(s);
        this.released.set(s, { at: wall, relapses: lag.relapses });
        void s.leave(LAGGING);
        this.caughtUp(s);
      } else if (wall - lag.since >= this.dropMs) {
        this.lagging.delete(s);
        this.dropped++;
        // Not `disconnect()`: Engine.IO would wait for its buffer to drain first, which a stalled reader never lets happen.
        s.conn.close(true);
      }
    }
  }
}
