import { addressKey } from '../http/address-key.ts';
import { TokenBucket } from '../realtime/rate-limit.ts';

/** Attempts allowed at once per user name from one address, then one every 12 s: guessing one password is slow. */
const USER_AT_ADDRESS = { burst: 5, refillSeconds: 12 };
/**
 * Per user name over every address, more, then one every 4 s: it bounds guessing spread over
 * many addresses, and locking a person out takes several addresses. Counted per name alone (5,
 * then one every 12 s), anyone could keep anyone (an admin too) from signing in with one wrong
 * attempt every 12 s from anywhere (found by the attacker probe).
 */
const USER = { burst: 30, refillSeconds: 4 };
/** Per address more are allowed (a floor behind one NAT signs in at 9:00), then one every 2 s. */
const ADDRESS = { burst: 30, refillSeconds: 2 };
/** Buckets kept at most; the oldest are dropped first (a flood of addresses must not grow memory). */
const MAX_BUCKETS = 10_000;

/**
 * Rate limits of sign-in attempts, per user name from one client address, per user name and per
 * client address (an IPv6 one's /64, address-key.ts): all three must have a token left. A full
 * bucket after idle time is the same as a forgotten one, so dropping the oldest is safe.
 */
export class SignInLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: () => number) {}

  /** Takes an attempt for both keys; null when allowed, else the seconds to wait. */
  attempt(user: string, address: string): number | null {
    const name = user.toLowerCase();
    const at = addressKey(address);
    const buckets = [this.bucket(`n:${at}|${name}`, USER_AT_ADDRESS), this.bucket(`u:${name}`, USER), this.bucket(`a:${at}`, ADDRESS)];
    // Check all first, so a refused attempt costs the other keys nothing.
    for (const b of buckets) if (!b.available()) return b.waitSeconds();
    for (const b of buckets) b.take();
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
