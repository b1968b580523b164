import type { ServerOptions } from 'node:http';

/**
 * Node's HTTP server options that close a connection which has not sent a request's headers
 * within `headersTimeoutMs` (ms): answered 408 and closed. Node looks for such connections every
 * `connectionsCheckingInterval` (30 s by default, which alone let one stay 30 s past its
 * timeout); a quarter of the timeout, between 250 ms and 5 s, keeps the overshoot small for a
 * walk of the open connections that costs microseconds each.
 */
export function headerTimeouts(headersTimeoutMs: number): ServerOptions {
  return { headersTimeout: headersTimeoutMs, connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(headersTimeoutMs / 4))) };
}
