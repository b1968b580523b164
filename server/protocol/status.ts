import type { Ratio, Status } from '../protocol/metrics.ts';

/** Status of a KPI where higher is better (service level): below amber is amber, below red is red. */
export function statusHigherBetter(value: Ratio, t: { amber: number; red: number }): Status {
  if (value === null) return 'none';
  return value < t.red ? 'red' : value < t.amber ? 'amber' : 'ok';
}

/** Status of a KPI where lower is better (waits, abandons): above amber is amber, above red is red. */
export function statusLowerBetter(value: number | null, t: { amber: number; red: number }): Status {
  if (value === null) return 'none';
  return value > t.red ? 'red' : value > t.amber ? 'amber' : 'ok';
}
