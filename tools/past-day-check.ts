/**
 * Does the past-day re-run reproduce a day? Re-runs simulated days (the simulator's floor, as
 * a journal holds it) with their own staffing and prints each queue's actual service level
 * next to the re-run's, and what +2 agents from 14:00 would have given.
 *   npm run past-day:check -- [--days 7] [--end YYYY-MM-DD] [--seed 42] [--timezone Asia/Taipei]
 */
import { parseArgs } from 'node:util';
import { IntervalClock } from '../server/domain/intervals.ts';
import { checkPastDays, pastDayTable } from './simulated-past-day.ts';

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
const t0 = performance.now();
const rows = checkPastDays(values.end!, days, Number(values.seed), clock);
console.log(`${days} simulated days before ${values.end} (seeds ${Number(values.seed) + 1}..${Number(values.seed) + days}), ${clock.timezone}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('');
for (const line of pastDayTable(rows, days)) console.log(line);
