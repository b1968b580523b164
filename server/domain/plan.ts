/** The plan for the day: forecasts, schedules and what-ifs. Pure data, kept apart from actuals. */
import { scopedKey, tenantOfKey } from '../protocol/keys.ts';
import type { PrincipalKind } from '../protocol/people.ts';
import { daysBetween } from './forecast/daily-history.ts';
import { runToEnd } from './steps.ts';
import { groupByAgentSteps, STEP_SEGMENTS, type AgentSchedule } from './schedule-steps.ts';

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
 * Agents the what-ifs of one queue interval may add or remove in all, either way: one what-if's
 * own bound. Stacked, 500 of +10,000 put 5,000,000 agents on an interval, and every projection
 * of it stepped Erlang B through them (docs/security.md).
 */
export const MAX_WHATIF_AGENTS = 10_000;

/**
 * Forecast intervals and schedule segments a tenant's plan may hold in all. A large floor's fits:
 * 4,000 agents with 8 segments a day for five weeks (1.1 million) and 40 queues' half-hours for
 * 400 days (0.8 million). A row takes about 120-130 bytes in memory and 50-90 in every snapshot,
 * so a tenant's plan stays under about 260 MB. The bounds of one import, of an agent's day and of
 * the days ahead left the sum unbounded: 400 schedule imports of 10 MiB for different agents all
 * went in, about 6.8 GB.
 */
export const MAX_PLAN_ROWS_PER_TENANT = 2_000_000;

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
  | { code: 'plan.whatIfAgents'; params: { agents: number; limit: number } }
  | { code: 'plan.tooFarAhead'; params: { date: string; days: number; today: string; limit: number } }
  | { code: 'plan.rowsFull'; params: { rows: number; limit: number } }
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

/** Why a what-if is refused that would make one interval's what-ifs add `agents` (signed) in all, past MAX_WHATIF_AGENTS. */
export const whatIfAgentsPast = (agents: number): PlanRefusal => ({
  refused: `with it the what-ifs of an interval would come to ${agents > 0 ? '+' : ''}${agents.toLocaleString('en-US')} agents: at most ${MAX_WHATIF_AGENTS.toLocaleString('en-US')} either way`,
  code: 'plan.whatIfAgents',
  params: { agents, limit: MAX_WHATIF_AGENTS },
});

