import express, { Router, type Request } from 'express';
import { can } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { sameWeekdayFourWeekMean, sameWeekdayLastWeek } from '../../domain/forecast/baselines.ts';
import { addDays, dailyActuals, daysBetween } from '../../domain/forecast/daily-history.ts';
import type { HistoryCompareView } from '../../protocol/history.ts';
import type { Plan } from '../../domain/plan.ts';
import { historySteps } from '../../history/csv-import.ts';
import { queueRowsOnce } from '../../history/queue-rows-once.ts';
import type { HistoryService } from '../../history/history-service.ts';
import { RETENTION_DAYS } from '../../history/types.ts';
import type { SlicedWork } from '../../realtime/sliced.ts';
import { quote } from '../../validation/quote.ts';
import { tomorrowPlanView } from '../../views/tomorrow-plan-view.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, throwIfRefused } from '../errors.ts';
import { auditTenant } from '../audit-plan.ts';
import type { EntryResult } from '../../floor/fold.ts';
import type { LogEntry } from '../../protocol/log.ts';
import { calendarDays, MAX_CALENDAR_BYTES, refuseDeepJson } from '../calendar-body.ts';
import { ownedQueue } from '../owned.ts';
import { agentBoardQueues, boardHasQueue } from '../../views/people-scope.ts';
import type { SpecialDay } from '../../domain/forecast/calendar.ts';
import { readImport, writeInParts } from '../sliced-import.ts';
import { dateParam, knownParams, livePlanOnly, oneParam, tenantParam, writeTenant } from '../query.ts';

export interface HistoryRouterOptions {
  engine: Engine;
  plan: Plan;
  history: HistoryService;
  auth: Parameters<typeof requireRole>[0];
  maxBodyBytes: number;
  /** The turns imports are read and written in (sliced-import.ts). */
  importWork: SlicedWork;
  /** Appends a log entry (the import's queues, registered); resolves once it is applied here. */
  submit: (entry: LogEntry) => Promise<EntryResult>;
}

/**
 * The tenant a read is for: `?tenant=` (one the token sees, else 404 as if it did not exist),
 * else the token's only tenant, else `default` for an all-tenant token.
 */
export function readTenant(req: Request): string {
  const p = req.principal!;
  const asked = tenantParam(req);
  if (asked !== undefined) {
    if (!can.seeTenant(p, asked)) throw new HttpError(404, `tenant ${quote(asked)} not found`);
    return asked;
  }
  if (!p.tenants) return 'default';
  if (p.tenants.size === 1) return [...p.tenants][0];
  throw new HttpError(400, `tenant: this token sees ${p.tenants.size} tenants; add ?tenant= with one of them`);
}

/**
 * The special days an agent's board may show: those of every queue, and those naming a queue it
 * serves, with only those queues named (other queues' ids are not its to see, as elsewhere).
 */
function daysOnBoard(days: readonly SpecialDay[], tenant: string, board: ReadonlySet<string>): SpecialDay[] {
  return days.flatMap((d) => {
    if (!d.queueIds) return [d];
    const queueIds = d.queueIds.filter((id) => boardHasQueue(board, tenant, id));
    return queueIds.length ? [{ ...d, queueIds }] : [];
  });
}

/**
 * History rows written in one step of an import: about 8 ms in SQLite. All rows are checked
 * before the first is written; PostgreSQL writes them in batches of its own anyway.
 */
const HISTORY_WRITE_ROWS = 1000;

