import { Router } from 'express';
import { z } from 'zod';
import type { Authenticator } from '../../auth/principals.ts';
import { ERLANG_LIMITS, erlangLimitProblem, evaluate, requiredAgents, scheduledAgents, traffic, type RequiredInput } from '../../domain/erlang.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { numberField } from '../../validation/numbers.ts';

const L = ERLANG_LIMITS;
// Not z.coerce.number: it read `calls=` as 0 calls and `agents=0x5` as 5 agents.
const num = (what: string) => numberField(`must be a number (${what})`);
const query = z
  .object({
    model: z.enum(['B', 'C', 'A'], { error: 'must be B, C or A' }),
    calls: num('calls in the interval').pipe(z.number().min(0).max(10_000_000)).optional(),
    intervalSeconds: num('seconds').pipe(z.number().min(60).max(86_400)).optional(),
    ahtSeconds: num('seconds').pipe(z.number().min(1).max(86_400)).optional(),
    trafficErlangs: num('Erlangs').pipe(z.number().min(0).max(L.trafficErlangs)).optional(),
    agents: num('agents').pipe(z.number().int('must be a whole number').min(0).max(L.agents)).optional(),
    targetSeconds: num('seconds').pipe(z.number().min(0).max(86_400)).optional(),
    patienceSeconds: num('seconds').pipe(z.number().positive().max(L.patienceSeconds)).optional(),
    targetServiceLevel: num('0..1').pipe(z.number().min(0).max(1)).optional(),
    maxAsaSeconds: num('seconds').pipe(z.number().min(0)).optional(),
    maxOccupancy: num('0..1').pipe(z.number().gt(0).max(1)).optional(),
    maxBlocking: num('0..1').pipe(z.number().min(0).max(1)).optional(),
    maxAbandon: num('0..1').pipe(z.number().min(0).max(1)).optional(),
    shrinkage: num('0..1').pipe(z.number().min(0).lt(1)).optional(),
    // The client adds it to every read of a replay page; the calculator reads no floor, so either is the same.
    workspace: z.enum(['live', 'replay'], { error: 'live or replay' }).optional(),
  })
  .strict();

/**
 * GET /api/v1/erlang: metrics of Erlang B, C or A at a number of agents, or, without `agents`,
 * the smallest number meeting every target given, plus a table of N-2 .. N+3. Every parameter
 * is bounded (ERLANG_LIMITS), so no question costs more than a few milliseconds.
 */
export function erlangRouter(auth: Authenticator): Router {
  const router = Router();
  router.get('/erlang', requireRole(auth, 'read'), (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) {
      throw new HttpError(400, issueText(parsed.error).replace('unknown field(s)', 'unknown parameter(s)'));
    }
    const p = parsed.data;
    let a = p.trafficErlangs;
    if (a === undefined) {
      const missing = (['calls', 'intervalSeconds', 'ahtSeconds'] as const).filter((k) => p[k] === undefined);
      if (missing.length) throw new HttpError(400, `${missing.join(', ')}: required (or give trafficErlangs)`);
      a = traffic(p.calls!, p.intervalSeconds!, p.ahtSeconds!);
    }
    if (p.model !== 'B' && p.ahtSeconds === undefined) throw new HttpError(400, 'ahtSeconds: required for Erlang C and A');
    if (p.model === 'A' && p.patienceSeconds === undefined) throw new HttpError(400, 'patienceSeconds: required for Erlang A (mean caller patience)');
    // The service-level threshold matters only for a service level: without it, P(wait), ASA and occupancy still stand.
    const needsThreshold = p.model !== 'B' && p.targetServiceLevel !== undefined;
    if (needsThreshold && p.targetSeconds === undefined) throw new HttpError(400, 'targetSeconds: required with targetServiceLevel (the service-level threshold)');
    const input: RequiredInput = {
      model: p.model,
      trafficErlangs: a,
      ahtSeconds: p.ahtSeconds ?? 1,
      targetSeconds: p.targetSeconds ?? 0,
      patienceSeconds: p.patienceSeconds,
      targets: { serviceLevel: p.targetServiceLevel, maxAsaSeconds: p.maxAsaSeconds, maxOccupancy: p.maxOccupancy, maxBlocking: p.maxBlocking, maxAbandon: p.maxAbandon },
    };
    const beyond = erlangLimitProblem(input);
    if (beyond) throw new HttpError(400, beyond);
    let agents = p.agents;
    let solved = false;
    if (agents === undefined) {
      const allowed = p.model === 'B' ? ['maxBlocking', 'maxOccupancy'] : p.model === 'C' ? ['targetServiceLevel', 'maxAsaSeconds', 'maxOccupancy'] : ['targetServiceLevel', 'maxAsaSeconds', 'maxOccupancy', 'maxAbandon'];
      if (!allowed.some((k) => p[k as keyof typeof p] !== undefined)) throw new HttpError(400, `agents: give agents, or a target to solve for (${allowed.join(', ')})`);
      const found = requiredAgents(input);
      if (!found) throw new HttpError(400, `targets: no number of agents up to ${L.agents} meets them`);
      agents = found.agents;
      solved = true;
    }
    const withThreshold = (r: ReturnType<typeof evaluate>) => (p.model !== 'B' && p.targetSeconds === undefined ? { ...r, serviceLevel: null } : r);
    const metrics = withThreshold(evaluate(input, agents));
    const table = [];
    for (let n = Math.max(0, agents - 2); n <= agents + 3; n++) table.push(withThreshold(evaluate(input, n)));
    res.json({
      ...metrics,
      ...(solved ? { scheduledAgents: scheduledAgents(agents, p.shrinkage ?? 0), shrinkage: p.shrinkage ?? 0 } : {}),
      table,
    });
  });
  return router;
}
