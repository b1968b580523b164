/**
 * The decimals a TV figure and its target are shown with. The verdict compares the figures
 * themselves, the screen shows them rounded: a client at 76.6% against a call-weighted target of
 * 76.9% would read "77% ✗ below target 77%", and an executive across the room sees a contradiction,
 * not a near miss. Rounding keeps order (a met figure never reads on the wrong side of its
 * target), so only a miss can read equal. The rule, the same for every figure with a target:
 *
 * 1. Figure and target always share their decimals, so the two can be compared at a glance.
 * 2. A miss that reads equal is shown with one more decimal (76.6% against 76.9%).
 * 3. A miss by less than half of that decimal still reads equal; then each is rounded away from
 *    the other (the figure down and the target up when higher is better), off by less than that
 *    one decimal, rather than adding decimals until they differ: 76.90% against 76.91% reads
 *    76.9% against 77.0%.
 */
import type { VerdictState } from './tv-verdict-state.ts';

export interface ShownPair {
  /** The figure as a ratio already rounded to `digits` decimals of its percentage, or null when there is none. */
  figure: number | null;
  /** The target, rounded the same way. */
  target: number;
  /** Decimals of the percentages. */
  digits: number;
}

type Rounding = 'nearest' | 'down' | 'up';
const ROUND: Record<Rounding, (x: number) => number> = { nearest: Math.round, down: Math.floor, up: Math.ceil };

/**
 * `ratio` rounded to `digits` decimals of its percentage. The scaled value is first cut to 9
 * decimals, so binary residue (0.7695 × 1000 = 769.4999999999999) rounds as the decimal it stands
 * for, the way Intl rounds it on screen.
 */
export function roundPercent(ratio: number, digits: number, how: Rounding = 'nearest'): number {
  const scale = 10 ** (digits + 2);
  return ROUND[how](Math.round(ratio * scale * 1e9) / 1e9) / scale;
}

/** How to show `figure` beside `target` (ratios) with `digits` decimals at least; `better` says which way is good. */
export function shownPair(figure: number | null, target: number, state: VerdictState, better: 'higher' | 'lower', digits: number): ShownPair {
  if (figure === null || state !== 'missed') return { figure: figure === null ? null : roundPercent(figure, digits), target: roundPercent(target, digits), digits };
  for (const d of [digits, digits + 1]) {
    const f = roundPercent(figure, d);
    const t = roundPercent(target, d);
    if (f !== t) return { figure: f, target: t, digits: d };
  }
  const d = digits + 1;
  return better === 'higher'
    ? { figure: roundPercent(figure, d, 'down'), target: roundPercent(target, d, 'up'), digits: d }
    : { figure: roundPercent(figure, d, 'up'), target: roundPercent(target, d, 'down'), digits: d };
}
