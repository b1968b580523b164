import { TAIWAN_HOLIDAYS_2026_2027, type SpecialDay } from '../domain/forecast/calendar.ts';
import type { ForecastedInterval, HistoryForecast } from '../domain/forecast/history-forecast.ts';
import type { IntervalClock } from '../domain/intervals.ts';
import type { ErrorPath } from '../domain/forecast/error-paths.ts';
import { forecastQueue, queueErrorPaths } from './queue-forecast.ts';
import type { HistoryStore } from './types.ts';

/** A replica re-reads a tenant's calendar after this long (ms), so another replica's edit reaches it. */
const CALENDAR_TTL_MS = 60_000;
/** Forecasts kept in memory at most; the oldest go first (a day needs two per queue). */
const MAX_FORECASTS = 20_000;

const key = (...parts: string[]) => parts.join('\u0000');

/**
 * The history store with what the server keeps of it in memory: each tenant's special-days
 * calendar (the Taiwan public holidays until the analyst saves their own) and the history
 * forecasts, computed at most once per (tenant, queue, date, as-of date), so the synchronous
 * views (intraday) can read them.
 */
export class HistoryService {
  private calendars = new Map<string, { days: SpecialDay[]; custom: boolean; readAt: number }>();
  private forecasts = new Map<string, HistoryForecast | null>();
  private pending = new Map<string, Promise<HistoryForecast | null>>();
  /** The outlook's error paths per (tenant, queue, date); a promise while being read. */
  private paths = new Map<string, ErrorPath[] | Promise<ErrorPath[]>>();

  constructor(
    readonly store: HistoryStore,
    readonly clock: IntervalClock,
    /** Real time, epoch ms (for the calendar's freshness only). */
    private readonly wallClock: () => number,
  ) {}

  /** The tenant's calendar and whether the analyst saved it (false: the built-in public holidays). */
  async calendar(tenant: string): Promise<{ days: SpecialDay[]; custom: boolean }> {
    const hit = this.calendars.get(tenant);
    if (hit && this.wallClock() - hit.readAt < CALENDAR_TTL_MS) return { days: hit.days, custom: hit.custom };
    const saved = await this.store.specialDays(tenant);
    const entry = { days: saved ?? [...TAIWAN_HOLIDAYS_2026_2027], custom: saved !== null, readAt: this.wallClock() };
    if (hit && JSON.stringify(hit.days) !== JSON.stringify(entry.days)) this.dropForecasts(tenant);
    this.calendars.set(tenant, entry);
    return { days: entry.days, custom: entry.custom };
  }

  /** Saves the tenant's calendar and forgets its forecasts (they depend on it). */
  async setCalendar(tenant: string, days: readonly SpecialDay[]): Promise<void> {
    await this.store.setSpecialDays(tenant, days);
    this.calendars.set(tenant, { days: [...days], custom: true, readAt: this.wallClock() });
    this.dropForecasts(tenant);
  }

  /** The forecast of local `date` made from history before `asOf`, if already computed (undefined: not yet). */
  cachedForecast(tenant: string, queueId: string, date: string, asOf: string): HistoryForecast | null | undefined {
    return this.forecasts.get(key(tenant, queueId, date, asOf));
  }

  /** The forecast of local `date` from history before `asOf` (YYYY-MM-DD): computed once, then from memory. Null under four weeks of history. */
  forecast(tenant: string, queueId: string, date: string, asOf: string): Promise<HistoryForecast | null> {
    const k = key(tenant, queueId, date, asOf);
    if (this.forecasts.has(k)) return Promise.resolve(this.forecasts.get(k) ?? null);
    let p = this.pending.get(k);
    if (!p) {
      p = this.calendar(tenant)
        .then((cal) => forecastQueue(this.store, tenant, queueId, date, this.clock, cal.days, asOf))
        .then((f) => {
          if (this.forecasts.size >= MAX_FORECASTS) for (const old of [...this.forecasts.keys()].slice(0, MAX_FORECASTS / 2)) this.forecasts.delete(old);
          if (this.pending.get(k) === p) this.forecasts.set(k, f);
          return f;
        })
        .finally(() => {
          if (this.pending.get(k) === p) this.pending.delete(k);
        });
      this.pending.set(k, p);
    }
    return p;
  }

  /**
   * For synchronous views: the history forecast of local `date` (from history before
   * min(date, today)) if it is in memory, else null, and its computation is started so a
   * later call finds it.
   */
  intervalsIfReady(tenant: string, queueId: string, date: string, today: string): readonly ForecastedInterval[] | null {
    const asOf = date < today ? date : today;
    const f = this.cachedForecast(tenant, queueId, date, asOf);
    if (f === undefined) void this.forecast(tenant, queueId, date, asOf).catch(() => undefined);
    return f?.intervals ?? null;
  }

  /**
   * For synchronous views: the rest-of-day outlook's error paths of local `date` (past days
   * before it) if in memory, else null, and their computation is started.
   */
  errorPathsIfReady(tenant: string, queueId: string, date: string): readonly ErrorPath[] | null {
    const k = key(tenant, queueId, date);
    const hit = this.paths.get(k);
    if (Array.isArray(hit)) return hit;
    if (hit === undefined) {
      if (this.paths.size >= MAX_FORECASTS) this.paths.clear();
      const p = this.calendar(tenant).then((cal) => queueErrorPaths(this.store, tenant, queueId, date, this.clock, cal.days));
      this.paths.set(k, p);
      p.then(
        (v) => this.paths.get(k) === p && this.paths.set(k, v),
        () => this.paths.get(k) === p && this.paths.delete(k),
      );
    }
    return null;
  }

  /** Forgets the forecasts of a tenant (or one of its queues), after its history or calendar changed. */
  dropForecasts(tenant: string, queueId?: string): void {
    const prefix = queueId === undefined ? key(tenant, '') : key(tenant, queueId, '');
    for (const k of [...this.forecasts.keys(), ...this.pending.keys(), ...this.paths.keys()]) {
      if (k.startsWith(prefix)) {
        this.forecasts.delete(k);
        this.pending.delete(k);
        this.paths.delete(k);
      }
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
