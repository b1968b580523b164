import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { agentIntervalRows } from '../../views/agent-view.ts';
import { queueIntervalRows } from '../../views/queue-rows.ts';
import { snapshot, type Scope } from '../../views/snapshot.ts';
import { assertTenant, requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { dayParam, listParam, tenantsParam } from '../query.ts';

/** Read endpoints of the live floor: snapshot and interval tables. */
export function floorRouter(opts: { engineOf: (req: Request) => Engine; auth: Authenticator }): Router {
  const { engineOf } = opts;
  const router = Router();
  router.use(requireRole(opts.auth, 'read'));

  router.get('/snapshot', (req, res) => {
    const engine = engineOf(req);
    const queues = listParam(req, 'queue');
    const scope: Scope = { tenants: tenantsParam(req), queues: queues ? new Set(queues) : null };
    res.json(snapshot(engine, scope));
  });

  router.get('/queues/:queueId/intervals', (req, res) => {
    const engine = engineOf(req);
    const q = engine.queues.get(req.params.queueId);
    if (!q) throw new HttpError(404, `queue "${req.params.queueId}" not found`);
    assertTenant(req, q.config.tenant, `queue "${req.params.queueId}"`);
    const day = dayParam(req, engine);
    res.json({ queueId: q.config.id, date: day.date, timezone: engine.config.timezone, intervals: queueIntervalRows(engine, q, day.start) });
  });

  router.get('/agents/:agentId/intervals', (req, res) => {
    const engine = engineOf(req);
    const a = engine.agents.get(req.params.agentId);
    if (!a) throw new HttpError(404, `agent "${req.params.agentId}" not found`);
    assertTenant(req, a.tenant, `agent "${req.params.agentId}"`);
    const day = dayParam(req, engine);
    res.json({ agentId: a.id, date: day.date, timezone: engine.config.timezone, intervals: agentIntervalRows(engine, a, day.start) });
  });

  router.get('/anomalies', (req, res) => {
    const engine = engineOf(req);
    if (req.principal!.tenants !== null) throw new HttpError(403, 'anomalies span tenants: an all-tenant token is needed');
    res.json({ counters: engine.counters, recent: engine.recentAnomalies });
  });
  return router;
}
