import type { Engine } from '../domain/engine.ts';
import type { ErrorPath } from '../domain/forecast/error-paths.ts';
import { slotsOf } from '../domain/forecast/daily-history.ts';
import { restOfDayOutlook, type OutlookBeyondLimits, type OutlookInterval, type OutlookQueue } from '../domain/forecast/rest-of-day.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import type { IntradayRow, OutlookView } from '../protocol/intraday.ts';

/** A queue's outlook error paths for a local date (past days before it) when ready, else null. */
export type ErrorPathLookup = (tenant: string, queueId: string, date: string) => readonly ErrorPath[] | null;

/** What the outlook needs of one intraday row beyond the row itself. */
export interface OutlookRowInput {
  /** Actual counts of a closed interval: in-threshold calls of the service-level denominator. */
  inSl: number;
  denominator: number;
  handled: number;
  handleSeconds: number;
  /** Whole agents on the phones (scheduled + what-ifs, to the nearest agent). */
  staff: number;
}

/**
 * Adds the rest-of-day outlook to today's intraday rows (their `requiredLow/High`) and returns
 * the day's figures, or null when the day is not today, has no forecast, or too little error
 * history; `beyondLimits` (and no bands) when an open interval is beyond the Erlang limits.
 */
export function addOutlook(engine: Engine, day: LocalDay, rows: IntradayRow[], extra: readonly OutlookRowInput[], paths: readonly ErrorPath[] | null, queue: OutlookQueue, params: ReforecastParams): OutlookView | OutlookBeyondLimits | null {
  const now = engine.now;
  if (!paths || now < day.start || now >= day.end || !rows.some((r) => r.forecastCalls !== null)) return null;
  const slots = slotsOf(engine.clock, day);
  const intervals: OutlookInterval[] = rows.map((r, i) => ({
    slot: slots[i],
    end: Date.parse(r.end),
    closed: r.closed,
    inSl: extra[i].inSl,
    denominator: extra[i].denominator,
    forecastCalls: r.forecastCalls ?? 0,
    forecastAhtSeconds: r.forecastAhtSeconds ?? 0,
    actualCalls: r.actualCalls,
    handled: extra[i].handled,
    handleSeconds: extra[i].handleSeconds,
    staff: extra[i].staff,
  }));
  const o = restOfDayOutlook(intervals, paths, queue, now, params, engine.clock.lengthMs / 1000);
  if (!o || 'beyondLimits' in o) return o;
  o.required.forEach((band, i) => {
    if (!band) return;
    rows[i].requiredLow = Number.isFinite(band.low) ? band.low : null;
    rows[i].requiredHigh = Number.isFinite(band.high) ? band.high : null;
  });
  return { scenarios: o.scenarios, level: o.level, probabilityMeetsTarget: o.probabilityMeetsTarget, dayServiceLevelLow: o.dayServiceLevel.low, dayServiceLevelHigh: o.dayServiceLevel.high, dayServiceLevelMedian: o.dayServiceLevelMedian };
}
