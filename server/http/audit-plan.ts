import type { NextFunction, Request, Response } from 'express';
import type { Submit } from '../protocol/commands.ts';

/** Plan routes that change something: forecasts, schedules, what-ifs, and the history and calendar a forecast is made of (any case: the router matches `/SCHEDULES/...` too, and such a change went unaudited). */
const PLAN_PATH = /^\/(forecasts|schedules|history|calendar|queues\/[^/]+\/whatifs)(\/|$)/i;

/**
 * Records the tenant a plan write was applied to, as the route found it (the queue's own tenant),
 * for its audit note: guessed from the request, an all-tenant admin's change to acme's queue
 * without ?tenant= was noted under "default", and a two-client manager's under none, so the
 * client's own managers never saw it.
 */
export function auditTenant(res: Response, tenant: string): void {
  res.locals.auditTenant = tenant;
}

/** The tenant a plan write was for, as the plan routes decide it (query, else the caller's only tenant, else default). */
function tenantOf(req: Request): string[] {
  const asked = req.query.tenant;
  if (typeof asked === 'string') return [asked];
  const mine = req.principal?.tenants;
  if (!mine) return ['default'];
  return mine.size === 1 ? [...mine] : [];
}

/**
 * Writes every successful plan change to the audit log (who, when, what) once it is answered,
 * without touching the plan routes themselves.
 */
export function auditPlanChanges(submit: Submit, wallClock: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && PLAN_PATH.test(req.path)) {
      const path = req.path;
      res.on('finish', () => {
        if (res.statusCode >= 400 || !req.principal) return;
        const found: unknown = res.locals.auditTenant;
        submit({ kind: 'audit.note', tenants: typeof found === 'string' ? [found] : tenantOf(req), action: 'plan', detail: `${req.method} ${path}`, at: wallClock(), by: req.principal.name }).catch(() => {
          // The plan change itself was answered; an audit note lost to a stopping server or a log outage is the lesser harm.
        });
      });
    }
    next();
  };
}
