import { Router, type Request } from 'express';
import type { Engine, TenantFloor } from '../../domain/engine.ts';
import { scopedKey } from '../../protocol/keys.ts';
import { agentIntervalRows } from '../../views/agent-view.ts';
import { queueIntervalRows } from '../../views/queue-rows.ts';
import { scopeKey, visibleFloors, type Scope } from '../../views/snapshot.ts';
import { snapshotTextSteps } from '../../views/snapshot-text.ts';
import { SnapshotCache, type EncodedBody } from '../../views/snapshot-cache.ts';
import { TooManyBuilds } from '../../realtime/shared-builds.ts';
import { principalKey, type Authenticator } from '../../auth/principals.ts';
import type { SlicedWork } from '../../realtime/sliced.ts';
import { jsonBodySteps, sendEncoded } from '../send-json-parts.ts';
import { stepsInTurns } from '../sliced-import.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { agentBoardQueues, personScope } from '../../views/people-scope.ts';
import { ownedAgent, ownedQueue } from '../owned.ts';
import { dayParam, knownParams, listParam, tenantsParam } from '../query.ts';

export interface FloorRouterOptions {
  engineOf: (req: Request) => Engine;
  auth: Authenticator;
  /** Longest a snapshot body is reused while the engine has not changed, ms. */
  snapshotMaxAgeMs: number;
  /** The turns GET /snapshot is written in, with imports and schedule reads (sliced-import.ts). */
  importWork: SlicedWork;
}

/**
 * New GET /snapshot builds a sign-in may have under way, and the server in all: each holds up to
 * a whole floor's text and bytes (7.4 MB and more for 20,000 agents) until sent. Asks for a scope
 * already being built join that build and count for neither.
 */
const SNAPSHOT_BUILDS_PER_SIGN_IN = 2;
const SNAPSHOT_BUILDS = 4;

/** A snapshot's text parts, then their bytes and ETag: one run of steps. */
function* encodedSteps(text: Generator<void, string[]>): Generator<void, EncodedBody> {
  return yield* jsonBodySteps(yield* text);
}

/** Read endpoints of the live floor: snapshot, interval tables and anomalies. */
export function floorRouter(opts: FloorRouterOptions): Router {
  const { engineOf } = opts;
  const router = Router();
  const snapshots = new SnapshotCache(opts.snapshotMaxAgeMs, { perSignIn: SNAPSHOT_BUILDS_PER_SIGN_IN, total: SNAPSHOT_BUILDS });
  router.use(requireRole(opts.auth, 'read'));

  router.get('/snapshot', async (req, res) => {
    const engine = engineOf(req);
    const tenants = tenantsParam(req);
    knownParams(req, ['tenant', 'queue', 'team', 'workspace']);
    const ids = listParam(req, 'queue');
    const teamIds = listParam(req, 'team', 200);
    let queues: Set<string> | null = null;
    if (ids) {
      // A queue id means that queue in each tenant of the scope that has one.
      queues = new Set();
      for (const t of engine.tenants.values()) {
        if (tenants && !tenants.has(t.id)) continue;
        for (const id of ids) if (t.queues.has(id)) queues.add(scopedKey(t.id, id));
      }
    }
    const board = agentBoardQueues(engine, req.principal!);
    if (board) queues = new Set([...(queues ?? board)].filter((k) => board.has(k)));
    // A team id means that team in each tenant of the scope: a filter (one nobody is in is an empty
    // board), as for sockets. Keyed from the agents' teams, not every tenant times every id: 200 ids
    // on a floor of many tenants made that many keys, all sorted into the scope's key.
    const teams = teamIds ? teamsOfAgents(visibleFloors(engine, tenants), new Set(teamIds)) : null;
    const scope: Scope = { tenants, queues, people: personScope(req.principal!, opts.auth), ...(teams ? { teams } : {}) };
    // Whose names are hidden is a tenant setting, which moves no engine revision: it is part of the key.
    const hidden = scope.people?.hideAgentNames;
    const hiddenIn = hidden ? visibleFloors(engine, tenants).flatMap((t) => (hidden(t.id) ? [t.id] : [])).sort() : [];
    const key = hidden ? `${scopeKey(scope)}|${JSON.stringify(hiddenIn)}` : scopeKey(scope);
    let body: Promise<EncodedBody>;
    try {
      // Written and encoded over turns, in the turns imports share: health and pushes go on meanwhile.
      body = snapshots.get(engine, key, principalKey(req.principal!), () => stepsInTurns(opts.importWork, encodedSteps(snapshotTextSteps(engine, scope))));
    } catch (e) {
      if (!(e instanceof TooManyBuilds)) throw e;
      res.set('Retry-After', '1');
      // The sign-in's own limit is its doing (429); the server's is the server's load (503).
      throw new HttpError(e.who === 'sign-in' ? 429 : 503, `${e.message} (limit ${e.limit}): ask again in a second`);
    }
    const encoded = await body;
    // Its caller gone, there is nobody to answer (the build was shared, and is kept).
    if (!res.destroyed) sendEncoded(res, encoded);
  });

  router.get('/queues/:queueId/intervals', (req, res) => {
    const engine = engineOf(req);
    const q = ownedQueue(req, engine);
    knownParams(req, ['tenant', 'date', 'workspace']);
    const day = dayParam(req, engine);
    res.json({ queueId: q.config.id, tenant: q.config.tenant, date: day.date, timezone: engine.config.timezone, intervals: queueIntervalRows(engine, q, day.start) });
  });

  router.get('/agents/:agentId/intervals', (req, res) => {
    const engine = engineOf(req);
    const a = ownedAgent(req, engine);
    knownParams(req, ['tenant', 'date', 'workspace']);
    const day = dayParam(req, engine);
    res.json({ agentId: a.id, tenant: a.tenant, date: day.date, timezone: engine.config.timezone, intervals: agentIntervalRows(engine, a, day.start) });
  });

  router.get('/anomalies', requireRole(opts.auth, 'readFeed'), (req, res) => {
    const engine = engineOf(req);
    const tenants = tenantsParam(req);
    knownParams(req, ['tenant', 'workspace']);
    const visible = [...engine.tenants.values()].filter((t) => !tenants || tenants.has(t.id));
    res.json({
      tenants: visible.map((t) => ({ tenant: t.id, counters: t.counters, recent: t.recentAnomalies })),
    });
  });
  return router;
}

/** The `scopedKey`s of the teams among `ids` that some agent of `floors` is in. */
function teamsOfAgents(floors: readonly TenantFloor[], ids: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of floors) for (const a of t.agents.values()) if (a.teamId !== null && ids.has(a.teamId)) out.add(scopedKey(t.id, a.teamId));
  return out;
}
