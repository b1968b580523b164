import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import express, { Router } from 'express';
import { z } from 'zod';
import type { Authenticator } from '../../auth/principals.ts';
import type { Engine } from '../../domain/engine.ts';
import { FloorLogBuilder, type LoggedEvent } from '../../domain/past-day/floor-log.ts';
import type { PastDayRequest } from '../../protocol/past-day.ts';
import { localDay } from '../../validation/dates.ts';
import { quote } from '../../validation/quote.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { pastDayWhatIf } from '../../views/past-day-whatif.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { ownedQueue } from '../owned.ts';
import { knownParams } from '../query.ts';

/** Cost ceilings of one re-run: calls and agents of the tenant's day, changes asked, agents per change. */
export const PAST_DAY_LIMITS = { calls: 200_000, agents: 5_000, changes: 10, agentsPerChange: 100, lineBytes: 64 * 1024 } as const;

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const body = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
    changes: z
      .array(
        z
          .object({
            from: z.string().regex(HHMM, 'must be HH:MM'),
            to: z.string().regex(HHMM, 'must be HH:MM').optional(),
            agents: z
              .number()
              .int()
              .refine((n) => n !== 0, 'must not be 0')
              .refine((n) => Math.abs(n) <= PAST_DAY_LIMITS.agentsPerChange, `must be at most ${PAST_DAY_LIMITS.agentsPerChange} either way`),
          })
          .strict(),
      )
      .max(PAST_DAY_LIMITS.changes, `at most ${PAST_DAY_LIMITS.changes} changes`),
  })
  .strict();

/**
 * POST /queues/:queueId/past-day {date, changes}: a past day of the queue's tenant re-run from
 * its journal with staffing changed (planners: analysts, managers, admins).
 */
export function pastDayRouter(opts: { engine: Engine; auth: Authenticator; journalFile: (date: string) => string | null }): Router {
  const router = Router();
  router.post('/queues/:queueId/past-day', requireRole(opts.auth, 'plan'), express.json({ limit: '8kb' }), async (req, res) => {
    const e = opts.engine;
    const q = ownedQueue(req, e);
    // The intraday page offers the re-run on a replay page too (its writes carry the workspace); it reads the journal either way.
    knownParams(req, ['tenant', 'workspace']);
    // Refusals carry codes, so the intraday page words them in its language (a bad body: request.invalid, its English detail inside).
    const parsed = body.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const ask: PastDayRequest = parsed.data;
    ask.changes.forEach((c, i) => {
      if (c.to !== undefined && c.to <= c.from) throw new HttpError(400, `changes.${i}.to: to must be after from`, 'pastDay.toBeforeFrom', { from: c.from, to: c.to });
    });
    const day = localDay(e.clock, ask.date);
    if (typeof day === 'string') throw invalidRequest(`date: ${day}`);
    if (day.end > e.clock.dayOf(e.now || Date.now()).start) throw new HttpError(400, `date: ${quote(ask.date)} is not a past day`, 'pastDay.notPast', { date: ask.date });
    const file = opts.journalFile(ask.date);
    if (file === null) throw new HttpError(400, 'journaling is off: start the server with JOURNAL_DIR to keep days for a re-run', 'pastDay.journalingOff');
    if (!existsSync(file)) throw new HttpError(404, `no journal for ${ask.date}`, 'pastDay.noJournal', { date: ask.date });
    const tenant = q.config.tenant;
    const log = await readTenantDay(file, tenant, day.start, day.end);
    const queues = [...e.tenants.get(tenant)!.queues.values()].map((x) => ({ id: x.config.id, name: x.config.name, slTarget: x.config.slTarget, thresholdSeconds: x.config.slThresholdSeconds, patienceSeconds: x.config.patienceSeconds, formula: x.config.slFormula }));
    res.json(pastDayWhatIf(log, tenant, queues, q.config.id, day, e.clock, ask.changes));
  });
  return router;
}

/** The tenant's events of [from, to) from a journal, within PAST_DAY_LIMITS (413 beyond them). */
async function readTenantDay(file: string, tenant: string, from: number, to: number) {
  const b = new FloorLogBuilder(from);
  const tenantKey = JSON.stringify(tenant);
  let calls = 0;
  const agents = new Set<string>();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    // Cheap filters first: most lines of a shared journal belong to other tenants.
    if (line.length > PAST_DAY_LIMITS.lineBytes || !line.includes(tenantKey)) continue;
    let ev: LoggedEvent & { tenant?: unknown };
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (ev.tenant !== tenant) continue;
    const ts = typeof ev.ts === 'number' ? ev.ts : Date.parse(String(ev.ts));
    if (!(ts >= from && ts < to)) continue;
    if (ev.type === 'call.queued' && ++calls > PAST_DAY_LIMITS.calls) {
      lines.close();
      throw new HttpError(413, `the day holds more than ${PAST_DAY_LIMITS.calls} calls of this tenant: too many to re-run`, 'pastDay.tooManyCalls', { limit: PAST_DAY_LIMITS.calls });
    }
    if (typeof ev.agentId === 'string' && agents.add(ev.agentId).size > PAST_DAY_LIMITS.agents) {
      lines.close();
      throw new HttpError(413, `the day holds more than ${PAST_DAY_LIMITS.agents} agents of this tenant: too many to re-run`, 'pastDay.tooManyAgents', { limit: PAST_DAY_LIMITS.agents });
    }
    b.add(ev);
  }
  return b.build(to);
}
