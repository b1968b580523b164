import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { principalKey, principalKind, type Authenticator } from '../../auth/principals.ts';
import { hiddenInTextProblem } from '../../validation/invisible-text.ts';
import type { Engine, QueueState } from '../../domain/engine.ts';
import type { LocalDay } from '../../domain/intervals.ts';
import { dayForgotten, MAX_WHATIF_AGENTS, tooFarAhead, type Plan, type WhatIf } from '../../domain/plan.ts';
import type { EntryResult } from '../../floor/fold.ts';
import type { LogEntry } from '../../protocol/log.ts';
import type { ReforecastParams } from '../../domain/reforecast.ts';
import { forecastSteps, isoTime, scheduleSteps } from '../../ingest/plan-import.ts';
import type { SlicedWork } from '../../realtime/sliced.ts';
import { intradayCsv, intradayView, whatIfView, type HistoryLookup } from '../../views/intraday.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, throwIfRefused } from '../errors.ts';
import { auditTenant } from '../audit-plan.ts';
import { ownedAgent, ownedQueue } from '../owned.ts';
import { agentFilter } from '../../views/people-scope.ts';
import { readImport, responseDone, stepsInTurns, untilClosed } from '../sliced-import.ts';
import { scheduleJsonSteps } from '../../views/schedule-rows.ts';
import { sendJsonParts } from '../send-json-parts.ts';
import { WaitingCounts } from '../../realtime/rate-limit.ts';
import { packScheduleSteps } from '../../protocol/packed-schedule.ts';
import { dayParam, idParam, knownParams, livePlanOnly, namedDay, newId, oneParam, tenantsParam, wholeParam, writeTenant } from '../query.ts';
import { quote } from '../../validation/quote.ts';
import { checkedBy, issueText } from '../../validation/zod-issues.ts';

export interface PlanRouterOptions {
  /** The live engine: the plan and its what-ifs belong to it. */
  engine: Engine;
  /** The engine a read asks for (live, or a replay workspace). */
  engineOf: (req: Request) => Engine;
  plan: Plan;
  /** Appends a plan change to the log; resolves once it is applied here. */
  submit: (entry: LogEntry) => Promise<EntryResult>;
  auth: Authenticator;
  reforecast: ReforecastParams;
  activities: readonly string[];
  maxBodyBytes: number;
  /** GET /schedules/:date reads in hand at once over every sign-in (config `maxScheduleReads`). */
  maxScheduleReads: number;
  /** The turns imports are read in and schedule reads written (sliced-import.ts). */
  importWork: SlicedWork;
  /** History forecasts for the intraday view of the live engine when no forecast was imported. */
  historyForecast?: HistoryLookup;
  /** Called when a queue's plan changed, so viewers of its intraday get it at once. */
  onPlanChange: (queues: QueueState[] | 'all') => void;
}

const whatIfBody = z
  .object({
    from: isoTime,
    to: isoTime,
    agents: z.number().int().refine((n) => n !== 0, 'must not be 0').refine((n) => Math.abs(n) <= MAX_WHATIF_AGENTS, `must be at most ${MAX_WHATIF_AGENTS.toLocaleString('en-US')} either way`),
    label: z.string().max(200).superRefine(checkedBy(hiddenInTextProblem)).optional(),
  })
  .strict();

/** Highest `offset` and `limit` of a page of schedules (agents): past the biggest floor. */
const MAX_AGENT_OFFSET = 1_000_000;

/**
 * GET /schedules/:date reads a sign-in may have in hand at once. Built and sent over turns, reads
 * run together, each holding its answer (its text, then its bytes: about 16 MB for 120,000
 * segments) until it has gone out; when each held its text, bytes and joined body together
 * (45 MB), one token's 32 reads at once took 1.6 GB. No page reads schedules; a WFM integration
 * reads a day or two at a time. The server's own bound over every sign-in is the config's
 * `maxScheduleReads`.
 */
const MAX_SCHEDULE_READS = 2;

/** The query parameters the intraday table and its CSV read. */
const INTRADAY_PARAMS = ['tenant', 'date', 'workspace'] as const;


