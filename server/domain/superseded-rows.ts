/**
 * The rows sorted by start, less every row whose whole span lies inside a longer row's. Rows
 * are keyed by start, so when a half-hour row starts where a quarter-hour row started it
 * replaced it: it was written later, and the quarter-hour after it inside the half-hour is a
 * leftover of the shorter length (the day a centre went from 15 to 30 minutes, or a 30-minute
 * import over 15-minute rows). Counting both would count those calls twice.
 *
 * `fold`, when given, hands each left-out row to the row it lies inside, whose place it takes:
 * for what the leftover holds that the longer row does not (the call reasons history places by
 * when calls were wrapped, not by the interval they arrived in).
 */
export function withoutSuperseded<Row extends { intervalStart: number; intervalMinutes?: number }>(rows: readonly Row[], defaultMinutes: number, fold?: (longer: Row, inside: Row) => Row): Row[] {
  const sorted = [...rows].sort((a, b) => a.intervalStart - b.intervalStart);
  const out: Row[] = [];
  let cover = { end: -Infinity, minutes: 0, at: -1 };
  for (const r of sorted) {
    const minutes = r.intervalMinutes ?? defaultMinutes;
    const end = r.intervalStart + minutes * 60_000;
    if (end <= cover.end && minutes < cover.minutes) {
      if (fold) out[cover.at] = fold(out[cover.at], r);
      continue;
    }
    out.push(r);
    if (end > cover.end) cover = { end, minutes, at: out.length - 1 };
  }
  return out;
}
