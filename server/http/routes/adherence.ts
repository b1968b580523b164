import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AdherenceRules } from '../../domain/adherence.ts';
import type { Engine } from '../../domain/engine.ts';
import type { Plan } from '../../domain/plan.ts';
import type { QueueImpact } from '../../protocol/adherence.ts';
import { adherenceLive, adherenceReport, type AdherenceFilter } from '../../views/adherence.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { dayParam, listParam, oneParam, tenantsParam } from '../query.ts';

/** GET /api/v1/adherence (a day's figures) and /api/v1/adherence/live (who is out now). */
export function adherenceRouter(opts: { engineOf: (req: Request) => Engine; plan: Plan; auth: Authenticator; rules: AdherenceRules; impact: (engine: Engine) => (queueId: string) => QueueImpact | null }): Router {
  const { engineOf, plan, rules } = opts;
  const router = Router();
  router.use('/adherence', requireRole(opts.auth, 'read'));

  const filterOf = (req: Request): AdherenceFilter => ({ tenants: tenantsParam(req), teamId: oneParam(req, 'teamId'), agentId: oneParam(req, 'agentId') });

  router.get('/adherence', (req, res) => {
    const engine = engineOf(req);
    const detail = listParam(req, 'detail') ?? [];
    for (const d of detail) if (d !== 'intervals' && d !== 'timeline') throw new HttpError(400, `detail: "${d}" is not one of intervals, timeline`);
    const filter = filterOf(req);
    if (filter.agentId && !engine.agents.has(filter.agentId)) throw new HttpError(404, `agent "${filter.agentId}" not found`);
    res.json(adherenceReport(engine, plan, rules, dayParam(req, engine), filter, { intervals: detail.includes('intervals'), timeline: detail.includes('timeline') }));
  });

  router.get('/adherence/live', (req, res) => {
    const engine = engineOf(req);
    res.json(adherenceLive(engine, plan, rules, filterOf(req), opts.impact(engine)));
  });
  return router;
}
