import { DateTime } from 'luxon';

/** One local day of the centre, cut into intervals of equal real length from local midnight. */
export interface LocalDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Epoch ms of local midnight and of the next local midnight. */
  start: number;
  end: number;
  /** Epoch ms of each interval start; a DST day has 46 or 50 half-hours. */
  starts: number[];
}

/**
 * Maps instants to the centre's intervals. Interval length is real time (15 or 30 minutes),
 * counted from local midnight, so a 23- or 25-hour day has fewer or more intervals. The hot
 * path (an instant inside the last day looked up) is arithmetic; luxon runs once per day.
 */
export class IntervalClock {
  readonly lengthMs: number;
  private days = new Map<number, LocalDay>();
  /** The days of `days` in insertion order, scanned by range before luxon is asked. */
  private known: LocalDay[] = [];
  private last: LocalDay | null = null;
  /** ISO strings already formatted (interval starts and ends recur in every view). */
  private isoCache = new Map<number, string>();

  constructor(
    readonly timezone: string,
    readonly intervalMinutes: number,
  ) {
    if (!DateTime.local().setZone(timezone).isValid) throw new Error(`unknown time zone "${timezone}"`);
    if (!(intervalMinutes > 0) || 1440 % intervalMinutes !== 0) {
      throw new Error(`interval length ${intervalMinutes} min does not divide a day`);
    }
    this.lengthMs = intervalMinutes * 60_000;
  }

  /** Epoch ms of the start of the interval holding `ts` (epoch ms). */
  intervalStart(ts: number): number {
    const day = this.dayOf(ts);
    return day.start + Math.floor((ts - day.start) / this.lengthMs) * this.lengthMs;
  }

  /** Epoch ms of the end of the interval starting at `start`, clipped to the day's end. */
  intervalEnd(start: number): number {
    return Math.min(start + this.lengthMs, this.dayOf(start).end);
  }

  /** The local day holding `ts` (epoch ms). */
  dayOf(ts: number): LocalDay {
    const last = this.last;
    if (last && ts >= last.start && ts < last.end) return last;
    // Calls straddle midnight and backlog items were queued days ago: a known day answers
    // with two comparisons, where luxon costs a zone offset lookup and a startOf.
    const known = this.known;
    for (let i = known.length - 1; i >= 0; i--) {
      const d = known[i];
      if (ts >= d.start && ts < d.end) return (this.last = d);
    }
    const local = DateTime.fromMillis(ts, { zone: this.timezone });
    const day = this.dayStarting(local.startOf('day').toMillis());
    this.last = day;
    return day;
  }

  /** The local day of a YYYY-MM-DD date, or null when the date is not a real date. */
  dayOfDate(date: string): LocalDay | null {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    const local = DateTime.fromISO(date, { zone: this.timezone });
    if (!local.isValid) return null;
    return this.dayStarting(local.startOf('day').toMillis());
  }

  /** ISO-8601 with the centre's offset, to the second. */
  iso(ts: number): string {
    let s = this.isoCache.get(ts);
    if (s === undefined) {
      s = DateTime.fromMillis(ts, { zone: this.timezone }).toISO({ suppressMilliseconds: true })!;
      if (this.isoCache.size >= 20_000) this.isoCache.clear();
      this.isoCache.set(ts, s);
    }
    return s;
  }

  private dayStarting(start: number): LocalDay {
    const cached = this.days.get(start);
    if (cached) return cached;
    const startLocal = DateTime.fromMillis(start, { zone: this.timezone });
    const end = startLocal.plus({ days: 1 }).startOf('day').toMillis();
    const starts: number[] = [];
    for (let t = start; t < end; t += this.lengthMs) starts.push(t);
    const day: LocalDay = { date: startLocal.toISODate()!, start, end, starts };
    // A few days stay cached: today, yesterday and whatever a backfill touches.
    if (this.days.size > 16) this.days.delete(this.known.shift()!.start);
    this.days.set(start, day);
    this.known.push(day);
    return day;
  }
}
