import type { Request } from 'express';
import type { Engine } from '../domain/engine.ts';
import type { IntervalClock, LocalDay } from '../domain/intervals.ts';
import { MAX_ID_CHARS } from '../ingest/validate-event.ts';
import { localDay } from '../validation/dates.ts';
import { filterId } from '../validation/filter-id.ts';
import { quote } from '../validation/quote.ts';
import { issueText } from '../validation/zod-issues.ts';
import { HttpError } from './errors.ts';

/** The local day named by `?date=YYYY-MM-DD`, or today by the engine clock when absent. */
export function dayParam(req: Request, engine: Engine): LocalDay {
  return dateParam(req, engine.clock, 'date') ?? engine.clock.dayOf(engine.now);
}

/** The local day named by the query parameter `name` (one date, FIRST_DATE..LAST_DATE), or undefined when absent. */
export function dateParam(req: Request, clock: Pick<IntervalClock, 'dayOfDate'>, name: string): LocalDay | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new HttpError(400, `${name}: give one date as YYYY-MM-DD`);
  return namedDay(clock, name, raw);
}

/** The local day of `raw`, a date a request names in `name` (query, path or body): a 400 naming it unless YYYY-MM-DD within FIRST_DATE..LAST_DATE. */
export function namedDay(clock: Pick<IntervalClock, 'dayOfDate'>, name: string, raw: string): LocalDay {
  const day = localDay(clock, raw);
  if (typeof day === 'string') throw new HttpError(400, `${name}: ${day}`);
  return day;
}

/**
 * The tenants a read covers: `?tenant=a,b` (each one the token must see, else 404 as for a
 * tenant that does not exist), else every tenant the token sees (null: all).
 */
export function tenantsParam(req: Request): ReadonlySet<string> | null {
  const allowed = req.principal!.tenants;
  const asked = listParam(req, 'tenant');
  if (!asked) return allowed;
  for (const t of asked) if (allowed && !allowed.has(t)) throw new HttpError(404, `tenant ${quote(t)} not found`);
  return new Set(asked);
}

/**
 * The tenant a write goes to: `?tenant=` (which the token must be allowed to write), else the
 * token's only tenant, else `default` for an all-tenant token. A token of several tenants
 * must say which.
 */
export function writeTenant(req: Request): string {
  const allowed = req.principal!.tenants;
  // Read as given, not trimmed: a padded tenant is refused below, not written to another.
  const asked = oneParam(req, 'tenant');
  if (asked === '') throw new HttpError(400, EMPTY_TENANT);
  if (asked !== undefined) {
    // An all-tenant token's write makes the tenant it names: one an event could name.
    newId('tenant', asked);
    if (allowed && !allowed.has(asked)) throw new HttpError(403, `tenant: this token may not write for tenant ${quote(asked)}`);
    return asked;
  }
  if (!allowed) return 'default';
  if (allowed.size === 1) return [...allowed][0];
  throw new HttpError(400, `tenant: this token writes for ${allowed.size} tenants; add ?tenant= with one of them`);
}

/**
 * `raw` when it may be the id of something a write registers (a tenant, a queue): at most
 * MAX_ID_CHARS characters with no space at either end, like the ids of events; else a 400 naming `name`.
 */
export function newId(name: string, raw: string): string {
  if (raw.length > MAX_ID_CHARS) throw new HttpError(400, `${name}: ${quote(raw)} is longer than ${MAX_ID_CHARS} characters`);
  if (raw.trim() !== raw) throw new HttpError(400, `${name}: ${quote(raw)} begins or ends with a space`);
  return raw;
}

/** A query parameter given at most once. */
export function oneParam(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v !== undefined && typeof v !== 'string') throw new HttpError(400, `${name}: give one value`);
  return v;
}

/** The workspace a request asks for: `?workspace=live` (the default) or `replay`; 400 for anything else. */
export function workspaceParam(req: Request): 'live' | 'replay' {
  const w = req.query.workspace;
  if (w === undefined || w === 'live') return 'live';
  if (w !== 'replay') throw new HttpError(400, 'workspace: live or replay');
  return 'replay';
}

