import { Router, type Request } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { campaignBoard, campaignList } from '../../views/campaign-board.ts';
import { requireRole } from '../auth-middleware.ts';
import { findOwned } from '../owned.ts';
import { dateParam, knownParams, tenantsParam } from '../query.ts';
import { agentBoardQueues, boardHasQueue } from '../../views/people-scope.ts';

/**
 * GET /campaigns[?tenant=a,b]: the caller's outbound campaigns with their day so far;
 * GET /campaigns/:campaignId[?tenant=][&date=YYYY-MM-DD]: one campaign's board per local hour.
 * Read role; another tenant's campaign answers 404 exactly like an unknown one. A campaign is
 * dialled through the queue of its id, so an agent sees those of the queues it serves only.
 */
export function campaignsRouter(opts: { engineOf: (req: Request) => Engine; auth: Authenticator }): Router {
  const router = Router();
  router.get('/campaigns', requireRole(opts.auth, 'read'), (req, res) => {
    const engine = opts.engineOf(req);
    const tenants = tenantsParam(req);
    knownParams(req, ['tenant', 'workspace']);
    const board = agentBoardQueues(engine, req.principal!);
    const list = campaignList(engine, tenants);
    res.json(board ? { ...list, campaigns: list.campaigns.filter((c) => boardHasQueue(board, c.tenant, c.campaignId)) } : list);
  });
  router.get('/campaigns/:campaignId', requireRole(opts.auth, 'read'), (req, res) => {
    const engine = opts.engineOf(req);
    const id = String(req.params.campaignId);
    const board = agentBoardQueues(engine, req.principal!);
    const campaign = findOwned(req, engine, 'campaign', id, (t) => (boardHasQueue(board, t.id, id) ? engine.campaigns.campaign(t.id, id) : undefined));
    knownParams(req, ['tenant', 'date', 'workspace']);
    res.json(campaignBoard(engine, campaign, dateParam(req, engine.campaigns.hourClock, 'date')));
  });
  return router;
}
