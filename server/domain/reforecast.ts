/** Intraday reforecast: scale the rest of the day's forecast by what recent intervals showed. */

export interface ReforecastParams {
  /** Completed intervals considered: those ending within this many minutes before now. */
  windowMinutes: number;
  /** Fewer completed intervals with a forecast than this and nothing changes. */
  minIntervals: number;
  /** Calls at which the observed volume ratio gets half the weight (credibility n / (n + K)). */
  volumeCredibilityCalls: number;
  /** Handled calls at which the observed AHT ratio gets half the weight. */
  ahtCredibilityCalls: number;
}

export const REFORECAST_DEFAULTS: ReforecastParams = {
  windowMinutes: 240,
  minIntervals: 2,
  volumeCredibilityCalls: 100,
  ahtCredibilityCalls: 100,
};

/** One completed interval: what was forecast and what happened. */
export interface Observed {
  /** Epoch ms. */
  end: number;
  forecastCalls: number;
  forecastAhtSeconds: number;
  actualCalls: number;
  handled: number;
  /** Total talk + hold + acw of the handled calls, seconds. */
  handleSeconds: number;
}

export interface Factors {
  volume: number;
  aht: number;
  /** Credibility weights actually used, 0..1. */
  volumeCredibility: number;
  ahtCredibility: number;
  /** Observed ratios before blending (null when there was nothing to compare). */
  volumeRatio: number | null;
  ahtRatio: number | null;
  intervalsUsed: number;
}

/**
 * Factors for the rest of the day from the completed intervals in the window before `now`:
 * ratio = actual / forecast over the window, blended toward 1 by the credibility weight
 * n / (n + K), where n is the calls (or handled calls, for AHT) observed. docs/metrics.md has a
 * worked example.
 */
export function reforecastFactors(observed: Observed[], now: number, p: ReforecastParams = REFORECAST_DEFAULTS): Factors {
  const window = observed.filter((o) => o.end <= now && o.end > now - p.windowMinutes * 60_000 && o.forecastCalls > 0);
  const none: Factors = { volume: 1, aht: 1, volumeCredibility: 0, ahtCredibility: 0, volumeRatio: null, ahtRatio: null, intervalsUsed: window.length };
  if (window.length < p.minIntervals) return none;
  let forecast = 0;
  let actual = 0;
  let handled = 0;
  let handleSeconds = 0;
  let expectedHandleSeconds = 0;
  for (const o of window) {
    forecast += o.forecastCalls;
    actual += o.actualCalls;
    handled += o.handled;
    handleSeconds += o.handleSeconds;
    expectedHandleSeconds += o.handled * o.forecastAhtSeconds;
  }
  const volumeRatio = actual / forecast;
  const zv = actual / (actual + p.volumeCredibilityCalls);
  const ahtRatio = expectedHandleSeconds > 0 ? handleSeconds / expectedHandleSeconds : null;
  const za = ahtRatio === null ? 0 : handled / (handled + p.ahtCredibilityCalls);
  return {
    volume: 1 + zv * (volumeRatio - 1),
    aht: ahtRatio === null ? 1 : 1 + za * (ahtRatio - 1),
    volumeCredibility: zv,
    ahtCredibility: za,
    volumeRatio,
    ahtRatio,
    intervalsUsed: window.length,
  };
}
