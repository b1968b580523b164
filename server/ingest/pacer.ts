/**
 * Paces a recorded stream by its own timestamps at `speed` times real time: an item is due
 * when as much real time has passed since the first item as stream time has, divided by the
 * speed. Timestamps only ever move the stream clock forward, so a late line never waits.
 */
export class Pacer {
  private first: number | null = null;
  private latest = -Infinity;
  private readonly started: number;

  constructor(
    /** Stream seconds per real second; Infinity plays as fast as possible. */
    readonly speed: number,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.started = wallClock();
  }

  /** Milliseconds to wait before an item stamped `ts` (epoch ms) is due; 0 when due or unpaced. */
  waitFor(ts: number): number {
    // No time (NaN, or 0 from an empty line) is never waited for and never starts the clock.
    if (this.speed === Infinity || !(ts > 0)) return 0;
    this.first ??= ts;
    this.latest = Math.max(this.latest, ts);
    return Math.max(0, this.started + (this.latest - this.first) / this.speed - this.wallClock());
  }

  /** The stream's clock now (epoch ms); null before its first item or when unpaced. */
  now(): number | null {
    if (this.first === null || this.speed === Infinity) return null;
    return this.first + (this.wallClock() - this.started) * this.speed;
  }
}