/**
 * Checks the query of a plan write: a parameter other than `tenant` and `workspace` is a 400
 * (knownParams), and the replay workspace a 409 with nothing changed. The replay shows the live
 * plan: a what-if an analyst took for a sandbox of last Tuesday changed today's staffing for
 * everyone. Called after the role and tenant checks, so those refusals stay as they were.
 */
export function livePlanOnly(req: Request): void {
  knownParams(req, ['tenant', 'workspace']);
  if (workspaceParam(req) === 'replay') throw new HttpError(409, 'the replay workspace shows the live plan read-only: change the plan on the live floor (without ?workspace=replay)', 'replay.planReadOnly');
}

/**
 * Refuses a query parameter the route does not read (400 naming it and the ones it does): a
 * misspelt `?perod=week` answered the default month as if asked for, and nothing said so. Call
 * it after the route has found what the caller may see, so another tenant's resource answers
 * 404 whatever its parameters. A listed `workspace` is checked even where the answer does not
 * depend on it: the client adds it to every read of a replay page (client/src/lib/workspace.ts).
 */
export function knownParams(req: Request, known: readonly string[]): void {
  for (const name of Object.keys(req.query)) {
    if (!known.includes(name)) throw new HttpError(400, `${quote(name)} is not a parameter here; known: ${known.join(', ') || 'none'}`);
  }
  if (known.includes('workspace')) workspaceParam(req);
}

const EMPTY_TENANT = 'tenant: empty; give a tenant id or leave the parameter out';

/**
 * `?tenant=` naming one tenant a read is for, trimmed (idParam), or undefined when absent; present
 * but empty or spaces (a `?tenant=${undefined}`) is a 400, not the tenant "": a read of it answered
 * "queue not found" or an all-tenant token's read an empty tenant.
 */
export function tenantParam(req: Request): string | undefined {
  if (oneParam(req, 'tenant')?.trim() === '') throw new HttpError(400, EMPTY_TENANT);
  return idParam(req, 'tenant');
}

/**
 * An id query parameter a read asks for (agentId, teamId, tenant), trimmed as ingest trims event
 * ids and as the socket reads ids (filterId), or undefined when absent; empty or spaces only, or
 * longer than MAX_ID_CHARS, is a 400 naming `name`, not "no filter".
 */
export function idParam(req: Request, name: string): string | undefined {
  const v = oneParam(req, name);
  if (v === undefined) return undefined;
  const parsed = filterId.safeParse(v);
  if (!parsed.success) throw new HttpError(400, issueText(parsed.error, name));
  return parsed.data;
}

/** A comma-separated list query parameter (1 to `max` items), or null when absent. */
export function listParam(req: Request, name: string, max = 1000): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw new HttpError(400, `${name}: give a comma-separated list`);
  const list = raw.split(',', max + 1).map((s) => s.trim()).filter(Boolean);
  // An empty filter is a mistake (a `?tenant=${undefined}`), not "none": it answered an empty floor.
  if (list.length === 0) throw new HttpError(400, `${name}: empty; give one or more, comma-separated, or leave the parameter out`);
  if (list.length > max) throw new HttpError(400, `${name}: at most ${max} values`);
  // Each an id of at most MAX_ID_CHARS (filterId): a longer one names nothing, whoever asks.
  for (const item of list) {
    const parsed = filterId.safeParse(item);
    if (!parsed.success) throw new HttpError(400, issueText(parsed.error, name));
  }
  return list;
}

/** A whole-number query parameter from `min` to `max`, or `fallback` when absent. */
export function wholeParam(req: Request, name: string, min: number, max: number, fallback: number): number {
  const raw = oneParam(req, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new HttpError(400, `${name}: ${quote(raw)} is not a whole number from ${min} to ${max}`);
  return n;
}
