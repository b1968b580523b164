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

  /** Whether the bucket holds all its tokens again. */
  full(): boolean {
    this.available();
    return this.tokens >= this.burst;
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
  check(): null | 'flood' | { ok: false; error: string } {
    if (this.bucket.take()) {
      this.refused = 0;
      return null;
    }
    if (++this.refused > FLOOD_REFUSALS) return 'flood';
    return { ok: false, error: `too many subscriptions: try again in ${this.bucket.waitSeconds()} s` };
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

/** Board pages (agents:page) one sign-in may ask at once over all its sockets, and per second after that. */
export const PAGE_BURST = 20;
export const PAGE_PER_SECOND = 10;

/**
 * Token buckets by principal key (`principalKey`), for requests whose cost a socket limit does
 * not bound: one token may hold hundreds of sockets (connection-cap.ts), and each had its own 10
 * at once. A bucket that has refilled is dropped, so the map holds only principals asking now.
 */
export class PrincipalLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly clock: () => number,
  ) {}

  /** null when principal `key` may go ahead (one token taken); else the refusal to send. */
  check(key: string): null | { ok: false; error: string } {
    this.prune();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.burst, this.perSecond, this.clock)));
    if (bucket.take()) return null;
    return { ok: false, error: `too many requests for this sign-in: try again in ${bucket.waitSeconds()} s` };
  }

  /** Principals with a bucket now (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops buckets that are full again (taking from a new one is the same). */
  private prune(): void {
    if (this.buckets.size < 1000) return;
    for (const [key, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(key);
  }
}
