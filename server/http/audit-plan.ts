import type { NextFunction, Request, Response } from 'express';
import { stampOf } from '../auth/principals.ts';
import { planChangeParams } from '../domain/audit-params.ts';
import type { Submit } from '../protocol/commands.ts';

/**
 * Records the tenant a plan write was applied to, as the route found it (the queue's own tenant),
 * for its audit note: guessed from the request, an all-tenant admin's change to acme's queue
 * without ?tenant= was noted under "default", and a two-client manager's under none, so the
 * client's own managers never saw it. Every plan write route calls it once it knows the tenant.
 */
export function auditTenant(res: Response, tenant: string): void {
  res.locals.auditTenant = tenant;
}

/**
 * Writes every successful plan change to the audit log (who, when, what) once it is answered.
 * A plan change is a request that audit-params.ts's one list of plan routes knows, in any case
 * (the router matches `/SCHEDULES/...` too, and such a change went unaudited).
 */
export function auditPlanChanges(submit: Submit, wallClock: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const detail = `${req.method} ${req.path}`;
    if (req.method !== 'GET' && req.method !== 'HEAD' && planChangeParams(detail).change !== undefined) {
      res.on('finish', () => {
        if (res.statusCode >= 400 || !req.principal) return;
        const found: unknown = res.locals.auditTenant;
        submit({ kind: 'audit.note', tenants: typeof found === 'string' ? [found] : [], action: 'plan', detail, ...stampOf(req.principal, wallClock()) }).catch(() => {
          // The plan change itself was answered; an audit note lost to a stopping server or a log outage is the lesser harm.
        });
      });
    }
    next();
  };
}
