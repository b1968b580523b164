import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { EntryResult } from '../floor/fold.ts';
import type { ErrorBody, ErrorCode } from '../protocol/people.ts';
import { StoreUnavailable } from '../store/store.ts';
import { clip, quote } from '../validation/quote.ts';

/**
 * An error with an HTTP status and a message safe to show the caller; errors people see also
 * carry a stable `code` (and `params`) that screens word in their own language.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: ErrorCode,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** A refused request body (400): `detail` names what was wrong and where, in English; screens wrap it in their language. */
export function invalidRequest(detail: string): HttpError {
  return new HttpError(400, detail, 'request.invalid', { detail });
}

/**
 * Throws 400 naming the first of a body's `tenants` that `known` refuses (another client's, to a
 * caller of named tenants, reads as a tenant there is not), quoting a short prefix of it.
 */
export function refuseUnknownTenant(tenants: readonly string[], known: (tenant: string) => boolean): void {
  const unknown = tenants.find((t) => !known(t));
  if (unknown !== undefined) throw new HttpError(400, `tenants: unknown tenant ${quote(unknown)}`, 'tenant.unknown', { tenant: quote(unknown) });
}

/** Throws 409 for a log entry the fold refused (past a tenant's cap, or for a day already forgotten): nothing of it was applied. */
export function throwIfRefused(result: EntryResult): void {
  if (result !== null && 'refused' in result) throw new HttpError(409, result.refused, result.code, result.params);
}

/** Answers every error as JSON `{ error }`; unexpected ones are logged and answered 500. */
export function errorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof StoreUnavailable) {
      // Nothing of this request was acknowledged: the caller sends it again (ids make that safe).
      res.set('Retry-After', '1').status(503).json({ error: 'the log is unavailable; nothing was acknowledged: send again shortly' });
      return;
    }
    if (err instanceof HttpError) {
      // The rest of an oversized body is not read: close the connection instead of reusing it.
      if (err.status === 413) res.set('Connection', 'close');
      const body: ErrorBody = { error: err.message, ...(err.code ? { code: err.code } : {}), ...(err.params ? { params: err.params } : {}) };
      res.status(err.status).json(body);
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    const type = (err as { type?: string }).type;
    if (status === 413 || type === 'entity.too.large') {
      // Routes with small bodies (sign-in, settings, what-ifs) have limits of their own, which body-parser names.
      const limit = (err as { limit?: unknown }).limit;
      res.status(413).json({ error: `body is larger than the limit of ${typeof limit === 'number' ? limit : maxBodyBytes} bytes; send smaller batches` });
      return;
    }
    if (err instanceof URIError && status === 400) {
      // The router's message repeats the whole segment (up to the 16 KB a request line may hold).
      const segment = /^Failed to decode param '([\s\S]*)'$/.exec(err.message)?.[1];
      res.status(400).json({ error: `path: ${segment === undefined ? 'a segment' : quote(segment)} is not valid percent-encoding` });
      return;
    }
    const code = (err as { code?: unknown }).code;
    if (status === 400 && typeof code === 'string' && /^(Z_|ERR__)/.test(code)) {
      // body-parser passes zlib's own words ("unexpected end of file"), which do not say it was the compression.
      res.status(400).json({ error: `body: not valid ${clip(req.get('content-encoding') ?? 'compressed', 20)} data (${clip((err as Error).message, 60)})` });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({ error: `body is not valid JSON: ${clip((err as Error).message, 80)}` });
      return;
    }
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: (err as Error).message });
      return;
    }
    logger.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
