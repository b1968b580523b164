import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AdherenceRules } from '../../domain/adherence.ts';
import type { Engine } from '../../domain/engine.ts';
import type { Plan } from '../../domain/plan.ts';
import type { AdherenceLive } from '../../protocol/adherence.ts';
import { teamKey } from '../../protocol/keys.ts';
import { adherenceReport, type AdherenceFilter } from '../../views/adherence.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { ownedAgent } from '../owned.ts';
import { dayParam, idParam, knownParams, listParam, tenantsParam } from '../query.ts';
import { quote } from '../../validation/quote.ts';
import { personScope, scopeLive, scopeReport } from '../../views/people-scope.ts';

export interface AdherenceRouterOptions {
  engineOf: (req: Request) => Engine;
  plan: Plan;
  auth: Authenticator;
  rules: AdherenceRules;
  /** Live adherence of some tenants, from the shared per-tenant cache (filters applied after). */
  live: (engine: Engine, tenants: ReadonlySet<string> | null) => AdherenceLive;
}

/** GET /api/v1/adherence (a day's figures) and /api/v1/adherence/live (who is out now). */
export function adherenceRouter(opts: AdherenceRouterOptions): Router {
  const { engineOf, plan, rules } = opts;
  const router = Router();
  router.use('/adherence', requireRole(opts.auth, 'read'));

  /** The filter of `?agentId`, `?tenant` and `?teamId`; then any parameter but these and `also` is refused. */
  const filterOf = (req: Request, engine: Engine, also: readonly string[]): AdherenceFilter => {
    const agentId = idParam(req, 'agentId');
    // An agent of another tenant answers like an agent that does not exist.
    const agent = agentId === undefined ? undefined : ownedAgent(req, engine, agentId);
    const tenants = agent ? new Set([agent.tenant]) : tenantsParam(req);
    knownParams(req, ['tenant', 'agentId', 'teamId', ...also, 'workspace']);
    return { tenants, teamId: idParam(req, 'teamId'), agentId };
  };

  router.get('/adherence', (req, res) => {
    const engine = engineOf(req);
    const filter = filterOf(req, engine, ['detail', 'date']);
    const detail = listParam(req, 'detail', 2) ?? [];
    for (const d of detail) if (d !== 'intervals' && d !== 'timeline') throw new HttpError(400, `detail: ${quote(d)} is not one of intervals, timeline`);
    const report = adherenceReport(engine, plan, rules, dayParam(req, engine), filter, { intervals: detail.includes('intervals'), timeline: detail.includes('timeline') });
    res.json(scopeReport(personScope(req.principal!, opts.auth), report));
  });

  router.get('/adherence/live', (req, res) => {
    const engine = engineOf(req);
    const f = filterOf(req, engine, []);
    const live = scopeLive(personScope(req.principal!, opts.auth), opts.live(engine, f.tenants));
    const keep = <T extends { agentId: string; teamId: string | null }>(a: T) => (!f.teamId || a.teamId === f.teamId) && (!f.agentId || a.agentId === f.agentId);
    const agents = live.agents.filter(keep);
    // A team or agent filter keeps the teams of the agents it keeps: an unknown team answers no team at all.
    const kept = new Set(agents.map((a) => teamKey(a.tenant, a.teamId)));
    const teams = f.teamId || f.agentId ? live.teams.filter((t) => kept.has(teamKey(t.tenant, t.id))) : live.teams;
    res.json({ ...live, agents, exceptions: live.exceptions.filter(keep), teams });
  });
  return router;
}
