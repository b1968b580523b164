/** What the wallboard knows of a queue to pick the one its interval chart shows. */
export interface ChartCandidate {
  key: string;
  today: { offered: number };
}

/**
 * The key of the queue the wallboard's interval chart shows ('' with none): the one chosen, else
 * the one it shows while that still has calls today, else the first with calls today, else the
 * first. Without the second, a quiet first queue's first call pulled the chart away from the
 * queue it had opened on (and fetched that queue's history again) mid-morning.
 */
export function chartQueueKey(queues: readonly ChartCandidate[], chosen: string, shown: string): string {
  if (queues.some((q) => q.key === chosen)) return chosen;
  const busy = (q: ChartCandidate) => q.today.offered > 0;
  const kept = queues.find((q) => q.key === shown);
  if (kept && busy(kept)) return shown;
  return (queues.find(busy) ?? queues[0])?.key ?? '';
}
