import type { Request } from 'express';
import type { Engine } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import { HttpError } from './errors.ts';

/** The local day named by `?date=YYYY-MM-DD`, or today by the engine clock when absent. */
export function dayParam(req: Request, engine: Engine): LocalDay {
  const raw = req.query.date;
  if (raw === undefined) return engine.clock.dayOf(engine.now);
  if (typeof raw !== 'string') throw new HttpError(400, 'date: give one date as YYYY-MM-DD');
  const day = engine.clock.dayOfDate(raw);
  if (!day) throw new HttpError(400, `date: "${raw}" is not a date of the form YYYY-MM-DD`);
  return day;
}

/**
 * The tenants a read covers: `?tenant=a,b` (each one the token must see), else every tenant the
 * token sees (null: all).
 */
export function tenantsParam(req: Request): ReadonlySet<string> | null {
  const allowed = req.principal!.tenants;
  const asked = listParam(req, 'tenant');
  if (!asked) return allowed;
  for (const t of asked) if (allowed && !allowed.has(t)) throw new HttpError(403, `tenant: this token may not see tenant "${t}"`);
  return new Set(asked);
}

/** The tenant a write goes to: `?tenant=`, else the token's only tenant, else `default`. */
export function writeTenant(req: Request): string {
  if (typeof req.query.tenant === 'string') return req.query.tenant;
  const t = req.principal!.tenants;
  return t && t.size === 1 ? [...t][0] : 'default';
}

/** A query parameter given at most once. */
export function oneParam(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v !== undefined && typeof v !== 'string') throw new HttpError(400, `${name}: give one value`);
  return v;
}

/** A comma-separated list query parameter, or null when absent. */
export function listParam(req: Request, name: string): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw new HttpError(400, `${name}: give a comma-separated list`);
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}
