/** The plan for the day: forecasts, schedules and what-ifs. Pure data, kept apart from actuals. */
import { scopedKey } from '../protocol/keys.ts';
import { daysBetween } from './forecast/daily-history.ts';

/**
 * How many local days after the floor's today a forecast, schedule or what-if may be for: a
 * yearly plan (budget forecasts and rotas are built for the next year, and loaded before the
 * current one ends) plus a month of slack. The whole plan lives in memory and in every snapshot,
 * and each import has its own cost ceiling but not their sum: without a horizon, a client could
 * post a forecast for every day of the next century.
 */
export const MAX_PLAN_DAYS_AHEAD = 400;

/**
 * Live what-ifs a tenant may hold: an analyst tries a handful per queue and day, so 500 is weeks
 * of a large floor's. Each stays until its day is forgotten and every intraday refresh reads
 * them all (`whatIfsFor`), so a client posting them in a loop grew the plan, every snapshot and
 * every refresh without end.
 */
export const MAX_WHATIFS_PER_TENANT = 500;

/**
 * A plan change refused (past a tenant's cap, for a day forgotten or too far ahead): `refused`
 * is the English reason other programs read, `code` and `params` let a screen say it in its
 * person's language (client/src/lib/api-text.ts). Params are numbers and YYYY-MM-DD dates.
 */
export type PlanRefusal = { refused: string } & (
  | { code: 'plan.queuesFull'; params: { queue: string; limit: number } }
  | { code: 'plan.agentsFull'; params: { limit: number } }
  | { code: 'plan.dayForgotten'; params: { date: string; oldest: string; retentionDays: number } }
  | { code: 'plan.whatIfsFull'; params: { limit: number } }
  | { code: 'plan.tooFarAhead'; params: { date: string; days: number; today: string; limit: number } }
);

/** Why a plan for local `date` (YYYY-MM-DD) is refused when the floor's today is `today`: too far ahead; null when it may be planned. */
export function tooFarAhead(date: string, today: string): PlanRefusal | null {
  const days = daysBetween(today, date);
  if (days <= MAX_PLAN_DAYS_AHEAD) return null;
  return { refused: `${date} is ${days} days after today (${today}); a plan reaches at most ${MAX_PLAN_DAYS_AHEAD} days ahead`, code: 'plan.tooFarAhead', params: { date, days, today, limit: MAX_PLAN_DAYS_AHEAD } };
}

/** Why a what-if is refused in a tenant that holds MAX_WHATIFS_PER_TENANT. */
export const whatIfsFull = (): PlanRefusal => ({
  refused: `the tenant already has ${MAX_WHATIFS_PER_TENANT} what-ifs: remove some before adding more (those of days past the retention go by themselves)`,
  code: 'plan.whatIfsFull',
  params: { limit: MAX_WHATIFS_PER_TENANT },
});

/** Why a plan change for local `date` is refused once the plan keeps only `oldest` (YYYY-MM-DD) on, with a retention of `retentionDays` days. */
export const dayForgotten = (date: string, oldest: string, retentionDays: number): PlanRefusal => ({
  refused: `${date} is before ${oldest}, the oldest day the floor keeps (retentionDays ${retentionDays}): its plan can no longer be changed`,
  code: 'plan.dayForgotten',
  params: { date, oldest, retentionDays },
});

const DAY_MS = 86_400_000;
/** A forecast row's bucket: the UTC day of its start, so forgetting a day reads buckets, not every row. */
const bucketOf = (start: number): number => Math.floor(start / DAY_MS);

/** Puts one forecast row (interval start, epoch ms) into a queue's buckets. */
function putRow(q: Map<number, Map<number, ForecastInterval>>, start: number, row: ForecastInterval): void {
  let bucket = q.get(bucketOf(start));
  if (!bucket) q.set(bucketOf(start), (bucket = new Map()));
  bucket.set(start, row);
}

export const DEFAULT_ACTIVITIES = ['phone', 'break', 'lunch', 'meeting', 'training', 'coaching', 'offline'] as const;

export interface ForecastInterval {
  /** Expected calls queued in the interval. */
  calls: number;
  ahtSeconds: number;
}

export interface ScheduleSegment {
  agentId: string;
  /** Epoch ms, [start, end). */
  start: number;
  end: number;
  activity: string;
}

