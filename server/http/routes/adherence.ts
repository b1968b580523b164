import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AdherenceRules } from '../../domain/adherence.ts';
import type { Engine } from '../../domain/engine.ts';
import type { Plan } from '../../domain/plan.ts';
import { runSliced, type SlicedWork } from '../../realtime/sliced.ts';
import type { LiveAdherenceCache } from '../../views/adherence-cache.ts';
import { ADHERENCE_PAGE_DEFAULT, ADHERENCE_PAGE_MAX, narrowLive, pageLive, pageReport, type AdherencePage } from '../../views/adherence-page.ts';
import { withDetailSteps, type AdherenceFilter } from '../../views/adherence.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { ownedAgent } from '../owned.ts';
import { dayParam, idParam, knownParams, listParam, tenantsParam, wholeParam } from '../query.ts';
import { quote } from '../../validation/quote.ts';
import { agentFilter, personScope, scopeLive, scopeReport } from '../../views/people-scope.ts';

export interface AdherenceRouterOptions {
  engineOf: (req: Request) => Engine;
  plan: Plan;
  auth: Authenticator;
  rules: AdherenceRules;
  /** Live adherence per tenant and day reports, shared by every reader (filters and pages applied after). */
  cache: LiveAdherenceCache;
  /** Where a page's detail is computed, an agent a step. */
  work: SlicedWork;
}

/** Highest `offset` accepted: past the biggest floor, so any real page can be asked for. */
const MAX_OFFSET = 1_000_000;

/** `?offset` and `?limit` (0 to ADHERENCE_PAGE_MAX agents, ADHERENCE_PAGE_DEFAULT when absent). */
function pageParam(req: Request): AdherencePage {
  return { offset: wholeParam(req, 'offset', 0, MAX_OFFSET, 0), limit: wholeParam(req, 'limit', 0, ADHERENCE_PAGE_MAX, ADHERENCE_PAGE_DEFAULT) };
}

let detailRuns = 0;

/** GET /api/v1/adherence (a day's figures) and /api/v1/adherence/live (who is out now), a page of agents each. */
export function adherenceRouter(opts: AdherenceRouterOptions): Router {
  const { engineOf, plan, rules, cache } = opts;
  const router = Router();
  router.use('/adherence', requireRole(opts.auth, 'read'));

  /** The filter of `?agentId`, `?tenant` and `?teamId`; then any parameter but these, the page's and `also` is refused. */
  const filterOf = (req: Request, engine: Engine, also: readonly string[]): AdherenceFilter => {
    const agentId = idParam(req, 'agentId');
    // An agent of another tenant answers like an agent that does not exist.
    const agent = agentId === undefined ? undefined : ownedAgent(req, engine, agentId);
    const tenants = agent ? new Set([agent.tenant]) : tenantsParam(req);
    knownParams(req, ['tenant', 'agentId', 'teamId', 'offset', 'limit', ...also, 'workspace']);
    const p = req.principal!;
    // A team lead's or agent's totals count only the people it may see.
    return { tenants, teamId: idParam(req, 'teamId'), agentId, visible: agentFilter(p) };
  };

  router.get('/adherence', async (req, res) => {
    const engine = engineOf(req);
    const filter = filterOf(req, engine, ['detail', 'date']);
    const page = pageParam(req);
    const detail = listParam(req, 'detail', 2) ?? [];
    for (const d of detail) if (d !== 'intervals' && d !== 'timeline') throw new HttpError(400, `detail: ${quote(d)} is not one of intervals, timeline`);
    const day = dayParam(req, engine);
    // Every agent's figures (shared, computed over turns), the role's limits, then the page; detail for the page's agents only.
    const report = pageReport(scopeReport(personScope(req.principal!, opts.auth), await cache.report(engine, day, filter)), page);
    const agents = await runSliced(opts.work, `adherence detail ${++detailRuns}`, withDetailSteps(engine, plan, rules, day, report.agents, { intervals: detail.includes('intervals'), timeline: detail.includes('timeline') }));
    res.json({ ...report, agents });
  });

  router.get('/adherence/live', async (req, res) => {
    const engine = engineOf(req);
    const f = filterOf(req, engine, []);
    const page = pageParam(req);
    const live = scopeLive(personScope(req.principal!, opts.auth), await cache.tenants(engine, f.tenants));
    res.json(pageLive(narrowLive(live, f), page));
  });
  return router;
}