/** Why a plan change is refused with which the tenant's plan would hold `rows` forecast intervals and schedule segments, past MAX_PLAN_ROWS_PER_TENANT. */
export const planRowsFull = (rows: number): PlanRefusal => ({
  refused: `with it the tenant's plan would hold ${rows.toLocaleString('en-US')} forecast intervals and schedule segments: at most ${MAX_PLAN_ROWS_PER_TENANT.toLocaleString('en-US')} (those of days past the retention go by themselves)`,
  code: 'plan.rowsFull',
  params: { rows, limit: MAX_PLAN_ROWS_PER_TENANT },
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

/** Puts one forecast row (interval start, epoch ms) into a queue's buckets; whether it was new there (1) or replaced one (0). */
function putRow(q: Map<number, Map<number, ForecastInterval>>, start: number, row: ForecastInterval): number {
  let bucket = q.get(bucketOf(start));
  if (!bucket) q.set(bucketOf(start), (bucket = new Map()));
  const added = bucket.has(start) ? 0 : 1;
  bucket.set(start, row);
  return added;
}

/**
 * One agent's schedule, kept by day like forecasts so that reading or replacing one day costs
 * the segments of about that day, not of every day the plan holds (one agent's 778,000 segments
 * made each adherence read 0.17 s and each import re-sort them all).
 */
interface AgentSegments {
  /** `bucketOf(start)` -> segments of at most DAY_MS, sorted by start: one that overlaps [from, to) starts in a bucket from bucketOf(from - DAY_MS) to bucketOf(to - 1). */
  days: Map<number, ScheduleSegment[]>;
  /**
   * Segments longer than DAY_MS, sorted by start, which every read of the agent looks at. Few: an
   * import's segments do not overlap each other and all overlap its day, so at most two reach
   * beyond it, and it drops those of other imports that overlap its day.
   */
  long: ScheduleSegment[];
  /** No bucket of `days` is below this one (it may lie below the lowest one held). */
  oldest: number;
}

/** The buckets of `days` from `lo` to `hi` (inclusive) in order: each looked up, or all walked when there are fewer than that. */
function bucketsBetween(days: Map<number, ScheduleSegment[]>, lo: number, hi: number): [number, ScheduleSegment[]][] {
  if (hi - lo >= days.size) return [...days].filter(([b]) => b >= lo && b <= hi).sort((x, y) => x[0] - y[0]);
  const out: [number, ScheduleSegment[]][] = [];
  for (let b = lo; b <= hi; b++) {
    const list = days.get(b);
    if (list) out.push([b, list]);
  }
  return out;
}

const byStart = (a: ScheduleSegment, b: ScheduleSegment): number => a.start - b.start;

/**
 * Adds `segments` to an agent's schedule, after the ones it holds of the same start (the sort is
 * stable). A list it adds to is replaced by a copy, never changed, so a copy of `a` with its own
 * `days` map can be built while `a` stays as it was (`stageSchedules`).
 */
function addSegments(a: AgentSegments, segments: Iterable<ScheduleSegment>): void {
  const fresh = new Set<ScheduleSegment[]>();
  for (const s of segments) {
    if (s.end - s.start > DAY_MS) {
      if (!fresh.has(a.long)) fresh.add((a.long = [...a.long]));
      a.long.push(s);
      continue;
    }
    const b = bucketOf(s.start);
    let list = a.days.get(b);
    if (!list || !fresh.has(list)) {
      list = list ? [...list] : [];
      a.days.set(b, list);
      fresh.add(list);
    }
    list.push(s);
    if (b < a.oldest) a.oldest = b;
  }
  for (const list of fresh) list.sort(byStart);
}

/** All of an agent's segments in one list sorted by start, as snapshots held them before they were kept by day. */
function flatSegments(a: AgentSegments): ScheduleSegment[] {
  const flat = [...a.days].sort((x, y) => x[0] - y[0]).flatMap(([, list]) => list);
  return a.long.length ? [...flat, ...a.long].sort(byStart) : flat;
}

/** An agent's segments overlapping [from, to) (epoch ms), sorted by start. */
function segmentsOf(a: AgentSegments, from: number, to: number): ScheduleSegment[] {
  const out: ScheduleSegment[] = [];
  for (const [, list] of bucketsBetween(a.days, bucketOf(from - DAY_MS), bucketOf(to - 1))) for (const s of list) if (s.end > from && s.start < to) out.push(s);
  const long = a.long.filter((s) => s.end > from && s.start < to);
  return long.length ? [...out, ...long].sort(byStart) : out;
}

/**
 * Keeps only the segments `keep` takes, of an agent's buckets `lo`..`hi` and of its long ones
 * (the others are not asked); answers the lowest of those buckets still held, else hi + 1, and
 * how many segments went.
 */
function keepSegments(a: AgentSegments, lo: number, hi: number, keep: (s: ScheduleSegment) => boolean): { lowest: number; removed: number } {
  let lowest = hi + 1;
  let removed = 0;
  for (const [b, list] of bucketsBetween(a.days, lo, hi)) {
    const kept = list.filter(keep);
    removed += list.length - kept.length;
    if (kept.length === 0) a.days.delete(b);
    else {
      if (kept.length < list.length) a.days.set(b, kept);
      lowest = Math.min(lowest, b);
    }
  }
  if (a.long.length) {
    const kept = a.long.filter(keep);
    removed += a.long.length - kept.length;
    a.long = kept;
  }
  return { lowest, removed };
}

/** How many segments an agent holds. */
function segmentCount(a: AgentSegments): number {
  let n = a.long.length;
  for (const list of a.days.values()) n += list.length;
  return n;
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
  /** What `createdBy` is; absent for a what-if made before kinds were recorded. */
  createdByKind?: PrincipalKind;
}

/** Agents' schedules built by `Plan.stageSchedules`, not yet in place. */
export interface StagedSchedules {
  tenant: string;
  /** Rows (signed) committing it adds to the tenant's plan. */
  growth: number;
  agents: { key: string; agentId: string; next: AgentSegments }[];
  /** The plan's change count it was staged at. */
  version: number;
}

/** A plan as plain data (snapshots). */
export interface PlanData {
  forecasts: [string, [number, ForecastInterval][]][];
  schedules: [string, ScheduleSegment[]][];
  scheduledAgents: [string, string[]][];
  whatIfs: WhatIf[];
  /** The number of the next what-if id of a tenant not in `whatIfNumbers` (the one counter of every tenant in snapshots written before ids were per tenant). */
  nextWhatIf: number;
  /** tenant -> the number of its next what-if id; absent in snapshots written before ids were per tenant. */
  whatIfNumbers?: [string, number][];
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
  /** scopedKey(tenant, queueId) of `forecasts` -> its tenant. */
  private readonly forecastTenants = new Map<string, string>();
  /** tenant -> forecast intervals and schedule segments it holds (MAX_PLAN_ROWS_PER_TENANT). */
  private readonly rowCounts = new Map<string, number>();
  /** scopedKey(tenant, agentId) -> that agent's segments by day. */
  private readonly schedules = new Map<string, AgentSegments>();
  /** tenant -> agent ids with a schedule. */
  private readonly scheduledAgents = new Map<string, Set<string>>();
  /** scopedKey(tenant, id) -> what-if. */
  private readonly whatIfs = new Map<string, WhatIf>();
  /** tenant -> how many of `whatIfs` are its. */
  private readonly whatIfCounts = new Map<string, number>();
  /**
   * tenant -> the number of its next what-if id. Each tenant counts its own, so an id says
   * nothing of other tenants' what-ifs; a tenant not here starts at `firstWhatIf`.
   */
  private readonly nextWhatIf = new Map<string, number>();
  /** Above every id of a snapshot of the shared counter, so no tenant's id is ever given twice. */
  private firstWhatIf = 1;
  private kept = -Infinity;
  /** Counts the changes to schedules: a staged schedule is only committed to the plan it was staged on. */
  private version = 0;

  /** Counts changes to the schedules (the staging counter), so a view built from them knows when it is out of date. */
  get scheduleRevision(): number {
    return this.version;
  }

  /** Start (epoch ms) of the oldest local day the plan keeps: -Infinity until `forgetBefore` first ran. */
  get keptFrom(): number {
    return this.kept;
  }

  /** Forecast intervals and schedule segments the tenant's plan holds. */
  rowCount(tenant: string): number {
    return this.rowCounts.get(tenant) ?? 0;
  }

  private countRows(tenant: string, change: number): void {
    const n = this.rowCount(tenant) + change;
    if (n > 0) this.rowCounts.set(tenant, n);
    else this.rowCounts.delete(tenant);
  }

  /** The queue's forecast intervals in [dayStart, dayEnd) (epoch ms). */
  private forecastRowsIn(q: Map<number, Map<number, ForecastInterval>> | undefined, dayStart: number, dayEnd: number): number {
    let n = 0;
    for (let b = bucketOf(dayStart); q && b <= bucketOf(dayEnd - 1); b++) for (const start of q.get(b)?.keys() ?? []) if (start >= dayStart && start < dayEnd) n++;
    return n;
  }

  /** How many forecast intervals the queue holds in [dayStart, dayEnd) (epoch ms). */
  forecastCount(tenant: string, queueId: string, dayStart: number, dayEnd: number): number {
    return this.forecastRowsIn(this.forecasts.get(scopedKey(tenant, queueId)), dayStart, dayEnd);
  }

  /** How many rows (signed) `setForecast` with these arguments would add to the tenant's plan. */
  forecastGrowth(tenant: string, queueId: string, dayStart: number, dayEnd: number, rows: Map<number, ForecastInterval>): number {
    const q = this.forecasts.get(scopedKey(tenant, queueId));
    let added = 0;
    for (const start of rows.keys()) if ((start >= dayStart && start < dayEnd) || !q?.get(bucketOf(start))?.has(start)) added++;
    return added - this.forecastRowsIn(q, dayStart, dayEnd);
  }

  /** Replaces a queue's forecast for one local day [dayStart, dayEnd) (epoch ms) with `rows`. */
  setForecast(tenant: string, queueId: string, dayStart: number, dayEnd: number, rows: Map<number, ForecastInterval>): void {
    const key = scopedKey(tenant, queueId);
    let q = this.forecasts.get(key);
    if (!q) this.forecasts.set(key, (q = new Map()));
    this.forecastTenants.set(key, tenant);
    let change = -this.forecastRowsIn(q, dayStart, dayEnd);
    for (let b = bucketOf(dayStart); b <= bucketOf(dayEnd - 1); b++) {
      const bucket = q.get(b);
      if (!bucket) continue;
      for (const start of bucket.keys()) if (start >= dayStart && start < dayEnd) bucket.delete(start);
      if (bucket.size === 0) q.delete(b);
    }
    for (const [start, row] of rows) change += putRow(q, start, row);
    this.countRows(tenant, change);
  }

  /** The forecast of one interval (start epoch ms), if any. */
  forecast(tenant: string, queueId: string, start: number): ForecastInterval | undefined {
    return this.forecasts.get(scopedKey(tenant, queueId))?.get(bucketOf(start))?.get(start);
  }

  /** How many rows (signed) `setSchedules` with these arguments would add to the tenant's plan. */
  scheduleGrowth(tenant: string, dayStart: number, dayEnd: number, segments: readonly ScheduleSegment[]): number {
    let removed = 0;
    for (const agentId of new Set(segments.map((s) => s.agentId))) removed += this.segments(tenant, agentId, dayStart, dayEnd).length;
    return segments.length - removed;
  }

  /** Replaces the segments of the given agents of a tenant within [dayStart, dayEnd) (epoch ms). */
  setSchedules(tenant: string, dayStart: number, dayEnd: number, segments: ScheduleSegment[]): void {
    runToEnd(this.commitSchedulesSteps(runToEnd(this.stageSchedules(tenant, dayStart, dayEnd, runToEnd(groupByAgentSteps(segments))))));
  }

  /**
   * What `setSchedules` of these agents' segments would make of their schedules, built a few
   * hundred agents a step without changing the plan, so every check of a change can come before
   * any of it. Its `growth` is the rows (signed) it adds to the tenant's plan.
   */
  *stageSchedules(tenant: string, dayStart: number, dayEnd: number, byAgent: readonly AgentSchedule[]): Generator<void, StagedSchedules> {
    const agents: StagedSchedules['agents'] = [];
    let growth = 0;
    let done = 0;
    for (const [agentId, list] of byAgent) {
      const key = scopedKey(tenant, agentId);
      const old = this.schedules.get(key);
      // Its own map of days: keepSegments and addSegments replace lists in it, never change one.
      const next: AgentSegments = old ? { days: new Map(old.days), long: old.long, oldest: old.oldest } : { days: new Map(), long: [], oldest: Infinity };
      const { removed } = keepSegments(next, bucketOf(dayStart - DAY_MS), bucketOf(dayEnd - 1), (s) => s.end <= dayStart || s.start >= dayEnd);
      addSegments(next, list);
      agents.push({ key, agentId, next });
      growth += list.length - removed;
      done += list.length + 1;
      if (done >= STEP_SEGMENTS) {
        done = 0;
        yield;
      }
    }
    return { tenant, growth, agents, version: this.version };
  }

  /**
   * Puts a staged schedule in place, STEP_SEGMENTS agents a step (33,000 agents at once were
   * 30-60 ms of CPU): each agent's day at once, so a reader between two steps sees some agents
   * with the new day and the others with the old, never an agent with part of either. Throws
   * when the plan changed since it was staged (it would undo that change); nothing else may
   * change it until the last step.
   */
  *commitSchedulesSteps(staged: StagedSchedules): Generator<void, void> {
    if (staged.version !== this.version) throw new Error('a staged schedule is committed after another change to the plan');
    let ids = this.scheduledAgents.get(staged.tenant);
    if (!ids) this.scheduledAgents.set(staged.tenant, (ids = new Set()));
    for (let i = 0; i < staged.agents.length; i++) {
      if (i > 0 && i % STEP_SEGMENTS === 0) yield;
      const { key, agentId, next } = staged.agents[i];
      this.schedules.set(key, next);
      ids.add(agentId);
    }
    this.countRows(staged.tenant, staged.growth);
    this.version++;
  }

  /** Segments of an agent overlapping [from, to) (epoch ms), sorted by start. */
  segments(tenant: string, agentId: string, from: number, to: number): ScheduleSegment[] {
    const a = this.schedules.get(scopedKey(tenant, agentId));
    return a ? segmentsOf(a, from, to) : [];
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
    this.version++;
    for (const [key, q] of this.forecasts) {
      let removed = 0;
      for (const [b, bucket] of q) {
        if ((b + 1) * DAY_MS <= cut) {
          removed += bucket.size;
          q.delete(b);
        } else if (b * DAY_MS < cut) {
          for (const start of bucket.keys()) if (start < cut && bucket.delete(start)) removed++;
          if (bucket.size === 0) q.delete(b);
        }
      }
      this.countRows(this.forecastTenants.get(key)!, -removed);
      if (q.size === 0) {
        this.forecasts.delete(key);
        this.forecastTenants.delete(key);
      }
    }
    for (const [tenant, ids] of this.scheduledAgents) {
      for (const agentId of ids) {
        const key = scopedKey(tenant, agentId);
        const a = this.schedules.get(key);
        // Only the buckets of starts before the cut can hold a segment that ended by it.
        if (a) {
          const { lowest, removed } = keepSegments(a, a.oldest, bucketOf(cut - 1), (s) => s.end > cut);
          a.oldest = lowest;
          this.countRows(tenant, -removed);
        }
        if (!a || (a.days.size === 0 && a.long.length === 0)) {
          this.schedules.delete(key);
          ids.delete(agentId);
        }
      }
      if (ids.size === 0) this.scheduledAgents.delete(tenant);
    }
    for (const w of this.whatIfs.values()) if (w.to <= cut) this.removeWhatIf(w.tenant, w.id);
  }

  /** The whole plan as plain data (snapshots): forecasts flat per queue, as before they were bucketed. */
  toJSON(): PlanData {
    return runToEnd(this.captureSteps());
  }

  /**
   * `toJSON` a few thousand rows a step (snapshots): one plan of 120,000 segments of 20,000 agents
   * took 60-230 ms in one go. The plan must not change until it ends.
   */
  *captureSteps(): Generator<void, PlanData> {
    const forecasts: PlanData['forecasts'] = [];
    const schedules: PlanData['schedules'] = [];
    let done = 0;
    for (const [k, q] of this.forecasts) {
      const rows = [...q.values()].flatMap((bucket) => [...bucket]);
      forecasts.push([k, rows]);
      done += rows.length + 1;
      if (done >= STEP_SEGMENTS) {
        done = 0;
        yield;
      }
    }
    for (const [k, a] of this.schedules) {
      const list = flatSegments(a);
      schedules.push([k, list]);
      done += list.length + 1;
      if (done >= STEP_SEGMENTS) {
        done = 0;
        yield;
      }
    }
    return {
      forecasts,
      schedules,
      scheduledAgents: [...this.scheduledAgents].map(([t, ids]) => [t, [...ids]]),
      whatIfs: [...this.whatIfs.values()],
      nextWhatIf: this.firstWhatIf,
      whatIfNumbers: [...this.nextWhatIf],
      ...(Number.isFinite(this.kept) ? { keptFrom: this.kept } : {}),
    };
  }

  /** Restores what `toJSON` gave into an empty plan (a snapshot without `keptFrom` has forgotten nothing yet). */
  load(d: PlanData): void {
    this.version++;
    for (const [k, rows] of d.forecasts) {
      const q = new Map<number, Map<number, ForecastInterval>>();
      let added = 0;
      for (const [start, row] of rows) added += putRow(q, start, row);
      this.forecasts.set(k, q);
      this.forecastTenants.set(k, tenantOfKey(k));
      this.countRows(tenantOfKey(k), added);
    }
    for (const [k, segs] of d.schedules) {
      const a: AgentSegments = { days: new Map(), long: [], oldest: Infinity };
      addSegments(a, segs);
      this.schedules.set(k, a);
    }
    for (const [t, ids] of d.scheduledAgents) {
      this.scheduledAgents.set(t, new Set(ids));
      for (const id of ids) {
        const a = this.schedules.get(scopedKey(t, id));
        if (a) this.countRows(t, segmentCount(a));
      }
    }
    for (const w of d.whatIfs) this.keepWhatIf(w);
    this.firstWhatIf = d.nextWhatIf;
    for (const [t, n] of d.whatIfNumbers ?? []) this.nextWhatIf.set(t, n);
    this.kept = d.keptFrom ?? -Infinity;
  }

  /** Adds a what-if with the tenant's next id (w1, w2, ... of its own). */
  addWhatIf(w: Omit<WhatIf, 'id'>): WhatIf {
    const n = this.nextWhatIf.get(w.tenant) ?? this.firstWhatIf;
    this.nextWhatIf.set(w.tenant, n + 1);
    const whatIf = { ...w, id: `w${n}` };
    this.keepWhatIf(whatIf);
    return whatIf;
  }

  /**
   * The what-if total (agents, signed) farthest from 0 that an interval of `w` would have with
   * `w` added to the queue's what-ifs of its day. One sweep over where what-ifs start and end.
   */
  whatIfPeak(w: Omit<WhatIf, 'id'>): number {
    const changes: [number, number][] = [[w.from, w.agents], [w.to, -w.agents]];
    for (const o of this.whatIfsFor(w.tenant, w.queueId, w.date)) if (o.from < w.to && o.to > w.from) changes.push([o.from, o.agents], [o.to, -o.agents]);
    changes.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let peak = 0;
    for (let i = 0; i < changes.length; ) {
      const at = changes[i][0];
      for (; i < changes.length && changes[i][0] === at; i++) total += changes[i][1];
      if (at >= w.from && at < w.to && Math.abs(total) > Math.abs(peak)) peak = total;
    }
    return peak;
  }

  /** How many what-ifs the tenant holds. */
  whatIfCount(tenant: string): number {
    return this.whatIfCounts.get(tenant) ?? 0;
  }

  private keepWhatIf(w: WhatIf): void {
    this.whatIfs.set(scopedKey(w.tenant, w.id), w);
    this.whatIfCounts.set(w.tenant, this.whatIfCount(w.tenant) + 1);
  }

  /** A tenant's what-if by id, or undefined (another tenant's is never found). */
  whatIf(tenant: string, id: string): WhatIf | undefined {
    return this.whatIfs.get(scopedKey(tenant, id));
  }

  /** Removes a tenant's what-if by id; the one removed, or undefined. */
  removeWhatIf(tenant: string, id: string): WhatIf | undefined {
    const key = scopedKey(tenant, id);
    const w = this.whatIfs.get(key);
    if (!w) return undefined;
    this.whatIfs.delete(key);
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
