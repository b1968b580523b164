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
 * Writes every successful plan change to the audit log (who, when, what) before it is answered.
 * A plan change is a request that audit-params.ts's one list of plan routes knows, in any case
 * (the router matches `/SCHEDULES/...` too, and such a change went unaudited). The answer waits
 * for the note's commit: written after the answer (on 'finish'), a note was lost whenever the
 * process died in the group commit's few ms after it, so a kill -9 kept the change and lost
 * who made it (test/integration/durability-records.test.ts).
 */
export function auditPlanChanges(submit: Submit, wallClock: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const detail = `${req.method} ${req.path}`;
    if (req.method !== 'GET' && req.method !== 'HEAD' && planChangeParams(detail).change !== undefined) {
      const end = res.end;
      // Every answer ends here (res.json and res.send call end): a refusal or an anonymous call goes out at once.
      res.end = function (this: Response, ...args: unknown[]) {
        res.end = end;
        if (res.statusCode >= 400 || !req.principal) return end.apply(this, args as Parameters<Response['end']>);
        const found: unknown = res.locals.auditTenant;
        const answer = () => void end.apply(this, args as Parameters<Response['end']>);
        // A log outage refuses the note, not the change already made: the answer goes out either way.
        submit({ kind: 'audit.note', tenants: typeof found === 'string' ? [found] : [], action: 'plan', detail, ...stampOf(req.principal, wallClock()) }).then(answer, answer);
        return this;
      } as Response['end'];
    }
    next();
  };
}