export interface WhatIf {
  id: string;
  tenant: string;
  queueId: string;
  /** Local date the change applies to. */
  date: string;
  /** Interval starts (epoch ms): from `from` up to but excluding `to`. */
  from: number;
  to: number;
  /** Agents added (positive) or removed (negative). */
  agents: number;
  label: string;
  createdBy: string;
}

/** A plan as plain data (snapshots). */
export interface PlanData {
  forecasts: [string, [number, ForecastInterval][]][];
  schedules: [string, ScheduleSegment[]][];
  scheduledAgents: [string, string[]][];
  whatIfs: WhatIf[];
  nextWhatIf: number;
  /** Start (epoch ms) of the oldest local day kept (see `Plan.keptFrom`); absent before the first day turn and in snapshots written before days were forgotten. */
  keptFrom?: number;
}

/**
 * Forecasts, schedules and what-ifs of every tenant, each keyed by (tenant, id) like the
 * engine's queues and agents: one tenant's plan can neither see nor replace another's.
 */
export class Plan {
  /** scopedKey(tenant, queueId) -> bucket (`bucketOf`) -> interval start (epoch ms) -> forecast. */
  private readonly forecasts = new Map<string, Map<number, Map<number, ForecastInterval>>>();
  /** scopedKey(tenant, agentId) -> segments sorted by start. */
  private readonly schedules = new Map<string, ScheduleSegment[]>();
  /** tenant -> agent ids with a schedule. */
  private readonly scheduledAgents = new Map<string, Set<string>>();
  private readonly whatIfs = new Map<string, WhatIf>();
  /** tenant -> how many of `whatIfs` are its. */
  private readonly whatIfCounts = new Map<string, number>();
  private nextWhatIf = 1;
  private kept = -Infinity;

  /** Start (epoch ms) of the oldest local day the plan keeps: -Infinity until `forgetBefore` first ran. */
  get keptFrom(): number {
    return this.kept;
  }

  /** Replaces a queue's forecast for one local day [dayStart, dayEnd) (epoch ms) with `rows`. */
  setForecast(tenant: string, queueId: string, dayStart: number, dayEnd: number, rows: Map<number, ForecastInterval>): void {
    const key = scopedKey(tenant, queueId);
    let q = this.forecasts.get(key);
    if (!q) this.forecasts.set(key, (q = new Map()));
    for (let b = bucketOf(dayStart); b <= bucketOf(dayEnd - 1); b++) {
      const bucket = q.get(b);
      if (!bucket) continue;
      for (const start of bucket.keys()) if (start >= dayStart && start < dayEnd) bucket.delete(start);
      if (bucket.size === 0) q.delete(b);
    }
    for (const [start, row] of rows) putRow(q, start, row);
  }

  /** The forecast of one interval (start epoch ms), if any. */
  forecast(tenant: string, queueId: string, start: number): ForecastInterval | undefined {
    return this.forecasts.get(scopedKey(tenant, queueId))?.get(bucketOf(start))?.get(start);
  }

  /** Replaces the segments of the given agents of a tenant within [dayStart, dayEnd) (epoch ms). */
  setSchedules(tenant: string, dayStart: number, dayEnd: number, segments: ScheduleSegment[]): void {
    const byAgent = new Map<string, ScheduleSegment[]>();
    for (const s of segments) {
      let list = byAgent.get(s.agentId);
      if (!list) byAgent.set(s.agentId, (list = []));
      list.push(s);
    }
    let ids = this.scheduledAgents.get(tenant);
    if (!ids) this.scheduledAgents.set(tenant, (ids = new Set()));
    for (const [agentId, list] of byAgent) {
      const key = scopedKey(tenant, agentId);
      const kept = (this.schedules.get(key) ?? []).filter((s) => s.end <= dayStart || s.start >= dayEnd);
      this.schedules.set(key, [...kept, ...list].sort((a, b) => a.start - b.start));
      ids.add(agentId);
    }
  }

  /** Segments of an agent overlapping [from, to) (epoch ms). */
  segments(tenant: string, agentId: string, from: number, to: number): ScheduleSegment[] {
    return (this.schedules.get(scopedKey(tenant, agentId)) ?? []).filter((s) => s.end > from && s.start < to);
  }

  /** Ids of a tenant's agents that have any schedule. */
  agentsWithSchedules(tenant: string): string[] {
    return [...(this.scheduledAgents.get(tenant) ?? [])];
  }

