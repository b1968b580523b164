/**
 * A token bucket: `burst` actions at once, refilled at `perSecond`. Used per socket for
 * costly requests (subscriptions), so one client cannot keep the server busy.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly clock: () => number,
  ) {
    this.tokens = burst;
    this.at = clock();
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    if (!this.available()) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token could be taken now (takes none). */
  available(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    return this.tokens >= 1;
  }

  /** Seconds until the next token. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}

/** Costly requests a socket may make at once, and per second after that. */
const REQUEST_BURST = 10;
const REQUEST_PER_SECOND = 2;
/** Refusals in a row after which a socket is disconnected as a flood. */
const FLOOD_REFUSALS = 20;

/**
 * The limit on one socket's costly requests (subscriptions), shared by every namespace: a token
 * bucket, and a count of refusals in a row so a client that keeps asking after being told to
 * wait is cut, and the rest of what it already sent is dropped unread instead of answered.
 */
export class RequestLimit {
  private readonly bucket: TokenBucket;
  private refused = 0;

  constructor(clock: () => number) {
    this.bucket = new TokenBucket(REQUEST_BURST, REQUEST_PER_SECOND, clock);
  }

  /** null when the request may go ahead; 'flood' when the socket must be cut; else the refusal to send. */
  check(): null | 'flood' | { ok: false; error: string; retryAfterSeconds: number } {
    if (this.bucket.take()) {
      this.refused = 0;
      return null;
    }
    if (++this.refused > FLOOD_REFUSALS) return 'flood';
    const wait = this.bucket.waitSeconds();
    return { ok: false, error: `too many subscriptions: try again in ${wait} s`, retryAfterSeconds: wait };
  }
}

/** Applies a socket's request limit: true to go ahead; else the refusal is sent, or a flooding socket cut. */
export function allowed(socket: { disconnect(close?: boolean): unknown }, limit: RequestLimit, ack: Function): boolean {
  const refusal = limit.check();
  if (refusal === null) return true;
  if (refusal === 'flood') socket.disconnect(true);
  else ack(refusal);
  return false;
}

/**
 * Requests waiting in a queue, counted by principal key (`principalKey`): a bound on what one
 * sign-in has queued, not on how often it asks. One token may hold hundreds of sockets
 * (connection-cap.ts), each with its own rate; a wall of screens on one token refreshes every
 * board every 2 s, which a rate per sign-in refused past about 20 screens, while a flood from
 * its sockets now waits behind at most `max` of its own requests. Keys with nothing waiting
 * are dropped. `total`, when given, bounds them all together (what the process holds in all).
 */
export class WaitingCounts {
  private readonly waiting = new Map<string, number>();
  private all = 0;

  constructor(
    readonly max: number,
    private readonly total = Infinity,
  ) {}

  /** Counts one more request of `key` waiting; false (nothing counted) when it has `max` already, or all keys `total`. */
  take(key: string): boolean {
    return this.refusal(key) === null;
  }

  /**
   * Counts one more request of `key` waiting, and answers null; else counts nothing and answers
   * why: `key` has `max` already, or all keys together have `total` (asked in that order).
   */
  refusal(key: string): null | 'key' | 'total' {
    const n = this.waiting.get(key) ?? 0;
    if (n >= this.max) return 'key';
    if (this.all >= this.total) return 'total';
    this.waiting.set(key, n + 1);
    this.all++;
    return null;
  }

  /** One request of `key` was answered or dropped. */
  giveBack(key: string): void {
    const n = this.waiting.get(key) ?? 0;
    // A give-back with nothing counted (each job gives back only what it took) leaves the counts alone.
    if (n === 0) return;
    this.all--;
    if (n > 1) this.waiting.set(key, n - 1);
    else this.waiting.delete(key);
  }

  /** Requests of `key` waiting now. */
  of(key: string): number {
    return this.waiting.get(key) ?? 0;
  }

  /** Requests of every key waiting now. */
  get count(): number {
    return this.all;
  }
}
