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

/** A comma-separated list query parameter, or null when absent. */
export function listParam(req: Request, name: string): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw new HttpError(400, `${name}: give a comma-separated list`);
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}
