/**
 * A band for a day's calls from the forecast's own past errors (actual / forecast ratios of
 * earlier days at the same horizon), made the split-conformal way: with n earlier ratios, the
 * k-th smallest and k-th largest with k = floor((1 - level) / 2 × (n + 1)), so the band holds
 * with probability at least `level` when days are exchangeable. Null with too few ratios.
 */
export function callsBand(forecastCalls: number, pastRatios: readonly number[], level = 0.8): { low: number; high: number } | null {
  const n = pastRatios.length;
  // The epsilon keeps 0.1 x 20 at 2: (1 - 0.8) / 2 is 0.09999... in binary.
  const k = Math.floor(((1 - level) / 2) * (n + 1) + 1e-9);
  if (k < 1) return null;
  const s = [...pastRatios].sort((a, b) => a - b);
  return { low: s[k - 1] * forecastCalls, high: s[n - k] * forecastCalls };
}
