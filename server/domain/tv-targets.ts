/**
 * Targets of a figure pooled over several queues (a client's, or the whole floor's), and the
 * verdict on the pooled figure.
 *
 * The pooled service level is Σ answeredInSL / Σ denominator over the queues (DESIGN.md section
 * 4: counts are summed before dividing). When the queues' targets differ, a plain mean of the
 * targets (or one weighted by calls offered) is not what that figure should be held to: it
 * ignores, or miscounts, how many calls each queue put into the denominator. The target here is
 * weighted by exactly those calls, Σ target_q × denominator_q / Σ denominator_q, so "the
 * client's service level meets its target" means "the client answered in time at least as many
 * calls as its queues' targets together ask for" (Σ answeredInSL ≥ Σ target_q × denominator_q).
 * It moves with the mix of calls, so the screen labels it "call-weighted" whenever the targets
 * differ, and shows the plain shared target when they do not.
 *
 * The TV's tiles and the client report's totals (client-report.ts) both pool their targets here,
 * so the two screens never hold one client's figure to different targets.
 */
import type { Ratio } from '../protocol/metrics.ts';
import type { TvTarget, TvVerdict } from '../protocol/tv.ts';
import { statusHigherBetter, statusLowerBetter } from '../protocol/status.ts';
import { decimal } from './queue-config.ts';

/** One queue's share in a pooled target: its target and colour thresholds, and its calls in the figure's denominator. */
export interface TargetPart {
  target: number;
  amber: number;
  red: number;
  /** Calls of this queue in the pooled figure's denominator. */
  weight: number;
}

/** A pooled target with the colour thresholds pooled the same way. */
export interface PooledTarget extends TvTarget {
  amber: number;
  red: number;
}

/**
 * The weighted mean of `values` by `weights`; the plain mean when no weight is positive (no
 * calls yet), and exactly the common value when all are equal. Rounded to 9 decimals, as the
 * verdicts round the figure, so a client whose every queue is exactly on its target is met
 * rather than missed by binary residue (0.9 × 4 + 0.7 × 12) / 16 = 0.7499999999999999.
 */
function blend(values: number[], weights: number[]): number {
  if (values.length === 0) return 0;
  if (values.every((v) => v === values[0])) return values[0];
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return decimal(values.reduce((a, b) => a + b, 0) / values.length);
  return decimal(values.reduce((sum, v, i) => sum + v * weights[i], 0) / total);
}

/**
 * The target (0..1, seconds, or whatever unit the parts share) of a figure pooled over `parts`,
 * weighted by their calls; without colour thresholds. It is `shared` when the parts that weigh
 * in have one target (all parts, before any has calls): a queue with no calls moves no value,
 * and labelling its client's own target "call-weighted" for it would say the mix of calls did.
 */
export function pooledTargetValue(parts: readonly { target: number; weight: number }[]): TvTarget {
  const targets = parts.map((p) => p.target);
  const weighing = parts.some((p) => p.weight > 0) ? parts.filter((p) => p.weight > 0).map((p) => p.target) : targets;
  return { value: blend(targets, parts.map((p) => p.weight)), shared: weighing.every((t) => t === weighing[0]) };
}

/** The target (0..1, or whatever unit the parts share) of a figure pooled over `parts`, weighted by their calls, with its colour thresholds. */
export function pooledTarget(parts: TargetPart[]): PooledTarget {
  const w = parts.map((p) => p.weight);
  return {
    ...pooledTargetValue(parts),
    amber: blend(parts.map((p) => p.amber), w),
    red: blend(parts.map((p) => p.red), w),
  };
}

/** The figure rounded as targets are (9 decimals), so a figure exactly on its target is not missed by binary residue. */
const rounded = (value: Ratio): Ratio => (value === null ? null : decimal(value));

/** Whether a figure where higher is better reaches `target` (same unit); null when there is no figure. */
export function metHigherBetter(value: Ratio, target: number): boolean | null {
  const v = rounded(value);
  return v === null ? null : v >= target;
}

/** Whether a figure where lower is better stays within `target` (same unit); null when there is no figure. */
export function metLowerBetter(value: Ratio, target: number): boolean | null {
  const v = rounded(value);
  return v === null ? null : v <= target;
}

/** Verdict on a figure where higher is better (service level, staff on the phones); the figure is rounded like the target. */
export function verdictHigherBetter(value: Ratio, t: PooledTarget): TvVerdict {
  return { status: statusHigherBetter(rounded(value), t), met: metHigherBetter(value, t.value) };
}

/** Verdict on a figure where lower is better (abandon rate); the figure is rounded like the target. */
export function verdictLowerBetter(value: Ratio, t: PooledTarget): TvVerdict {
  return { status: statusLowerBetter(rounded(value), t), met: metLowerBetter(value, t.value) };
}
