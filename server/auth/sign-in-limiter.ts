import { addressKey } from '../http/address-key.ts';
import { TokenBucket } from '../realtime/rate-limit.ts';

/** Attempts allowed at once per user name, then one every 12 s: guessing one password is slow. */
const USER = { burst: 5, refillSeconds: 12 };
/** Per address more are allowed (a floor behind one NAT signs in at 9:00), then one every 2 s. */
const ADDRESS = { burst: 30, refillSeconds: 2 };
/** Buckets kept at most; the oldest are dropped first (a flood of addresses must not grow memory). */
const MAX_BUCKETS = 10_000;

/**
 * Rate limits of sign-in attempts, per user name and per client address (an IPv6 one's /64,
 * address-key.ts): both must have a token left. A full bucket after idle time is the same as a forgotten one, so dropping the
 * oldest is safe.
 */
export class SignInLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: () => number) {}

  /** Takes an attempt for both keys; null when allowed, else the seconds to wait. */
  attempt(user: string, address: string): number | null {
    const u = this.bucket(`u:${user.toLowerCase()}`, USER);
    const a = this.bucket(`a:${addressKey(address)}`, ADDRESS);
    // Check both first, so a refused attempt costs the other key nothing.
    if (!u.available()) return u.waitSeconds();
    if (!a.available()) return a.waitSeconds();
    u.take();
    a.take();
    return null;
  }

  private bucket(key: string, limit: { burst: number; refillSeconds: number }): TokenBucket {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key);
    } else {
      b = new TokenBucket(limit.burst, 1 / limit.refillSeconds, this.clock);
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, b);
    return b;
  }
}
