/**
 * Does the past-day re-run reproduce a day? Re-runs simulated days (the simulator's floor, as
 * a journal holds it) with their own staffing and prints each queue's actual service level
 * next to the re-run's, and what +2 agents from 14:00 would have given.
 *   npm run past-day:check -- [--days 7] [--end YYYY-MM-DD] [--seed 42] [--timezone Asia/Taipei]
 */
import { parseArgs } from 'node:util';
import { addDays } from '../server/domain/forecast/daily-history.ts';
import { IntervalClock } from '../server/domain/intervals.ts';
import { FloorLogBuilder } from '../server/domain/past-day/floor-log.ts';
import { pastDayWhatIf, type PastDayQueue } from '../server/views/past-day-whatif.ts';
import { QUEUES } from '../simulator/day-model.ts';
import { simulatedDay } from './simulated-past-day.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    end: { type: 'string', default: '2026-11-30' },
    seed: { type: 'string', default: '42' },
    timezone: { type: 'string', default: 'Asia/Taipei' },
  },
});
const clock = new IntervalClock(values.timezone!, 30);
const days = Number(values.days);
if (!(days >= 1 && days <= 60) || !/^\d{4}-\d{2}-\d{2}$/.test(values.end!)) {
  console.error('past-day:check: --days 1..60 and --end YYYY-MM-DD');
  process.exit(2);
}
const queues: PastDayQueue[] = QUEUES.map((q) => ({ id: q.id, name: q.name, slTarget: q.targets?.slTarget ?? 0.8, thresholdSeconds: q.targets?.slThresholdSeconds ?? 20, formula: 'excludeShortAbandons' }));
const rows = new Map<string, { actual: number; rerun: number; plus2: number; diffs: number[] }>();
const t0 = performance.now();
for (let i = days; i >= 1; i--) {
  const date = addDays(values.end!, -i);
  const { day, events } = simulatedDay(date, Number(values.seed) + i, clock);
  for (const tenant of new Set(QUEUES.map((q) => q.tenant))) {
    const b = new FloorLogBuilder(day.start);
    for (const e of events) if (e.tenant === tenant) b.add(e);
    const log = b.build(day.end);
    for (const q of QUEUES.filter((x) => x.tenant === tenant)) {
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
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
console.log(`${days} simulated days before ${values.end} (seeds ${Number(values.seed) + 1}..${Number(values.seed) + days}), ${clock.timezone}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('');
console.log('| queue | actual SL (mean of days) | re-run, own staffing | mean difference (points) | largest day difference | re-run, +2 agents from 14:00 |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [id, r] of rows) {
  const mean = r.diffs.reduce((a, b) => a + b, 0) / days;
  const worst = r.diffs.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
  console.log(`| ${id} | ${pct(r.actual / days)} | ${pct(r.rerun / days)} | ${pts(mean)} | ${pts(worst)} | ${pct(r.plus2 / days)} |`);
}
