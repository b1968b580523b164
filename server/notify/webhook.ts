/**
 * Posts JSON to a webhook (wait-time notifications, alerts to chat tools) with a timeout per
 * request and a bound on requests in flight, so a slow receiver can neither stall the server
 * nor pile up sockets: past `maxPending` queued posts the oldest is dropped and counted.
 */

export interface WebhookOptions {
  url: string;
  /** Per request, ms. */
  timeoutMs: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Posts waiting for a free slot at most; beyond it the oldest waiting post is dropped. */
  maxPending: number;
  headers?: Record<string, string>;
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch;
}

export const WEBHOOK_DEFAULTS = { timeoutMs: 5_000, concurrency: 4, maxPending: 1_000 };

export type WebhookResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface WebhookStats {
  sent: number;
  failed: number;
  dropped: number;
  inFlight: number;
  pending: number;
}

interface Job {
  body: string;
  resolve: (r: WebhookResult) => void;
}

/** A bounded, timed JSON poster to one URL. */
export class WebhookSender {
  private readonly opts: WebhookOptions;
  private readonly queue: Job[] = [];
  private inFlight = 0;
  private readonly counts = { sent: 0, failed: 0, dropped: 0 };
  private idle: (() => void)[] = [];

  constructor(options: Pick<WebhookOptions, 'url'> & Partial<WebhookOptions>) {
    this.opts = { ...WEBHOOK_DEFAULTS, ...options };
    const u = new URL(this.opts.url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`url: must be http or https, got "${this.opts.url.slice(0, 40)}"`);
  }

  /** Queues one post of `payload` as JSON; resolves with its outcome (never rejects). */
  send(payload: unknown): Promise<WebhookResult> {
    return new Promise((resolve) => {
      this.queue.push({ body: JSON.stringify(payload), resolve });
      if (this.queue.length > this.opts.maxPending) {
        this.counts.dropped++;
        this.queue.shift()!.resolve({ ok: false, error: 'dropped: too many posts waiting' });
      }
      this.pump();
    });
  }

  /** Resolves when nothing is queued or in flight. */
  flush(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  stats(): WebhookStats {
    return { ...this.counts, inFlight: this.inFlight, pending: this.queue.length };
  }

  private pump(): void {
    while (this.inFlight < this.opts.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.inFlight++;
      void this.post(job.body).then((r) => {
        this.inFlight--;
        if (r.ok) this.counts.sent++;
        else this.counts.failed++;
        job.resolve(r);
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async post(body: string): Promise<WebhookResult> {
    const doFetch = this.opts.fetch ?? fetch;
    try {
      const res = await doFetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.opts.headers },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      // The body is not needed; reading it frees the socket for the next post.
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `timeout after ${this.opts.timeoutMs} ms` };
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
