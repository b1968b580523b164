/** The plan for the day: forecasts, schedules and what-ifs. Pure data, kept apart from actuals. */

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

export class Plan {
  /** queueId -> interval start (epoch ms) -> forecast. */
  readonly forecasts = new Map<string, Map<number, ForecastInterval>>();
  /** agentId -> segments sorted by start. */
  readonly schedules = new Map<string, ScheduleSegment[]>();
  readonly whatIfs = new Map<string, WhatIf>();
  private nextWhatIf = 1;

  /** Replaces a queue's forecast for the intervals given (one local day's worth). */
  setForecast(queueId: string, dayStart: number, dayEnd: number, rows: Map<number, ForecastInterval>): void {
    let q = this.forecasts.get(queueId);
    if (!q) this.forecasts.set(queueId, (q = new Map()));
    for (const start of q.keys()) if (start >= dayStart && start < dayEnd) q.delete(start);
    for (const [start, row] of rows) q.set(start, row);
  }

  forecast(queueId: string, start: number): ForecastInterval | undefined {
    return this.forecasts.get(queueId)?.get(start);
  }

  /** Replaces the segments of the given agents within [dayStart, dayEnd). */
  setSchedules(dayStart: number, dayEnd: number, segments: ScheduleSegment[]): void {
    const byAgent = new Map<string, ScheduleSegment[]>();
    for (const s of segments) {
      let list = byAgent.get(s.agentId);
      if (!list) byAgent.set(s.agentId, (list = []));
      list.push(s);
    }
    for (const [agentId, list] of byAgent) {
      const kept = (this.schedules.get(agentId) ?? []).filter((s) => s.end <= dayStart || s.start >= dayEnd);
      this.schedules.set(agentId, [...kept, ...list].sort((a, b) => a.start - b.start));
    }
  }

  /** Segments of an agent overlapping [from, to). */
  segments(agentId: string, from: number, to: number): ScheduleSegment[] {
    return (this.schedules.get(agentId) ?? []).filter((s) => s.end > from && s.start < to);
  }

  addWhatIf(w: Omit<WhatIf, 'id'>): WhatIf {
    const whatIf = { ...w, id: `w${this.nextWhatIf++}` };
    this.whatIfs.set(whatIf.id, whatIf);
    return whatIf;
  }

  removeWhatIf(id: string): WhatIf | undefined {
    const w = this.whatIfs.get(id);
    this.whatIfs.delete(id);
    return w;
  }

  /** What-ifs of a queue on a date, oldest first. */
  whatIfsFor(queueId: string, date: string): WhatIf[] {
    return [...this.whatIfs.values()].filter((w) => w.queueId === queueId && w.date === date);
  }
}
