import { existsSync } from 'node:fs';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Authenticator } from '../../auth/principals.ts';
import type { ReplayStatus } from '../../ingest/replay.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { knownParams } from '../query.ts';

const body = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
    speed: z.union([z.number().positive().max(100_000), z.literal('max')]).optional(),
  })
  .strict();

export interface ReplayControl {
  /** Journal file of a date, or null when journaling is off. */
  fileOf(date: string): string | null;
  start(date: string, file: string, speed: number): ReplayStatus;
  stop(): ReplayStatus | null;
  status(): ReplayStatus | null;
}

/** POST/GET/DELETE /api/v1/replay: play a journaled day into the replay workspace. */
export function replayRouter(auth: Authenticator, control: ReplayControl): Router {
  const router = Router();
  router.get('/replay', requireRole(auth, 'read'), (req, res) => {
    knownParams(req, ['workspace']);
    const status = control.status();
    if (!status) return void res.json({ state: 'idle' });
    // The journal's path and its all-tenant counts are the operator's business, not a client's.
    if (req.principal!.tenants !== null) {
      const { file: _file, events: _events, rejected: _rejected, error: _error, ...progress } = status;
      return void res.json(progress);
    }
    res.json(status);
  });
  const allTenants = (req: Request) => {
    if (req.principal!.tenants !== null) throw new HttpError(403, 'a replay plays every tenant of a day: an all-tenant token is needed', 'replay.allTenants');
  };
  router.post('/replay', requireRole(auth, 'plan'), express.json({ limit: '4kb' }), (req, res) => {
    allTenants(req);
    // The banner of a replay page starts the next one with its workspace, as every write of that page.
    knownParams(req, ['workspace']);
    const parsed = body.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const file = control.fileOf(parsed.data.date);
    if (file === null) throw new HttpError(400, 'journaling is off: start the server with JOURNAL_DIR to keep days for replay', 'replay.journalingOff');
    if (!existsSync(file)) throw new HttpError(404, `no journal for ${parsed.data.date} (${file})`, 'replay.noJournal', { date: parsed.data.date });
    const speed = parsed.data.speed === undefined || parsed.data.speed === 'max' ? Infinity : parsed.data.speed;
    res.status(202).json(control.start(parsed.data.date, file, speed));
  });
  // Stopping is as much the operator's business as starting: one tenant's analyst may not stop everyone's replay.
  router.delete('/replay', requireRole(auth, 'plan'), (req, res) => {
    allTenants(req);
    knownParams(req, []);
    res.json(control.stop() ?? { state: 'idle' });
  });
  return router;
}
