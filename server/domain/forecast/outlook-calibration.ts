import type { IntervalClock, LocalDay } from '../intervals.ts';
import type { ReforecastParams } from '../reforecast.ts';
import type { SlCounts } from '../service-level.ts';
import type { SpecialCalendar } from './calendar.ts';
import { addDays, slotsOf, type DayActuals } from './daily-history.ts';
import { onSlots, type ErrorPath } from './error-paths.ts';
import { FORECAST_DEFAULTS, forecastDay, type ForecastOptions } from './history-forecast.ts';
import { restOfDayOutlook, type OutlookInterval } from './rest-of-day.ts';
import { requiredAgents, staffingQuestion, type StaffingTargets } from './staffing-question.ts';

/** How often the outlook's 80% bands held, at one time of day. */
export interface OutlookCheck {
  /** Local hour the outlook was made at. */
  hour: number;
  /** Days whose actual day service level fell inside the band, of days checked (staffing known). */
  dayHeld: number;
  days: number;
  /** The same with the scenarios' band alone (the forecast's error only, without the queue's chance). */
  forecastDayHeld: number;
  /** Mean width of the day band (with the queue's chance), SL fraction. */
  meanWidth: number;
  /** Share of days the outlook gave at least 50% to meeting the target, and of those that met it. */
  saidLikely: number;
  likelyMet: number;
  /** Mean of the probability of meeting target, and the share of days that did. */
  meanProbability: number;
  metTarget: number;
  /** Remaining intervals whose actual required staff fell inside their band, of those checked. */
  intervalsHeld: number;
  intervals: number;
}

/** What the calibration needs of a queue's history besides its daily actuals. */
export interface CalibrationInput {
  history: readonly DayActuals[];
  /** Service-level counts of an interval (by its start, epoch ms), as the history holds them. */
  counts: (intervalStart: number) => (SlCounts & { handled: number; handleSeconds: number }) | undefined;
  /** Agents on the floor for the queue per interval of a day (FTE), or null when not known. */
  staffing: (day: LocalDay) => readonly number[] | null;
}

/**
 * The outlook made at each of `hours` (local) on every day from..to, each from the 28 days
 * before it only, checked against what happened: the day's service level (answered within
 * threshold over answered + abandoned - short abandons) inside the day band, and each remaining
 * interval's required staff (Erlang, from its actual calls and AHT) inside its band.
 */
export function outlookCalibration(input: CalibrationInput, from: string, to: string, hours: readonly number[], clock: IntervalClock, calendar: SpecialCalendar, queue: StaffingTargets, params: ReforecastParams, options: ForecastOptions = FORECAST_DEFAULTS): OutlookCheck[] {
  const byDate = new Map(input.history.map((d) => [d.date, d]));
  const paths = new Map<string, ErrorPath>();
  const pathOf = (date: string): ErrorPath | null => {
    if (paths.has(date)) return paths.get(date)!;
    const actual = byDate.get(date);
    const f = actual ? forecastDay(input.history, date, clock, calendar, date, options) : null;
    if (!actual || !f) return null;
    const p = { date, forecast: onSlots(f, clock), actual };
    paths.set(date, p);
    return p;
  };
  const intervalSeconds = clock.lengthMs / 1000;
  const question = staffingQuestion(queue, intervalSeconds);
  const checks: OutlookCheck[] = hours.map((hour) => ({ hour, dayHeld: 0, days: 0, forecastDayHeld: 0, meanWidth: 0, saidLikely: 0, likelyMet: 0, meanProbability: 0, metTarget: 0, intervalsHeld: 0, intervals: 0 }));
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const today = pathOf(date);
    const day = clock.dayOfDate(date);
    if (!today || !day) continue;
    const earlier: ErrorPath[] = [];
    for (let i = 28; i >= 1; i--) {
      const p = pathOf(addDays(date, -i));
      if (p) earlier.push(p);
    }
    const slots = slotsOf(clock, day);
    const staff = input.staffing(day);
    const counts = day.starts.map((s) => input.counts(s));
    let inSl = 0;
    let den = 0;
    for (const c of counts) if (c) {
      inSl += c.answeredInSL;
      den += c.answered + c.abandoned - c.shortAbandoned;
    }
    const daySl = den > 0 ? inSl / den : null;
    for (const check of checks) {
      const cut = slots.indexOf((check.hour * 60) / clock.intervalMinutes);
      if (cut < 0) continue;
      const now = day.starts[cut];
      const intervals: OutlookInterval[] = day.starts.map((s, i) => {
        const c = counts[i];
        return {
          slot: slots[i],
          end: s + clock.lengthMs,
          closed: i < cut,
          inSl: c?.answeredInSL ?? 0,
          denominator: c ? c.answered + c.abandoned - c.shortAbandoned : 0,
          forecastCalls: today.forecast.calls[slots[i]],
          forecastAhtSeconds: today.forecast.ahtSeconds[slots[i]],
          actualCalls: c?.offered ?? 0,
          handled: c?.handled ?? 0,
          handleSeconds: c?.handleSeconds ?? 0,
          staff: staff ? Math.round(staff[i]) : 0,
        };
      });
      const o = restOfDayOutlook(intervals, earlier, queue, now, params, intervalSeconds);
      if (!o || 'beyondLimits' in o) continue;
      if (staff && daySl !== null) {
        check.days++;
        if (daySl >= o.dayServiceLevel.low && daySl <= o.dayServiceLevel.high) check.dayHeld++;
        if (daySl >= o.forecastDayServiceLevel.low && daySl <= o.forecastDayServiceLevel.high) check.forecastDayHeld++;
        check.meanWidth += o.dayServiceLevel.high - o.dayServiceLevel.low;
        check.meanProbability += o.probabilityMeetsTarget;
        const met = daySl >= queue.slTarget;
        if (met) check.metTarget++;
        if (o.probabilityMeetsTarget >= 0.5) {
          check.saidLikely++;
          if (met) check.likelyMet++;
        }
      }
      o.required.forEach((band, i) => {
        const c = counts[i];
        if (!band) return;
        // A quiet interval needed nobody; a busy one what its own calls and AHT ask of Erlang.
        const aht = c && c.handled > 0 ? c.handleSeconds / c.handled : intervals[i].forecastAhtSeconds;
        const need = !c || c.offered === 0 ? 0 : aht > 0 ? (requiredAgents(queue, question(c.offered, aht)) ?? Infinity) : null;
        if (need === null) return;
        check.intervals++;
        if (need >= band.low && need <= band.high) check.intervalsHeld++;
      });
    }
  }
  for (const c of checks) if (c.days) {
    c.meanProbability /= c.days;
    c.meanWidth /= c.days;
  }
  return checks;
}
