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
