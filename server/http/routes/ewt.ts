import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { quote } from '../../validation/quote.ts';
import { queueEwt } from '../../views/queue-ewt.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { ownedQueue } from '../owned.ts';
import { knownParams, oneParam } from '../query.ts';

/** Positions beyond this are no queue an IVR announces to; larger asks are refused, not clamped. */
export const MAX_EWT_POSITION = 10_000;
/** Priorities are integers in call.queued; this bounds what a query may ask about. */
export const MAX_EWT_PRIORITY = 1_000_000;

/** GET /queues/:queueId/ewt[?position=k][&priority=p]: the estimated wait an IVR may poll (read role). */
export function ewtRouter(opts: { engineOf: (req: Request) => Engine; auth: Authenticator }): Router {
  const router = Router();
  router.get('/queues/:queueId/ewt', requireRole(opts.auth, 'read'), (req, res) => {
    const engine = opts.engineOf(req);
    const q = ownedQueue(req, engine);
    knownParams(req, ['tenant', 'position', 'priority', 'workspace']);
    const position = intParam(req, 'position', 1, MAX_EWT_POSITION);
    const priority = intParam(req, 'priority', -MAX_EWT_PRIORITY, MAX_EWT_PRIORITY);
    if (position !== undefined && priority !== undefined) throw new HttpError(400, 'position and priority: give one of them (a position already fixes the place in line)');
    res.json(queueEwt(engine, q, { position, priority }));
  });
  return router;
}

/** An optional integer query parameter within [min, max]. */
function intParam(req: Request, name: string, min: number, max: number): number | undefined {
  const raw = oneParam(req, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(raw)) throw new HttpError(400, `${name}: ${quote(raw)} is not a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, `${name}: must be from ${min} to ${max}, got ${n}`);
  return n;
}
