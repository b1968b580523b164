/** A past day of the simulated floor as a journal would hold it: its canonical events in [day start, day end). */
import { addDays } from '../server/domain/forecast/daily-history.ts';
import { IntervalClock, type LocalDay } from '../server/domain/intervals.ts';
import { FloorLogBuilder } from '../server/domain/past-day/floor-log.ts';
import { pastDayWhatIf, type PastDayQueue } from '../server/views/past-day-whatif.ts';
import { QUEUES } from '../simulator/day-model.ts';
import { Simulation, type WireEvent } from '../simulator/simulation.ts';

/**
 * The simulated floor's events of local `date`, played from six hours before so the night
 * shift and the first calls are already there, as a real day's journal begins mid-stream.
 */
export function simulatedDay(date: string, seed: number, clock: IntervalClock): { day: LocalDay; events: WireEvent[] } {
  const day = clock.dayOfDate(date)!;
  const sim = new Simulation(seed, clock.timezone, day.start - 6 * 3_600_000);
  sim.advanceTo(day.start - 1);
  const events = sim.advanceTo(day.end - 1).filter((e) => Date.parse(e.ts) >= day.start);
  return { day, events };
}

/** One queue's past days re-run: sums of the day service levels and each day's re-run minus actual. */
export interface PastDayCheck {
  actual: number;
  rerun: number;
  plus2: number;
  diffs: number[];
}

/**
 * Re-runs the `days` simulated days before `end` (day i played with seed + i) with their own
 * staffing and with +2 agents from 14:00, for the queues `queueIds` (all live ones when absent).
 */
export function checkPastDays(end: string, days: number, seed: number, clock: IntervalClock, queueIds?: readonly string[]): Map<string, PastDayCheck> {
  // Email is deferred work with a target in hours: it is in the re-run as the agents' time, not in the table.
  const wanted = QUEUES.filter((q) => (queueIds ? queueIds.includes(q.id) : q.channel !== 'email'));
  const queues: PastDayQueue[] = QUEUES.map((q) => ({ id: q.id, name: q.name, slTarget: q.targets?.slTarget ?? 0.8, thresholdSeconds: q.targets?.slThresholdSeconds ?? 20, formula: 'excludeShortAbandons' }));
  const rows = new Map<string, PastDayCheck>();
  for (let i = days; i >= 1; i--) {
    const { day, events } = simulatedDay(addDays(end, -i), seed + i, clock);
    for (const tenant of new Set(wanted.map((q) => q.tenant))) {
      const b = new FloorLogBuilder(day.start);
      for (const e of events) if (e.tenant === tenant) b.add(e);
      const log = b.build(day.end);
      for (const q of wanted.filter((x) => x.tenant === tenant)) {
        const v = pastDayWhatIf(log, tenant, queues, q.id, day, clock, [{ from: '14:00', agents: 2 }], i);
        const r = rows.get(q.id) ?? { actual: 0, rerun: 0, plus2: 0, diffs: [] };
        r.actual += v.day.actual.serviceLevel ?? 0;
        r.rerun += v.day.rerun.serviceLevel ?? 0;
        r.plus2 += v.day.whatIf.serviceLevel ?? 0;
        r.diffs.push((v.day.rerun.serviceLevel ?? 0) - (v.day.actual.serviceLevel ?? 0));
        rows.set(q.id, r);
      }
    }
  }
  return rows;
}

/** The check as a markdown table, one row per queue. */
export function pastDayTable(rows: ReadonlyMap<string, PastDayCheck>, days: number): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  const out = ['| queue | actual SL (mean of days) | re-run, own staffing | mean difference (points) | largest day difference | re-run, +2 agents from 14:00 |', '|---|---:|---:|---:|---:|---:|'];
  for (const [id, r] of rows) {
    const mean = r.diffs.reduce((a, b) => a + b, 0) / days;
    const worst = r.diffs.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
    out.push(`| ${id} | ${pct(r.actual / days)} | ${pct(r.rerun / days)} | ${pts(mean)} | ${pts(worst)} | ${pct(r.plus2 / days)} |`);
  }
  return out;
}
