import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { callReasonsView } from '../../views/call-reasons.ts';
import { requireRole } from '../auth-middleware.ts';
import { tenantsParam } from '../query.ts';

/** GET /call-reasons[?tenant=a,b]: each queue's and client's top call reasons today with their share (read role). */
export function callReasonsRouter(opts: { engineOf: (req: Request) => Engine; auth: Authenticator }): Router {
  const router = Router();
  router.get('/call-reasons', requireRole(opts.auth, 'read'), (req, res) => {
    res.json(callReasonsView(opts.engineOf(req), tenantsParam(req)));
  });
  return router;
}
