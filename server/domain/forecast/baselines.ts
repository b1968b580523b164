import { addDays, type DayActuals } from './daily-history.ts';

/** A day's forecast on the wall-clock grid: calls and AHT (seconds) per slot. */
export interface SlotForecast {
  calls: number[];
  ahtSeconds: number[];
}

/**
 * The naive forecast analysts compare against: the same weekday one week before, slot by
 * slot (AHT: that day's AHT per slot). Null when that day is missing.
 */
export function sameWeekdayLastWeek(byDate: ReadonlyMap<string, DayActuals>, date: string): SlotForecast | null {
  return meanOfDays([byDate.get(addDays(date, -7))]);
}

/**
 * The mean of the same weekday over the last four weeks, slot by slot (AHT: their pooled
 * handle time over their handled calls). Null unless all four days are there.
 */
export function sameWeekdayFourWeekMean(byDate: ReadonlyMap<string, DayActuals>, date: string): SlotForecast | null {
  return meanOfDays([1, 2, 3, 4].map((k) => byDate.get(addDays(date, -7 * k))));
}

function meanOfDays(days: (DayActuals | undefined)[]): SlotForecast | null {
  const ds = days.filter((d): d is DayActuals => d !== undefined);
  if (ds.length < days.length) return null;
  const slots = ds[0].calls.length;
  const calls = new Array(slots).fill(0);
  const handled = new Array(slots).fill(0);
  const seconds = new Array(slots).fill(0);
  for (const d of ds) {
    for (let k = 0; k < slots; k++) {
      calls[k] += d.calls[k] / ds.length;
      handled[k] += d.handled[k];
      seconds[k] += d.handleSeconds[k];
    }
  }
  return { calls, ahtSeconds: seconds.map((s, k) => (handled[k] > 0 ? s / handled[k] : 0)) };
}

/** Running sums of absolute errors against actuals, for WAPE = sum |F - A| / sum A. */
export class Wape {
  private err = 0;
  private act = 0;

  /** Adds one forecast against its actual (any unit; weight multiplies both). */
  add(forecast: number, actual: number, weight = 1): void {
    this.err += weight * Math.abs(forecast - actual);
    this.act += weight * actual;
  }

  /** The WAPE so far (0.1 = 10%), null before any actual. */
  value(): number | null {
    return this.act > 0 ? this.err / this.act : null;
  }
}