  /**
   * Forgets every forecast interval, schedule segment and what-if that ends at or before `cut`
   * (epoch ms, the start of the oldest local day kept); a segment running past it stays whole.
   * A cut at or before the last one changes nothing.
   */
  forgetBefore(cut: number): void {
    if (cut <= this.kept) return;
    this.kept = cut;
    for (const [key, q] of this.forecasts) {
      for (const [b, bucket] of q) {
        if ((b + 1) * DAY_MS <= cut) q.delete(b);
        else if (b * DAY_MS < cut) {
          for (const start of bucket.keys()) if (start < cut) bucket.delete(start);
          if (bucket.size === 0) q.delete(b);
        }
      }
      if (q.size === 0) this.forecasts.delete(key);
    }
    for (const [tenant, ids] of this.scheduledAgents) {
      for (const agentId of ids) {
        const key = scopedKey(tenant, agentId);
        const list = this.schedules.get(key) ?? [];
        // Sorted by start: only the head can have ended.
        let old = 0;
        while (old < list.length && list[old].start < cut) old++;
        if (old > 0) list.splice(0, old, ...list.slice(0, old).filter((s) => s.end > cut));
        if (list.length === 0) {
          this.schedules.delete(key);
          ids.delete(agentId);
        }
      }
      if (ids.size === 0) this.scheduledAgents.delete(tenant);
    }
    for (const w of this.whatIfs.values()) if (w.to <= cut) this.removeWhatIf(w.id);
  }

  /** The whole plan as plain data (snapshots): forecasts flat per queue, as before they were bucketed. */
  toJSON(): PlanData {
    return {
      forecasts: [...this.forecasts].map(([k, q]) => [k, [...q.values()].flatMap((bucket) => [...bucket])]),
      schedules: [...this.schedules],
      scheduledAgents: [...this.scheduledAgents].map(([t, ids]) => [t, [...ids]]),
      whatIfs: [...this.whatIfs.values()],
      nextWhatIf: this.nextWhatIf,
      ...(Number.isFinite(this.kept) ? { keptFrom: this.kept } : {}),
    };
  }

  /** Restores what `toJSON` gave into an empty plan (a snapshot without `keptFrom` has forgotten nothing yet). */
  load(d: PlanData): void {
    for (const [k, rows] of d.forecasts) {
      const q = new Map<number, Map<number, ForecastInterval>>();
      for (const [start, row] of rows) putRow(q, start, row);
      this.forecasts.set(k, q);
    }
    for (const [k, segs] of d.schedules) this.schedules.set(k, segs);
    for (const [t, ids] of d.scheduledAgents) this.scheduledAgents.set(t, new Set(ids));
    for (const w of d.whatIfs) this.keepWhatIf(w);
    this.nextWhatIf = d.nextWhatIf;
    this.kept = d.keptFrom ?? -Infinity;
  }

  addWhatIf(w: Omit<WhatIf, 'id'>): WhatIf {
    const whatIf = { ...w, id: `w${this.nextWhatIf++}` };
    this.keepWhatIf(whatIf);
    return whatIf;
  }

  /** How many what-ifs the tenant holds. */
  whatIfCount(tenant: string): number {
    return this.whatIfCounts.get(tenant) ?? 0;
  }

  private keepWhatIf(w: WhatIf): void {
    this.whatIfs.set(w.id, w);
    this.whatIfCounts.set(w.tenant, this.whatIfCount(w.tenant) + 1);
  }

  /** A tenant's what-if by id, or undefined (another tenant's is never found). */
  whatIf(tenant: string, id: string): WhatIf | undefined {
    const w = this.whatIfs.get(id);
    return w && w.tenant === tenant ? w : undefined;
  }

  removeWhatIf(id: string): WhatIf | undefined {
    const w = this.whatIfs.get(id);
    if (!w) return undefined;
    this.whatIfs.delete(id);
    const left = this.whatIfCount(w.tenant) - 1;
    if (left > 0) this.whatIfCounts.set(w.tenant, left);
    else this.whatIfCounts.delete(w.tenant);
    return w;
  }

  /** What-ifs of a queue on a date, oldest first. */
  whatIfsFor(tenant: string, queueId: string, date: string): WhatIf[] {
    return [...this.whatIfs.values()].filter((w) => w.tenant === tenant && w.queueId === queueId && w.date === date);
  }
}
