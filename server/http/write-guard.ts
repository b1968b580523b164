import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors.ts';

/** Content types a browser may send cross-site without asking first (CORS "simple" requests). */
const SIMPLE_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * Whether a request's Origin (when a browser sent one) is this server itself or one of the
 * allowed origins. Requests without an Origin come from programs, not from another site's page.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Refuses state-changing requests another site's page could make in a visitor's browser: a
 * write must come from this origin (or an allowed one), and must carry a JSON, NDJSON, CSV or
 * other non-form content type or an Authorization header, so a plain form or `text/plain`
 * post (which browsers send cross-site without a preflight) can never write.
 */
export function refuseCrossSiteWrites(allowedOrigins: ReadonlySet<string>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (!originAllowed(req.get('origin'), req.get('host'), allowedOrigins) || req.get('sec-fetch-site') === 'cross-site') {
      return next(new HttpError(403, 'cross-origin write refused: this server accepts writes only from its own pages or ALLOWED_ORIGINS'));
    }
    const type = req.get('content-type');
    if (!req.get('authorization') && req.method !== 'DELETE' && (!type || SIMPLE_TYPES.test(type))) {
      return next(new HttpError(415, 'content-type: send application/json, application/x-ndjson, text/csv or text/x-queue-log (form and text/plain posts are refused)'));
    }
    next();
  };
}
