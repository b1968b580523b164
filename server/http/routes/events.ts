import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { ingestBatch } from '../../ingest/ingest-batch.ts';
import { BodyError, parseEventBody } from '../../ingest/parse-body.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';

/** POST /api/v1/events: canonical events as a JSON array or NDJSON. */
export function eventsRouter(opts: { engine: Engine; auth: Authenticator; logger: Logger; maxBodyBytes: number; maxTs: () => number }): Router {
  const router = Router();
  router.post(
    '/events',
    requireRole(opts.auth, 'write'),
    express.text({ type: () => true, limit: opts.maxBodyBytes }),
    (req, res) => {
      if (typeof req.body !== 'string') throw new HttpError(400, 'body is empty: send a JSON array of events or NDJSON');
      let items;
      try {
        items = parseEventBody(req.body);
      } catch (e) {
        if (e instanceof BodyError) throw new HttpError(400, e.message);
        throw e;
      }
      const result = ingestBatch(opts.engine, items, {
        tenants: req.principal!.tenants,
        maxTs: opts.maxTs(),
        onAnomaly: (ev, reason, detail) => opts.logger.warn({ eventId: ev.id, type: ev.type, reason }, `anomaly: ${detail}`),
      });
      if (result.rejected.length) opts.logger.info({ rejected: result.rejected.length, first: result.rejected[0] }, 'rejected events');
      res.json(result);
    },
  );
  return router;
}
