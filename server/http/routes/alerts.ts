import { Router } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AlertLedger } from '../../domain/alert-ledger.ts';
import type { EntryResult } from '../../floor/fold.ts';
import type { Engine } from '../../domain/engine.ts';
import type { LogEntry } from '../../protocol/log.ts';
import type { AlertView, TenantAlerts } from '../../protocol/alerts.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { findOwned } from '../owned.ts';
import { boardAlerts, boardHasAlert } from '../../views/board-alerts.ts';
import { agentBoardQueues } from '../../views/people-scope.ts';
import { knownParams, tenantsParam, workspaceParam } from '../query.ts';

export interface AlertsRouterOptions {
  engine: Engine;
  ledger: AlertLedger;
  /** Appends a log entry; resolves with what applying it gave. */
  submit: (entry: LogEntry) => Promise<EntryResult>;
  auth: Authenticator;
}

/**
 * GET /alerts (open and recently closed, per tenant the token sees) and POST /alerts/:id/ack.
 * Acknowledging needs only the read role: it is what a supervisor watching the wallboard does,
 * it changes no figure, and it is logged with the token's name (docs/alerts.md).
 */
export function alertsRouter(opts: AlertsRouterOptions): Router {
  const { engine, ledger } = opts;
  const router = Router();
  router.use('/alerts', requireRole(opts.auth, 'read'));

  router.get('/alerts', (req, res) => {
    const asked = tenantsParam(req);
    knownParams(req, ['tenant']);
    const ids = new Set<string>([...engine.tenants.keys(), ...ledger.open().map((a) => a.tenant)]);
    const board = agentBoardQueues(engine, req.principal!);
    const tenants: TenantAlerts[] = [...ids].filter((t) => !asked || asked.has(t)).sort().map((t) => boardAlerts(engine, board, ledger.tenant(t)));
    res.json({ now: engine.now, tenants });
  });

  router.post('/alerts/:id/ack', async (req, res) => {
    const id = String(req.params.id);
    // Ids are unique within a tenant: look only in the caller's tenants (another's answers 404).
    // An agent acknowledges only what it may see (the alerts of the queues it serves).
    const board = agentBoardQueues(engine, req.principal!);
    const alert: AlertView = findOwned(req, engine, 'alert', id, (t) => {
      const a = ledger.find(t.id, id);
      return a && boardHasAlert(engine, board, a) ? a : undefined;
    });
    knownParams(req, ['tenant', 'workspace']);
    // The replay raises no alerts of its own (its hub has no ledger), so an id asked of it can
    // only be the live alert: acknowledging that from a replay page silenced a live alarm on
    // every wallboard while the supervisor thought it was last Tuesday's.
    if (workspaceParam(req) === 'replay') throw new HttpError(409, 'the replay workspace has no alerts: acknowledge alerts on the live floor (without ?workspace=replay)', 'replay.noAlerts');
    const r = await opts.submit({ k: 'alert.ack', tenant: alert.tenant, id, by: req.principal!.name, at: engine.now });
    if (!r || !('ok' in r)) throw new HttpError(500, 'the acknowledgement was logged but gave no answer');
    if (!r.ok) throw new HttpError(r.code === 'not-found' ? 404 : 409, r.error);
    res.json({ alert: r.alert });
  });
  return router;
}
