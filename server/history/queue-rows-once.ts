import { withoutSuperseded } from '../domain/superseded-rows.ts';
import type { QueueIntervalRollup } from './types.ts';

/**
 * A queue's rows with each call once: a row left inside a longer row (after a change of interval
 * length) is left out, since the longer row holds its calls. Its call reasons go to the longer
 * row instead: history places reasons by when calls were wrapped, and the history source left
 * the day's reasons on the rows it had written, so the longer row does not hold them.
 */
export function queueRowsOnce(rows: readonly QueueIntervalRollup[], defaultMinutes: number): QueueIntervalRollup[] {
  return withoutSuperseded(rows, defaultMinutes, (longer, inside) => ({ ...longer, dispositions: addCounts(longer.dispositions, inside.dispositions) }));
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}
