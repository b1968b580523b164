/**
 * Top call reasons with their share of the day's coded calls, and the change against the same
 * weekday a week before when that day's counts are known. Pure: counts in, rows out.
 */
import type { CallReasons } from '../protocol/call-reasons.ts';

export type { CallReasonRow, CallReasons } from '../protocol/call-reasons.ts';

/** Adds `from` into `into` (disposition -> calls). */
export function addCounts(into: Map<string, number>, from: ReadonlyMap<string, number> | undefined): Map<string, number> {
  if (from) for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
  return into;
}

/**
 * The `limit` most frequent reasons of `today` (most first, ties by name) with their share of
 * all of today's coded calls; `lastWeek` null means not known (a reason absent from a known
 * week had share 0 then).
 */
export function callReasons(today: ReadonlyMap<string, number>, lastWeek: ReadonlyMap<string, number> | null, limit = 5): CallReasons {
  const total = sum(today);
  const weekTotal = lastWeek ? sum(lastWeek) : 0;
  const known = lastWeek !== null && weekTotal > 0;
  const reasons = [...today]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([reason, count]) => {
      const share = count / total;
      const lastWeekShare = known ? (lastWeek.get(reason) ?? 0) / weekTotal : null;
      return { reason, count, share, lastWeekShare, shareChange: lastWeekShare === null ? null : share - lastWeekShare };
    });
  return { total, reasons, comparison: known ? 'known' : 'unknown' };
}

function sum(m: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const n of m.values()) s += n;
  return s;
}
