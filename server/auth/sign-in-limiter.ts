import { TokenBucket } from '../realtime/rate-limit.ts';

/** Attempts allowed at once per user and per address, then one every REFILL_SECONDS. */
const BURST = 5;
const REFILL_SECONDS = 12;
/** Buckets kept at most; the oldest are dropped first (a flood of addresses must not grow memory). */
const MAX_BUCKETS = 10_000;

/**
 * Rate limits of sign-in attempts, per user name and per client address: both must have a
 * token left. A full bucket after idle time is the same as a forgotten one, so dropping the
 * oldest is safe.
 */
export class SignInLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: () => number) {}

  /** Takes an attempt for both keys; null when allowed, else the seconds to wait. */
  attempt(user: string, address: string): number | null {
    const u = this.bucket(`u:${user.toLowerCase()}`);
    const a = this.bucket(`a:${address}`);
    // Check both first, so a refused attempt costs the other key nothing.
    if (!u.available()) return u.waitSeconds();
    if (!a.available()) return a.waitSeconds();
    u.take();
    a.take();
    return null;
  }

  private bucket(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key);
    } else {
      b = new TokenBucket(BURST, 1 / REFILL_SECONDS, this.clock);
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, b);
    return b;
  }
}
