import type { Request } from 'express';
import { can } from '../auth/principals.ts';
import type { AgentRecord, Engine, QueueState, TenantFloor } from '../domain/engine.ts';
import { clip, quote } from '../validation/quote.ts';
import { HttpError } from './errors.ts';
import { tenantParam } from './query.ts';
import { visibleFloors } from '../views/snapshot.ts';
import { agentBoardQueues, boardHasQueue, seesAgent } from '../views/people-scope.ts';

/** What `findOwned` looks for (the `kind` of its refusals' params, which screens word). */
export type OwnedKind = 'queue' | 'agent' | 'alert' | 'campaign';

/**
 * Finds something a tenant owns by its id in the URL. Only the caller's own tenants are
 * searched, so another tenant's id answers exactly like an id that does not exist (same
 * status, same body, same work). `?tenant=` picks the tenant when the id is in several of the
 * caller's tenants; without it that is a 409 naming the caller's own tenants to choose from.
 */
export function findOwned<T>(req: Request, engine: Engine, what: OwnedKind, id: string, pick: (t: TenantFloor) => T | undefined): T {
  const p = req.principal!;
  const asked = tenantParam(req);
  const notFound = () => new HttpError(404, `${what} ${quote(id)} not found`, 'owned.notFound', { kind: what, id: clip(id) });
  if (asked !== undefined) {
    if (!can.seeTenant(p, asked)) throw notFound();
    const t = engine.tenants.get(asked);
    const found = t && pick(t);
    if (found === undefined) throw notFound();
    return found;
  }
  const matches: { tenant: string; found: T }[] = [];
  for (const t of visibleFloors(engine, p.tenants)) {
    const found = pick(t);
    if (found !== undefined) matches.push({ tenant: t.id, found });
  }
  if (matches.length === 0) throw notFound();
  if (matches.length > 1) {
    const tenants = matches.map((m) => m.tenant).slice(0, 10).join(', ');
    throw new HttpError(409, `${what} ${quote(id)} exists in ${matches.length} of your tenants (${tenants}): add ?tenant= to choose`, 'owned.inSeveralTenants', {
      kind: what,
      id: clip(id),
      count: matches.length,
      tenants,
    });
  }
  return matches[0].found;
}

/**
 * The queue named by `:queueId`, within the caller's tenants and, for an agent, the queues it
 * serves: a queue its snapshot does not show answers like one that does not exist.
 */
export function ownedQueue(req: Request, engine: Engine): QueueState {
  const id = String(req.params.queueId);
  const board = agentBoardQueues(engine, req.principal!);
  return findOwned(req, engine, 'queue', id, (t) => (boardHasQueue(board, t.id, id) ? t.queues.get(id) : undefined));
}

/**
 * The agent named by `:agentId` (or `id`), within the caller's tenants and person scope: another
 * team's agent (for an agent, anyone but itself) answers like one that does not exist.
 */
export function ownedAgent(req: Request, engine: Engine, id = String(req.params.agentId)): AgentRecord {
  const p = req.principal!;
  return findOwned(req, engine, 'agent', id, (t) => {
    const a = t.agents.get(id);
    return a && seesAgent(p, a.id, a.teamId) ? a : undefined;
  });
}
