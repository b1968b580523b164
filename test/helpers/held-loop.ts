import { expect } from 'vitest';
import { healthLatencies } from '../../bench/abuse-inputs.ts';

/** The body limit the turn tests send up to (MAX_BODY_BYTES's default), bytes. */
export const BODY_LIMIT = 10 * 1024 * 1024;

/** What a request sent while health was polled got, with the slowest health answer and how long the request took (ms). */
export interface Watched<T> {
  answer: T;
  slowestHealthMs: number;
  tookMs: number;
}

/** Sends a body of nearly `BODY_LIMIT` bytes with `send` while polling `base`'s health. */
export async function sendWatched<T>(base: string, body: string, send: (body: string) => Promise<T>): Promise<Watched<T>> {
  expect(Buffer.byteLength(body)).toBeGreaterThan(BODY_LIMIT - 200_000);
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_LIMIT);
  const t0 = performance.now();
  const answer = send(body);
  const tookMs = answer.then(() => performance.now() - t0);
  const latencies = await healthLatencies(base, answer);
  expect(latencies.length).toBeGreaterThan(0);
  return { answer: await answer, slowestHealthMs: Math.max(...latencies), tookMs: await tookMs };
}

/**
 * Asserts that health never waited for the request in one piece: its slowest answer is under
 * 1 s, or under half the request's own time. A request read in one go holds the loop for most of
 * its time, so health waits about as long as it takes (1.5-5 s at these sizes); read in turns,
 * health waits one turn. Under a loaded test run one turn has taken over 1 s, while the request
 * took several, so a fixed ceiling alone either failed a good run or missed a bad one.
 */
export function expectLoopNotHeld(w: Watched<unknown>): void {
  expect(w.slowestHealthMs, `slowest health ${Math.round(w.slowestHealthMs)} ms of a ${Math.round(w.tookMs)} ms request`).toBeLessThan(Math.max(1000, w.tookMs / 2));
}

/** The longest turn of the loop while a piece of work was waited for, and the whole wait (ms). */
export interface TurnsOfWait {
  longest: number;
  ms: number;
}

/**
 * Asserts that work was written over turns: its longest turn is under half its wait, in the first
 * try or in one of up to `tries - 1` more from `again`. A build held in one turn is most of the
 * wait in every try (100-400 ms of 185-500 ms); written in turns, one turn is 11-60 ms. A pause of
 * the test process (a collection, the VM, another file's worker on 2 cores) reads as one long
 * turn: full runs saw 248 ms of 488 and 1,060 of 1,601 once each. It seldom falls in three tries
 * in a row; a held build falls in all of them.
 */
export async function expectWrittenOverTurns(first: TurnsOfWait, again: () => Promise<TurnsOfWait>, tries = 3): Promise<void> {
  const seen = [first];
  const overTurns = (t: TurnsOfWait) => t.longest < t.ms / 2;
  while (!overTurns(seen[seen.length - 1]) && seen.length < tries) seen.push(await again());
  const said = seen.map((t) => `${Math.round(t.longest)} ms of ${Math.round(t.ms)} ms`).join(', ');
  expect(seen.some(overTurns), `longest turn of each try: ${said}`).toBe(true);
}
