import type { NextFunction, Request, Response } from 'express';
import { can, type Authenticator, type Principal } from '../auth/principals.ts';
import { HttpError } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** The bearer token of a request: `Authorization: Bearer <token>`. */
function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/** Requires a known token with the given permission; sets `req.principal`. */
const DOING = { read: 'read', write: 'write events', plan: 'change forecasts, schedules or what-ifs' };

export function requireRole(auth: Authenticator, permission: 'read' | 'write' | 'plan') {
  return (req: Request, _res: Response, next: NextFunction) => {
    const principal = auth.resolve(tokenOf(req));
    if (!principal) return next(new HttpError(401, 'missing or unknown token: send Authorization: Bearer <token>'));
    if (!can[permission](principal)) return next(new HttpError(403, `token "${principal.name}" may not ${DOING[permission]}`));
    req.principal = principal;
    next();
  };
}

/** 404 unless the principal may see the tenant, so other tenants' ids are not revealed. */
export function assertTenant(req: Request, tenant: string, what: string): void {
  if (!can.seeTenant(req.principal!, tenant)) throw new HttpError(404, `${what} not found`);
}
