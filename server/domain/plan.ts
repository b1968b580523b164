/** The plan for the day: forecasts, schedules and what-ifs. Pure data, kept apart from actuals. */
import { scopedKey } from '../protocol/keys.ts';

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
}

/**
 * Forecasts, schedules and what-ifs of every tenant, each keyed by (tenant, id) like the
 * engine's queues and agents: one tenant's plan can neither see nor replace another's.
 */
export class Plan {
  /** scopedKey(tenant, queueId) -> interval start (epoch ms) -> forecast. */
  private readonly forecasts = new Map<string, Map<number, ForecastInterval>>();
  /** scopedKey(tenant, agentId) -> segments sorted by start. */
  private readonly schedules = new Map<string, ScheduleSegment[]>();
  /** tenant -> agent ids with a schedule. */
  private readonly scheduledAgents = new Map<string, Set<string>>();
  private readonly whatIfs = new Map<string, WhatIf>();
  private nextWhatIf = 1;

  /** Replaces a queue's forecast for one local day [dayStart, dayEnd) (epoch ms) with `rows`. */
  setForecast(tenant: string, queueId: string, dayStart: number, dayEnd: number, rows: Map<number, ForecastInterval>): void {
    const key = scopedKey(tenant, queueId);
    let q = this.forecasts.get(key);
    if (!q) this.forecasts.set(key, (q = new Map()));
    for (const start of q.keys()) if (start >= dayStart && start < dayEnd) q.delete(start);
    for (const [start, row] of rows) q.set(start, row);
  }

  /** The forecast of one interval (start epoch ms), if any. */
  forecast(tenant: string, queueId: string, start: number): ForecastInterval | undefined {
    return this.forecasts.get(scopedKey(tenant, queueId))?.get(start);
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

  /** The whole plan as plain data (snapshots). */
  toJSON(): PlanData {
    return {
      forecasts: [...this.forecasts].map(([k, m]) => [k, [...m]]),
      schedules: [...this.schedules],
      scheduledAgents: [...this.scheduledAgents].map(([t, ids]) => [t, [...ids]]),
      whatIfs: [...this.whatIfs.values()],
      nextWhatIf: this.nextWhatIf,
    };
  }

  /** Restores what `toJSON` gave into an empty plan. */
  load(d: PlanData): void {
    for (const [k, rows] of d.forecasts) this.forecasts.set(k, new Map(rows));
    for (const [k, segs] of d.schedules) this.schedules.set(k, segs);
    for (const [t, ids] of d.scheduledAgents) this.scheduledAgents.set(t, new Set(ids));
    for (const w of d.whatIfs) this.whatIfs.set(w.id, w);
    this.nextWhatIf = d.nextWhatIf;
  }

  addWhatIf(w: Omit<WhatIf, 'id'>): WhatIf {
    const whatIf = { ...w, id: `w${this.nextWhatIf++}` };
    this.whatIfs.set(whatIf.id, whatIf);
    return whatIf;
  }

  /** A tenant's what-if by id, or undefined (another tenant's is never found). */
  whatIf(tenant: string, id: string): WhatIf | undefined {
    const w = this.whatIfs.get(id);
    return w && w.tenant === tenant ? w : undefined;
  }

  removeWhatIf(id: string): WhatIf | undefined {
    const w = this.whatIfs.get(id);
    this.whatIfs.delete(id);
    return w;
  }

  /** What-ifs of a queue on a date, oldest first. */
  whatIfsFor(tenant: string, queueId: string, date: string): WhatIf[] {
    return [...this.whatIfs.values()].filter((w) => w.tenant === tenant && w.queueId === queueId && w.date === date);
  }
}
