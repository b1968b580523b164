import type { NextFunction, Request, Response } from 'express';
import { can, principalKind, type Authenticator, type Principal } from '../auth/principals.ts';
import type { PrincipalKind } from '../protocol/people.ts';
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

/** How a refusal names who asked. */
const KIND_NAMES: Record<PrincipalKind, string> = { person: 'person', token: 'token', display: 'display', openMode: 'open mode', cli: 'command line' };

const DOING = {
  read: 'read',
  readFeed: "read the feed's anomalies (they name every agent and queue of a tenant)",
  write: 'write events',
  plan: 'change forecasts, schedules or what-ifs',
  admin: 'manage displays and tokens',
  manageUsers: 'manage users',
  readAudit: 'read the audit log',
  tv: 'read',
};
export type Permission = keyof typeof DOING;

/** The principal of a request: bearer token, else session cookie, else open mode; null when none. */
export function principalOf(auth: Authenticator, req: Request): Principal | null {
  return auth.principal(tokenOf(req), req.get('cookie'));
}

/** Requires a known token or signed-in user with the given permission; sets `req.principal`. */
export function requireRole(auth: Authenticator, permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const principal = principalOf(auth, req);
    if (!principal) return next(new HttpError(401, 'missing or unknown token: sign in, or send Authorization: Bearer <token>', 'auth.missing'));
    // Named as what it is: a signed-in person was told 'token "acme-mgr" may not ...' (attacker probe).
    if (!can[permission](principal)) return next(new HttpError(403, `${KIND_NAMES[principalKind(principal)]} "${principal.name}" may not ${DOING[permission]}`, 'auth.forbidden', { permission }));
    req.principal = principal;
    next();
  };
}

/** 404 unless the principal may see the tenant, so other tenants' ids are not revealed. */
export function assertTenant(req: Request, tenant: string, what: string): void {
  if (!can.seeTenant(req.principal!, tenant)) throw new HttpError(404, `${what} not found`);
}
