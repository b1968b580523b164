import { Router, type Request } from 'express';
import { can } from '../../auth/principals.ts';
import { REPORT_PERIODS, resolvedBy, type ReportPeriod } from '../../domain/client-report.ts';
import type { Engine } from '../../domain/engine.ts';
import { isDeferred, responseTargetSeconds } from '../../domain/backlog.ts';
import { clientReport, clientReportCsv, type ReportSubject } from '../../history/client-report.ts';
import type { HistoryStore } from '../../history/types.ts';
import { quote } from '../../validation/quote.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { dateParam, knownParams, oneParam } from '../query.ts';
import { agentBoardQueues, boardHasTenant } from '../../views/people-scope.ts';

export interface ReportRouterOptions {
  engine: Engine;
  store: HistoryStore;
  auth: Parameters<typeof requireRole>[0];
  /** Dispositions that count as resolved cases; empty: any containing "resolved". */
  resolvedDispositions: readonly string[];
}

/** The one place the report reads the engine: a tenant's queues with their targets, and its agents. */
function subjectOf(engine: Engine, tenant: string): ReportSubject {
  const t = engine.tenants.get(tenant)!;
  return {
    tenant,
    tenantName: t.name,
    queues: [...t.queues.values()]
      .map((q) => ({
        queueId: q.config.id,
        name: q.config.name,
        targets: { slFormula: q.config.slFormula, slTarget: q.config.slTarget, slThresholdSeconds: q.config.slThresholdSeconds, asaTargetSeconds: q.config.asaTargetSeconds, abandonTarget: q.config.abandonTarget },
        ...(isDeferred(q.config) ? { responseTargetSeconds: responseTargetSeconds(q.config) } : {}),
      }))
      .sort((a, b) => a.queueId.localeCompare(b.queueId)),
    agentIds: [...t.agents.keys()].sort(),
  };
}

/** The query parameters a report reads (the workspace a replay page adds changes nothing: a report is of the history store). */
const REPORT_PARAMS = ['period', 'date', 'workspace'] as const;

/** The client's contract report per tenant and period, as JSON and as CSV. */
export function reportRouter(opts: ReportRouterOptions): Router {
  const { engine } = opts;
  const router = Router();
  const reader = requireRole(opts.auth, 'read');
  const resolved = resolvedBy(opts.resolvedDispositions);

  /** Whether the caller sees every queue of the tenant the report sums (an agent sees the queues it serves only). */
  const seesAllQueues = (req: Request, tenant: string): boolean => boardHasTenant(engine, agentBoardQueues(engine, req.principal!), tenant);

  const build = async (req: Request, tenant: string) => {
    // Another tenant's report, or one summing queues the caller may not see, answers exactly like a tenant that does not exist.
    if (!can.seeTenant(req.principal!, tenant) || !engine.tenants.has(tenant) || !seesAllQueues(req, tenant)) throw new HttpError(404, `tenant ${quote(tenant)} not found`);
    knownParams(req, REPORT_PARAMS);
    const period = oneParam(req, 'period') ?? 'month';
    if (!(REPORT_PERIODS as readonly string[]).includes(period)) throw new HttpError(400, `period: ${quote(period)} is not day, week or month`);
    const now = engine.now || Date.now();
    const date = dateParam(req, engine.clock, 'date')?.date ?? engine.clock.dayOf(now).date;
    return clientReport(opts.store, subjectOf(engine, tenant), period as ReportPeriod, date, engine.clock, resolved, now);
  };

  router.get('/reports/:tenant.csv', reader, async (req, res) => {
    const r = await build(req, String(req.params.tenant));
    res.type('text/csv').attachment(`${r.tenant}-${r.period}-${r.current.from}-report.csv`).send(clientReportCsv(r));
  });
  router.get('/reports/:tenant', reader, async (req, res) => {
    res.json(await build(req, String(req.params.tenant)));
  });
  return router;
}