/** Forecasts, schedules, what-ifs, the intraday table and its CSV export. */
export function planRouter(opts: PlanRouterOptions): Router {
  const { engine, plan } = opts;
  const router = Router();
  const text = express.text({ type: () => true, limit: opts.maxBodyBytes });
  const reader = requireRole(opts.auth, 'read');
  const planner = requireRole(opts.auth, 'plan');
  /** Schedule reads in hand per sign-in (principalKey), at most MAX_SCHEDULE_READS each and maxScheduleReads in all. */
  const scheduleReads = new WaitingCounts(MAX_SCHEDULE_READS, opts.maxScheduleReads);

  /**
   * The local day of a plan upload's date; 400 beyond MAX_PLAN_DAYS_AHEAD after the floor's today,
   * 409 before the oldest day its retention keeps. The fold refuses days it has forgotten, but it
   * forgets them only when an event turns its day: until then (no call yet today, or none since
   * the start) a day past the retention was taken, and dropped at the next call.
   */
  const planDateOf = (raw: string, field = 'date'): LocalDay => {
    const day = namedDay(engine.clock, field, raw);
    const far = tooFarAhead(day.date, engine.clock.dayOf(engine.now).date);
    if (far) throw new HttpError(400, `${field}: ${far.refused}`, far.code, far.params);
    const oldest = engine.retentionCut(engine.now);
    if (day.start < oldest) {
      const old = dayForgotten(day.date, engine.clock.dayOf(oldest).date, engine.config.retentionDays);
      throw new HttpError(409, old.refused, old.code, old.params);
    }
    return day;
  };
  const bodyOf = (req: Request): string => {
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new HttpError(400, 'body is empty: send CSV with a header row, or a JSON array');
    return req.body;
  };

  /** The caller's queue of that id, or (for a plan that comes before the first call) the write tenant's, registered when the plan is applied. */
  const queueForPlan = (req: Request): { tenant: string; id: string } => {
    try {
      const q = ownedQueue(req, engine);
      return { tenant: q.config.tenant, id: q.config.id };
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 404) throw e;
      return { tenant: writeTenant(req), id: newId('queueId', String(req.params.queueId)) };
    }
  };

  router.put('/forecasts/:queueId/:date', planner, text, async (req, res) => {
    const q = queueForPlan(req);
    livePlanOnly(req);
    auditTenant(res, q.tenant);
    const day = planDateOf(String(req.params.date));
    const body = bodyOf(req);
    const rows = await readImport(opts.importWork, forecastSteps(body, req.get('content-type'), q.id, day, engine.clock));
    throwIfRefused(await opts.submit({ k: 'forecast', tenant: q.tenant, queueId: q.id, dayStart: day.start, dayEnd: day.end, rows: [...rows].map(([s, r]) => [s, r.calls, r.ahtSeconds]) }));
    const applied = engine.queue(q.tenant, q.id);
    if (applied) opts.onPlanChange([applied]);
    res.json({ queueId: q.id, tenant: q.tenant, date: day.date, intervals: rows.size });
  });

  router.delete('/forecasts/:queueId/:date', planner, async (req, res) => {
    const q = ownedQueue(req, engine);
    livePlanOnly(req);
    auditTenant(res, q.config.tenant);
    const day = namedDay(engine.clock, 'date', String(req.params.date));
    await opts.submit({ k: 'forecast', tenant: q.config.tenant, queueId: q.config.id, dayStart: day.start, dayEnd: day.end, rows: [] });
    opts.onPlanChange([q]);
    res.status(204).end();
  });

  router.get('/forecasts/:queueId/:date', reader, (req, res) => {
    const q = ownedQueue(req, engine);
    knownParams(req, ['tenant']);
    const day = namedDay(engine.clock, 'date', String(req.params.date));
    const intervals = day.starts.flatMap((s) => {
      const f = plan.forecast(q.config.tenant, q.config.id, s);
      return f ? [{ intervalStart: engine.clock.iso(s), calls: f.calls, ahtSeconds: f.ahtSeconds }] : [];
    });
    res.json({ queueId: q.config.id, tenant: q.config.tenant, date: day.date, intervals });
  });

  router.put('/schedules/:date', planner, text, async (req, res) => {
    const tenant = writeTenant(req);
    livePlanOnly(req);
    auditTenant(res, tenant);
    const day = planDateOf(String(req.params.date));
    const body = bodyOf(req);
    const contentType = req.get('content-type');
    const entry = await readImport(opts.importWork, (function* () {
      const segments = yield* scheduleSteps(body, contentType, day, opts.activities);
      const other = segments.find((s) => s.tenant !== undefined && s.tenant !== tenant);
      if (other) throw new HttpError(400, `tenant: a row names tenant ${quote(other.tenant)}, but this import is for tenant ${quote(tenant)} (use ?tenant=)`);
      return yield* packScheduleSteps(tenant, day.start, day.end, segments);
    })());
    const result = await opts.submit(entry);
    throwIfRefused(result);
    opts.onPlanChange('all');
    res.json({ tenant, date: day.date, ...(result as { segments: number; agents: number }) });
  });

  router.get('/schedules/:date', reader, async (req, res) => {
    const onlyAgent = idParam(req, 'agentId');
    // agentId= is resolved like a path id: an agent out of the caller's sight answers like an unknown one.
    const agentTenant = onlyAgent === undefined ? undefined : ownedAgent(req, engine, onlyAgent).tenant;
    // A rota makes its agents the floor's (registerAgentsSteps), so each rota is judged by its agent's team.
    const sees = agentFilter(req.principal!);
    const tenants = agentTenant !== undefined ? new Set([agentTenant]) : (tenantsParam(req) ?? new Set(engine.tenants.keys()));
    knownParams(req, ['tenant', 'agentId', 'offset', 'limit']);
    const day = namedDay(engine.clock, 'date', String(req.params.date));
    // Paged only when asked: without offset or limit the answer is every agent's, as it always was.
    const paged = req.query.offset !== undefined || req.query.limit !== undefined;
    const page = { offset: wholeParam(req, 'offset', 0, MAX_AGENT_OFFSET, 0), limit: wholeParam(req, 'limit', 0, MAX_AGENT_OFFSET, Infinity) };
    const admits = (tenant: string, id: string) => (!onlyAgent || id === onlyAgent) && (!sees || sees.admits(id, engine.agent(tenant, id)?.teamId ?? null));
    const key = principalKey(req.principal!);
    const refused = scheduleReads.refusal(key);
    if (refused) {
      res.set('Retry-After', '1');
      // The sign-in's own limit is its doing (429); the server's is the server's load (503).
      if (refused === 'key') throw new HttpError(429, `too many schedule reads at once for this sign-in (limit ${MAX_SCHEDULE_READS}): wait for one to finish`);
      throw new HttpError(503, `too many schedule reads at once for this server (limit ${opts.maxScheduleReads}): ask again in a second`);
    }
    try {
      // Written and sent over turns (120,000 segments are 16 MB of JSON): health and pushes go on meanwhile.
      const built = await stepsInTurns(opts.importWork, untilClosed(res, scheduleJsonSteps(plan, engine.clock, [...tenants], day, admits, page)));
      // Its caller gone, there is nobody to answer.
      if (!built) return;
      // The text JSON.stringify gives { date, total?, segments }, with the segments' array already
      // written. Put around the parts in place: sendJsonParts drops each part's text as it encodes
      // it, and a copy of the array would keep the whole text until the read ends.
      const { parts } = built;
      parts.unshift(`{"date":${JSON.stringify(day.date)},${paged ? `"total":${built.agents},` : ''}"segments":`);
      parts.push('}');
      await sendJsonParts(res, opts.importWork, parts);
      // Counted until the answer has gone out or its caller has gone: handed to a socket that a
      // caller reads slowly, the body waits in the server's buffers.
      await responseDone(res);
    } finally {
      scheduleReads.giveBack(key);
    }
  });

  router.get('/queues/:queueId/intraday', reader, (req, res) => {
    const e = opts.engineOf(req);
    const q = ownedQueue(req, e);
    knownParams(req, INTRADAY_PARAMS);
    res.json(intradayView(e, plan, q, dayParam(req, e).start, opts.reforecast, e === engine ? opts.historyForecast : undefined));
  });

  router.get('/queues/:queueId/intraday.csv', reader, (req, res) => {
    const e = opts.engineOf(req);
    const q = ownedQueue(req, e);
    knownParams(req, INTRADAY_PARAMS);
    const view = intradayView(e, plan, q, dayParam(req, e).start, opts.reforecast, e === engine ? opts.historyForecast : undefined);
    res.type('text/csv').attachment(`${q.config.id}-${view.date}-intraday.csv`).send(intradayCsv(view));
  });

  router.get('/queues/:queueId/whatifs', reader, (req, res) => {
    const q = ownedQueue(req, engine);
    knownParams(req, ['tenant', 'date']);
    const day = dayParam(req, engine);
    res.json({ whatIfs: plan.whatIfsFor(q.config.tenant, q.config.id, day.date).map((w) => whatIfView(engine, w)) });
  });

  router.post('/queues/:queueId/whatifs', planner, express.json({ limit: '16kb' }), async (req, res) => {
    const q = ownedQueue(req, engine);
    livePlanOnly(req);
    auditTenant(res, q.config.tenant);
    const parsed = whatIfBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, issueText(parsed.error, 'body'));
    const from = Date.parse(parsed.data.from);
    const to = Date.parse(parsed.data.to);
    if (Number.isNaN(from) || engine.clock.intervalStart(from) !== from) throw new HttpError(400, `from: ${parsed.data.from} does not start an interval`);
    const day = planDateOf(engine.clock.dayOf(from).date, 'from');
    if (to <= from) throw new HttpError(400, 'to: must be after from');
    if (to > day.end) throw new HttpError(400, `to: a what-if stays within one local day (${day.date})`);
    if (engine.clock.intervalStart(to) !== to && to !== day.end) throw new HttpError(400, `to: ${parsed.data.to} does not end an interval`);
    const result = await opts.submit({ k: 'whatif.add', tenant: q.config.tenant, queueId: q.config.id, date: day.date, from, to, agents: parsed.data.agents, label: parsed.data.label ?? '', createdBy: req.principal!.name, createdByKind: principalKind(req.principal!) });
    throwIfRefused(result);
    const w = result as WhatIf;
    opts.onPlanChange([q]);
    res.status(201).json(whatIfView(engine, w));
  });

  router.delete('/queues/:queueId/whatifs/:id', planner, async (req, res) => {
    const q = ownedQueue(req, engine);
    livePlanOnly(req);
    auditTenant(res, q.config.tenant);
    const w = plan.whatIf(q.config.tenant, String(req.params.id));
    if (!w || w.queueId !== q.config.id) throw new HttpError(404, `what-if ${quote(String(req.params.id))} not found on queue ${quote(q.config.id)}`);
    await opts.submit({ k: 'whatif.remove', tenant: q.config.tenant, id: w.id });
    opts.onPlanChange([q]);
    res.status(204).end();
  });

  return router;
}
