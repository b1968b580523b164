/**
 * The span of the TV's service-level sparkline, the same for every client of a frame.
 *
 * A fixed window of the last TREND_HOURS hours, ending with the current interval, rather than
 * "the day so far": an hour is then always the same width, whichever client is on screen and
 * whatever the time of day, so two clients' lines (and this morning's against this
 * afternoon's) read alike from across the room. The day so far would squeeze a round-the-clock
 * client's day into a corner at 22:00 and stretch a client that opened at 08:00 over the whole
 * width at 09:00. Eight hours is about a shift: long enough to show where the day is going,
 * short enough that each half-hour is a step one can see; the day as a whole is the big
 * "service level today" figure above the line. Near midnight the window reaches into the day
 * before, whose intervals the engine still holds.
 */
import { DateTime } from 'luxon';
import type { TvTrendAxis } from '../protocol/tv.ts';
import type { IntervalClock } from './intervals.ts';

/** Hours of the sparkline's span. */
export const TREND_HOURS = 8;
/** Local hours between two labelled ticks (every second hour: four labels fit a 1,366 px screen). */
export const TICK_EVERY_HOURS = 2;

const HOUR_MS = 3_600_000;

/** The trend span at `now` (epoch ms): its edges, and the starts (epoch ms) of its intervals that have begun. */
export function trendSpan(clock: IntervalClock, now: number): { start: number; end: number; starts: number[] } {
  const end = clock.intervalEnd(clock.intervalStart(now));
  const start = end - TREND_HOURS * HOUR_MS;
  const first = clock.dayOf(start);
  const last = clock.dayOf(now);
  const days = first === last ? [first] : [first, last];
  const starts = days.flatMap((d) => d.starts).filter((s) => s >= start && s <= now);
  return { start, end, starts };
}

/** The trend axis at `now` (epoch ms): the span, and every TICK_EVERY_HOURS-th local whole hour strictly inside it. */
export function trendAxis(clock: IntervalClock, now: number): TvTrendAxis {
  const { start, end } = trendSpan(clock, now);
  const ticks: number[] = [];
  // Whole hours are stepped in real time, so a daylight-saving change neither skips nor repeats a tick's spacing.
  let t = DateTime.fromMillis(start, { zone: clock.timezone }).startOf('hour');
  while (t.toMillis() < end) {
    const ms = t.toMillis();
    if (ms > start && t.hour % TICK_EVERY_HOURS === 0) ticks.push(ms);
    t = t.plus({ hours: 1 });
  }
  return { start, end, ticks };
}
