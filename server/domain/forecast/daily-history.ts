import { DateTime } from 'luxon';
import type { IntervalClock, LocalDay } from '../intervals.ts';
import { withoutSuperseded } from '../superseded-rows.ts';

/** What the forecast needs of one interval of history (a history rollup has these fields). */
export interface IntervalActual {
  /** Epoch ms of the interval start. */
  intervalStart: number;
  /**
   * Real length of the interval in minutes, as recorded (history rows always have it); the
   * clock's length when absent. A centre that changed its interval length keeps rows of both.
   */
  intervalMinutes?: number;
  offered: number;
  handled: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  /** Service-level counts and the queue's logged-in agents, when the history has them. */
  answeredInSL?: number;
  answered?: number;
  abandoned?: number;
  shortAbandoned?: number;
  /** Agents logged in for the queue over the interval (FTE, a k-skilled agent 1/k); null when not recorded. */
  staffedAgents?: number | null;
}

/**
 * One local day of a queue's history on the wall-clock grid: slot k is local time
 * k × intervalMinutes, so days of 46 or 50 half-hours line up with ordinary days. On the
 * autumn day the repeated hour's calls both land in its slots; on the spring day the
 * skipped hour's slots stay 0.
 */
export interface DayActuals {
  date: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Offered calls per slot. */
  calls: number[];
  /** Handled calls and their handle time (talk + hold + after-call work, seconds) per slot. */
  handled: number[];
  handleSeconds: number[];
  total: number;
  /**
   * Per slot: calls answered within threshold, the service-level denominator (answered +
   * abandoned - short abandons) and the agents logged in for the queue (FTE). Present only when
   * every interval of the day recorded them: the outlook then learns the day's own model error.
   */
  service?: DayService;
}

/** A past day's service-level counts and staffing on the wall-clock grid (see `DayActuals.service`). */
export interface DayService {
  inSl: number[];
  denominator: number[];
  staff: number[];
}

/** Slots in a day of `intervalMinutes`-minute intervals (48 for half-hours). */
export function slotsPerDay(intervalMinutes: number): number {
  return 1440 / intervalMinutes;
}

/** Wall-clock slot of each interval of a local day (ordinary days: 0, 1, 2, ...). */
export function slotsOf(clock: IntervalClock, day: LocalDay): number[] {
  const n = slotsPerDay(clock.intervalMinutes);
  if (day.starts.length === n) return day.starts.map((_, i) => i);
  // A daylight-saving day: the slot is the local clock time, looked up per interval (two days a year).
  return day.starts.map((s) => {
    const local = DateTime.fromMillis(s, { zone: clock.timezone });
    return Math.floor((local.hour * 60 + local.minute) / clock.intervalMinutes);
  });
}

/**
 * Interval actuals grouped into local days on the wall-clock grid, oldest first. Days with no
 * rows at all are left out (the forecast treats them as missing, not as zero).
 *
 * A row may be of another length than the clock's (the centre changed `INTERVAL_MINUTES`, or
 * imported another system's actuals): its counts and handle time go to the clock's intervals it
 * overlaps in proportion to the real time overlapped, so a half-hour read at quarter-hours puts
 * half in each quarter (nothing recorded says how they split) and two quarter-hours read at
 * half-hours add up. Its staffed agents, a level over the interval, not a count, weigh by the
 * share of the clock interval they cover. A row lying inside a longer row is left out: see
 * `withoutSuperseded`.
 */
export function dailyActuals(rows: readonly IntervalActual[], clock: IntervalClock): DayActuals[] {
  const n = slotsPerDay(clock.intervalMinutes);
  const byStart = new Map<number, Laid>();
  const incomplete = new Set<DayActuals>();
  const dayAt = (t: number): Laid => {
    const day = clock.dayOf(t);
    let laid = byStart.get(day.start);
    if (!laid) {
      const d: DayActuals = { date: day.date, weekday: weekdayOf(day.date), calls: new Array(n).fill(0), handled: new Array(n).fill(0), handleSeconds: new Array(n).fill(0), total: 0, service: { inSl: new Array(n).fill(0), denominator: new Array(n).fill(0), staff: new Array(n).fill(0) } };
      // Ordinary days find the slot by arithmetic; the two daylight-saving days look it up.
      const slots = day.starts.length === n ? null : slotsOf(clock, day);
      laid = { d, start: day.start, slots: slots && new Map(day.starts.map((s, i) => [s, slots[i]])) };
      byStart.set(day.start, laid);
    }
    return laid;
  };
  /** Adds `share` of row `r` to the clock interval starting at `t`, whose staff level it fills for `staffWeight` of its length. */
  const add = (r: IntervalActual, t: number, share: number, staffWeight: number, unrecorded: boolean) => {
    const { d, start, slots } = dayAt(t);
    const slot = slots ? slots.get(t)! : (t - start) / clock.lengthMs;
    d.calls[slot] += share * r.offered;
    d.handled[slot] += share * r.handled;
    d.handleSeconds[slot] += share * (r.talkSeconds + r.holdSeconds + r.acwSeconds);
    d.total += share * r.offered;
    if (unrecorded) incomplete.add(d);
    else {
      d.service!.inSl[slot] += share * r.answeredInSL!;
      d.service!.denominator[slot] += share * (r.answered! + r.abandoned! - r.shortAbandoned!);
      d.service!.staff[slot] += staffWeight * r.staffedAgents!;
    }
  };
  for (const r of withoutSuperseded(rows, clock.intervalMinutes)) {
    const length = (r.intervalMinutes ?? clock.intervalMinutes) * 60_000;
    const unrecorded = r.staffedAgents == null || r.answeredInSL === undefined || r.answered === undefined || r.abandoned === undefined || r.shortAbandoned === undefined;
    const first = clock.intervalStart(r.intervalStart);
    if (length === clock.lengthMs && first === r.intervalStart) {
      add(r, first, 1, 1, unrecorded);
      continue;
    }
    const end = r.intervalStart + length;
    for (let t = first; t < end; ) {
      const tEnd = clock.intervalEnd(t);
      const overlap = Math.min(tEnd, end) - Math.max(t, r.intervalStart);
      add(r, t, overlap / length, overlap / (tEnd - t), unrecorded);
      t = tEnd;
    }
  }
  for (const d of incomplete) delete d.service;
  return [...byStart.values()].map((l) => l.d);
}

/** A day being laid: its actuals, its start (epoch ms) and, on a daylight-saving day, the slot of each interval start. */
interface Laid {
  d: DayActuals;
  start: number;
  slots: Map<number, number> | null;
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date; the date alone fixes it, whatever the zone. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** The YYYY-MM-DD date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from date `a` to date `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
