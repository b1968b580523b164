import { ImportError, TooManyRows } from '../ingest/plan-import.ts';
import { loopSlicedWork, runSliced, startSliced, type SlicedWork } from '../realtime/sliced.ts';
import type { Response } from 'express';
import { finished } from 'node:stream';
import { HttpError } from './errors.ts';

/**
 * Longest (ms) one turn of the event loop spends reading imports (and writing schedule reads),
 * all of them together: a 10 MiB schedule read in one go held the loop 2.8-3.9 s (health and
 * every push waited).
 */
export const IMPORT_BUDGET_MS = 8;

/** The turns every import of a server is read in, and every GET /schedules written (one budget a turn for all of them). */
export function importWork(onError: (err: unknown) => void): SlicedWork {
  return loopSlicedWork(IMPORT_BUDGET_MS, onError);
}

let runs = 0;

/** What `steps` give, run a step a job of `work`, in the turns (and the budget a turn) imports share. */
export function stepsInTurns<T>(work: SlicedWork, steps: Generator<void, T>): Promise<T> {
  return runSliced(work, 'steps', steps);
}

/**
 * What an import's `steps` give, read as jobs of `work` between other turns of the loop: 400
 * naming the problems of a refused import, 413 naming the limit of one with too many rows.
 */
export async function readImport<T>(work: SlicedWork, steps: Generator<void, T>): Promise<T> {
  try {
    return await stepsInTurns(work, steps);
  } catch (e) {
    if (e instanceof TooManyRows) throw new HttpError(413, e.message);
    if (e instanceof ImportError) throw new HttpError(400, e.message);
    throw e;
  }
}

/**
 * Writes `rows` a part of `size` at a time, each write started as a job of `work`: an SQLite
 * write is synchronous, and 288,000 history rows in one transaction held the loop 2.3 s. A
 * write that fails leaves the parts before it written.
 */
export async function writeInParts<R>(work: SlicedWork, rows: readonly R[], size: number, write: (part: R[]) => Promise<void>): Promise<void> {
  const key = `write-${++runs}`;
  for (let i = 0; i < rows.length; i += size) await startSliced(work, key, () => write(rows.slice(i, i + size)));
}

/**
 * What `steps` give, or null as soon as `res` is closed before they end (its caller gone): a
 * read nobody waits for stops at its next step instead of building and encoding to the end, so
 * requests dropped as soon as sent do not pile up work and memory beyond the connections open.
 */
export function* untilClosed<T>(res: Response, steps: Generator<void, T>): Generator<void, T | null> {
  let closed = false;
  const onClose = () => (closed = true);
  res.once('close', onClose);
  try {
    for (;;) {
      if (closed || res.destroyed) return null;
      const r = steps.next();
      if (r.done) return r.value;
      yield;
    }
  } finally {
    res.off('close', onClose);
  }
}

/** Resolves once `res` has been sent to its end, or closed before (its caller gone); never rejects. */
export function responseDone(res: Response): Promise<void> {
  return new Promise((resolve) => finished(res, () => resolve()));
}
