/**
 * Top call reasons with their share of the day's coded calls, and the change against the same
 * weekday a week before when that day's counts are known. Pure: counts in, rows out.
 */

/** One reason of the day. Shares are fractions 0..1 of the calls with a disposition. */
export interface CallReasonRow {
  reason: string;
  count: number;
  share: number;
  /** The share on the same weekday last week; null when that day is not known. */
  lastWeekShare: number | null;
  /** share - lastWeekShare (fraction points); null when last week is not known. */
  shareChange: number | null;
}

export interface CallReasons {
  /** Calls handled today with a disposition. */
  total: number;
  reasons: CallReasonRow[];
  /** Whether last week's same weekday was known: 'unknown' shows as "no comparison yet". */
  comparison: 'known' | 'unknown';
}

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
