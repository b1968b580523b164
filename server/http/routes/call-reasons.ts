import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import type { HistoryStore } from '../../history/types.ts';
import { callReasonsView } from '../../views/call-reasons.ts';
import { lastWeekCounts } from '../../views/call-reasons-history.ts';
import { agentBoardQueues, boardHasQueue, boardHasTenant } from '../../views/people-scope.ts';
import { requireRole } from '../auth-middleware.ts';
import { knownParams, tenantsParam } from '../query.ts';

/** GET /call-reasons[?tenant=a,b]: each queue's and client's top call reasons today with their share and the change against the same weekday last week (read role). */
export function callReasonsRouter(opts: { engineOf: (req: Request) => Engine; auth: Authenticator; live?: Engine; store?: HistoryStore }): Router {
  const router = Router();
  router.get('/call-reasons', requireRole(opts.auth, 'read'), async (req, res) => {
    const engine = opts.engineOf(req);
    const tenants = tenantsParam(req);
    knownParams(req, ['tenant', 'workspace']);
    // Last week comes from the history store for the live floor (a replay's days are not the store's).
    const lastWeek = opts.store && engine === opts.live ? await lastWeekCounts(engine, opts.store, tenants) : undefined;
    const view = callReasonsView(engine, tenants, 5, lastWeek);
    // An agent reads the queues it serves; a client's row sums every queue of the client.
    const board = agentBoardQueues(engine, req.principal!);
    res.json(board ? { ...view, queues: view.queues.filter((q) => boardHasQueue(board, q.tenant, q.queueId)), tenants: view.tenants.filter((t) => boardHasTenant(engine, board, t.tenant)) } : view);
  });
  return router;
}