/** Interval history, its CSV import, forecasts from it, the special-days calendar and tomorrow's plan. */
export function historyRouter(opts: HistoryRouterOptions): Router {
  const { engine, history } = opts;
  const router = Router();
  const reader = requireRole(opts.auth, 'read');
  const planner = requireRole(opts.auth, 'plan');
  const text = express.text({ type: () => true, limit: opts.maxBodyBytes });
  const clock = engine.clock;

  /** The caller's queue of that id (history is read for queues the floor knows). */
  const queueOf = (req: Request): { tenant: string; id: string } => {
    const q = ownedQueue(req, engine);
    return { tenant: q.config.tenant, id: q.config.id };
  };
  /** The date of `?name=`, else `fallback` (a date worked out here, not checked). */
  const dateOr = (req: Request, name: string, fallback: string): string => dateParam(req, clock, name)?.date ?? fallback;
  const today = (): string => clock.dayOf(engine.now || Date.now()).date;

  /** Local days from..to inclusive (default: the week up to today). */
  router.get('/queues/:queueId/history', reader, async (req, res) => {
    const q = queueOf(req);
    knownParams(req, ['tenant', 'from', 'to']);
    const to = dateOr(req, 'to', today());
    const from = dateOr(req, 'from', addDays(to, -6));
    const days = daysBetween(from, to) + 1;
    if (days < 1) throw new HttpError(400, `to: ${quote(to)} is before from (${from})`);
    if (days > RETENTION_DAYS) throw new HttpError(400, `from/to: ${days} days asked; at most ${RETENTION_DAYS} days (history is kept ${RETENTION_DAYS} days)`);
    // A row left inside a longer one after a change of interval length is not listed: its calls are the longer row's, and so are its reasons here.
    const rows = queueRowsOnce(await history.store.queueIntervals(q.tenant, q.id, clock.dayOfDate(from)!.start, clock.dayOfDate(to)!.end), clock.intervalMinutes);
    res.json({ tenant: q.tenant, queueId: q.id, from, to, intervals: rows.map(({ tenant: _t, queueId: _q, ...r }) => ({ ...r, intervalStart: clock.iso(r.intervalStart) })) });
  });

  /** Calls per wall-clock slot of the same weekday last week and the four-week mean, for the wallboard's chart. */
  router.get('/queues/:queueId/history/compare', reader, async (req, res) => {
    const q = queueOf(req);
    knownParams(req, ['tenant', 'date', 'workspace']);
    const date = dateOr(req, 'date', today());
    const rows = await history.store.queueIntervals(q.tenant, q.id, clock.dayOfDate(addDays(date, -28))!.start, clock.dayOfDate(date)!.start);
    const byDate = new Map(dailyActuals(rows, clock).map((d) => [d.date, d]));
    const body: HistoryCompareView = {
      tenant: q.tenant,
      queueId: q.id,
      date,
      intervalMinutes: clock.intervalMinutes,
      lastWeek: sameWeekdayLastWeek(byDate, date)?.calls ?? null,
      fourWeekMean: sameWeekdayFourWeekMean(byDate, date)?.calls ?? null,
    };
    res.json(body);
  });

  router.post('/history', planner, text, async (req, res) => {
    const tenant = writeTenant(req);
    livePlanOnly(req);
    auditTenant(res, tenant);
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new HttpError(400, 'body is empty: send CSV with the header interval_start,queue_id,calls,aht_seconds');
    const rows = await readImport(opts.importWork, historySteps(req.body, tenant, clock));
    const queues = [...new Set(rows.map((r) => r.queueId))].sort();
    // Registered first, through the log, so that a client's history imported before its first
    // live call can be forecast and reported; past the tenant's cap nothing of the import is kept.
    throwIfRefused(await opts.submit({ k: 'queues', tenant, queueIds: queues }));
    await writeInParts(opts.importWork, rows, HISTORY_WRITE_ROWS, (part) => history.store.upsertQueueIntervals(part));
    for (const id of queues) history.dropForecasts(tenant, id);
    res.json({ tenant, intervals: rows.length, queues });
  });

  router.get('/queues/:queueId/forecast', reader, async (req, res) => {
    const q = queueOf(req);
    knownParams(req, ['tenant', 'source', 'date']);
    const source = oneParam(req, 'source') ?? 'history';
    if (source !== 'history') throw new HttpError(400, `source: ${quote(source)} is not known; use source=history (imported forecasts: GET /api/v1/forecasts/:queueId/:date)`);
    const now = today();
    const date = dateOr(req, 'date', addDays(now, 1));
    const f = await history.forecast(q.tenant, q.id, date, date < now ? date : now);
    if (!f) throw new HttpError(404, `no forecast from history for queue ${quote(q.id)} on ${date}: it needs at least four weeks of history before that day`);
    res.json({ tenant: q.tenant, queueId: q.id, source: 'history', ...f, special: f.special, intervals: f.intervals.map((i) => ({ intervalStart: clock.iso(i.start), calls: i.calls, ahtSeconds: i.ahtSeconds })) });
  });

  router.get('/calendar', reader, async (req, res) => {
    const tenant = readTenant(req);
    knownParams(req, ['tenant']);
    const calendar = await history.calendar(tenant);
    const board = agentBoardQueues(engine, req.principal!);
    res.json({ tenant, ...calendar, days: board ? daysOnBoard(calendar.days, tenant, board) : calendar.days });
  });

  router.put('/calendar', planner, express.json({ limit: MAX_CALENDAR_BYTES, verify: refuseDeepJson }), async (req, res) => {
    const tenant = writeTenant(req);
    livePlanOnly(req);
    auditTenant(res, tenant);
    const days = calendarDays(req.body, engine.clock, (queueId) => engine.queue(tenant, queueId) !== undefined);
    await history.setCalendar(tenant, days);
    res.json({ tenant, days, custom: true });
  });

  router.get('/queues/:queueId/plan', reader, async (req, res) => {
    const q = ownedQueue(req, engine);
    knownParams(req, ['tenant', 'date', 'workspace']);
    const now = today();
    const date = dateOr(req, 'date', addDays(now, 1));
    const f = await history.forecast(q.config.tenant, q.config.id, date, date < now ? date : now);
    const view = tomorrowPlanView(engine, opts.plan, q, clock.dayOfDate(date)!, f);
    if (!view) throw new HttpError(404, `no plan for queue ${quote(q.config.id)} on ${date}: no imported forecast, and under four weeks of history before that day`, 'plan.noForecast', { queue: q.config.id, date });
    res.json(view);
  });

  return router;
}
