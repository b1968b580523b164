/**
 * Backtest of the forecast from history against two baselines.
 *   npm run backtest -- --queue Q [--tenant T] --from YYYY-MM-DD --to YYYY-MM-DD
 *                       [--db history.sqlite | --simulate 8w] [--seed 42] [--timezone Asia/Taipei]
 *                       [--interval 30] [--calendar special-days.json]
 * With --db the history is read from that SQLite file (or from DATABASE_URL when --db is
 * absent and it is set); with --simulate it is simulated, ending the day after --to.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IntervalClock } from '../server/domain/intervals.ts';
import { backtest, type BacktestResult } from '../server/domain/forecast/backtest.ts';
import { SpecialCalendar, TAIWAN_HOLIDAYS_2026_2027, type SpecialDay } from '../server/domain/forecast/calendar.ts';
import { addDays, dailyActuals, daysBetween } from '../server/domain/forecast/daily-history.ts';
import { openHistoryStore } from '../server/history/open-store.ts';
import { checkPastDays, pastDayTable } from './simulated-past-day.ts';
import { SqliteHistoryStore } from '../server/history/sqlite-store.ts';
import type { QueueIntervalRollup } from '../server/history/types.ts';
import { QUEUES } from '../simulator/day-model.ts';
import { simulatedSpecialDays, simulateHistory } from '../simulator/history.ts';
import { outlookCalibration, type OutlookCheck } from '../server/domain/forecast/outlook-calibration.ts';
import { REFORECAST_DEFAULTS } from '../server/domain/reforecast.ts';
import type { LocalDay } from '../server/domain/intervals.ts';

const { values } = parseArgs({
  options: {
    queue: { type: 'string' },
    tenant: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    db: { type: 'string' },
    simulate: { type: 'string' },
    seed: { type: 'string', default: '42' },
    timezone: { type: 'string', default: process.env.TIMEZONE ?? 'Asia/Taipei' },
    interval: { type: 'string', default: '30' },
    calendar: { type: 'string' },
  },
});

function fail(msg: string): never {
  console.error(`backtest: ${msg}`);
  process.exit(2);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
if (!values.queue) fail('--queue is required');
if (!values.from || !DATE.test(values.from)) fail(`--from must be YYYY-MM-DD, got "${(values.from ?? '').slice(0, 20)}"`);
if (!values.to || !DATE.test(values.to)) fail(`--to must be YYYY-MM-DD, got "${(values.to ?? '').slice(0, 20)}"`);
if (values.to < values.from) fail('--to is before --from');
const queueId = values.queue;
const from = values.from;
const to = values.to;
const clock = new IntervalClock(values.timezone!, Number(values.interval));

async function loadHistory(): Promise<{ rows: QueueIntervalRollup[]; special: SpecialDay[]; source: string }> {
  if (values.simulate) {
    const m = /^(\d+)w$/.exec(values.simulate);
    if (!m) fail(`--simulate takes weeks like 8w, got "${values.simulate.slice(0, 20)}"`);
    const q = QUEUES.find((x) => x.id === queueId) ?? fail(`the simulator has no queue "${queueId.slice(0, 40)}"; it has ${QUEUES.map((x) => x.id).join(', ')}`);
    const t0 = performance.now();
    const all = simulateHistory({ weeks: Number(m[1]), seed: Number(values.seed), timezone: clock.timezone, end: addDays(to, 1), intervalMinutes: clock.intervalMinutes });
    const rows = all.filter((r) => r.queueId === q.id);
    return { rows, special: simulatedSpecialDays(), source: `simulated ${m[1]} weeks, seed ${values.seed} (${((performance.now() - t0) / 1000).toFixed(1)} s)` };
  }
  const tenant = values.tenant ?? 'default';
  const store = values.db ? new SqliteHistoryStore(values.db) : process.env.DATABASE_URL ? await openHistoryStore({ dataDir: '.', databaseUrl: process.env.DATABASE_URL }) : fail('give --db <history.sqlite>, --simulate <N>w, or set DATABASE_URL');
  const rows = await store.queueIntervals(tenant, queueId, 0, clock.dayOfDate(addDays(to, 1))!.start);
  await store.close();
  if (rows.length === 0) fail(`no history for queue "${queueId.slice(0, 40)}" of tenant "${tenant.slice(0, 40)}"`);
  const own = values.calendar ? (JSON.parse(readFileSync(values.calendar, 'utf8')) as SpecialDay[]) : [];
  return { rows, special: [...TAIWAN_HOLIDAYS_2026_2027, ...own], source: values.db ?? 'DATABASE_URL' };
}

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function print(r: BacktestResult, source: string, firstDate: string): void {
  console.log(`queue ${queueId}, ${from} to ${to} (${r.days} days scored), ${clock.intervalMinutes}-minute intervals, ${clock.timezone}`);
  console.log(`history: ${source}, from ${firstDate}`);
  if (r.skipped.length) console.log(`skipped (no actuals or under 4 weeks of history before them): ${r.skipped.join(' ')}`);
  console.log('');
  console.log('| method | WAPE per interval | WAPE per day | AHT WAPE per interval |');
  console.log('|---|---:|---:|---:|');
  for (const s of r.scores) console.log(`| ${s.method} | ${pct(s.intervalWape)} | ${pct(s.dayWape)} | ${pct(s.ahtWape)} |`);
  console.log('');
  for (const b of r.bands) {
    console.log(`80% band of the day's calls, ${b.horizonDays} day(s) ahead: held on ${b.held} of ${b.days} days (${b.days ? ((100 * b.held) / b.days).toFixed(0) : 'n/a'}%)`);
  }
}

function printOutlook(checks: OutlookCheck[]): void {
  const share = (a: number, b: number) => (b ? `${a} of ${b} (${((100 * a) / b).toFixed(0)}%)` : 'n/a');
  console.log('');
  console.log('Rest-of-day outlook (80% bands, 28 earlier days as scenarios):');
  console.log('| made at | day SL inside its band | the same, scenarios alone (forecast error only) | mean band width | remaining intervals: required staff inside its band | mean P(SL >= target) | days that met target | met, of days given P >= 50% |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of checks) {
    const p = c.days ? `${(100 * c.meanProbability).toFixed(0)}%` : 'n/a';
    console.log(`| ${String(c.hour).padStart(2, '0')}:00 | ${share(c.dayHeld, c.days)} | ${share(c.forecastDayHeld, c.days)} | ${c.days ? `${(100 * c.meanWidth).toFixed(1)} pts` : 'n/a'} | ${share(c.intervalsHeld, c.intervals)} | ${p} | ${share(c.metTarget, c.days)} | ${share(c.likelyMet, c.saidLikely)} |`);
  }
}

const { rows, special, source } = await loadHistory();
const days = dailyActuals(rows, clock);
const calendar = new SpecialCalendar(special, queueId);
if (days.length && daysBetween(days[0].date, from) < 28) console.warn(`backtest: only ${daysBetween(days[0].date, from)} days of history before ${from}; days with under 28 are skipped`);
print(backtest(days, from, to, clock, calendar), source, days[0]?.date ?? 'none');
const sim = QUEUES.find((x) => x.id === queueId);
const byStart = new Map(rows.map((r) => [r.intervalStart, { ...r, handleSeconds: r.talkSeconds + r.holdSeconds + r.acwSeconds }]));
// The queue's staffed agents per interval of a day, as the history recorded them; null when any interval lacks them.
const staffing = (day: LocalDay): number[] | null => {
  const staff: number[] = [];
  for (const s of day.starts) {
    const x = byStart.get(s)?.staffedAgents;
    if (typeof x !== 'number') return null;
    staff.push(x);
  }
  return staff;
};
const targets = { slTarget: sim?.targets?.slTarget ?? 0.8, slThresholdSeconds: sim?.targets?.slThresholdSeconds ?? 20, patienceSeconds: sim?.patienceMeanSeconds, concurrency: sim?.channel === 'chat' ? (sim.capacity ?? 1) : 1 };
printOutlook(outlookCalibration({ history: days, counts: (s) => byStart.get(s), staffing }, from, to, [10, 13, 16], clock, calendar, targets, REFORECAST_DEFAULTS));
if (!staffing(clock.dayOfDate(to)!)) console.log('(day service level not checked: the history has no staffed agents of the queue; rows written before they were recorded, or imported without staffed_agents)');
if (values.simulate && sim) {
  // The past-day what-if on the same queue: the last seven simulated days re-run with their own staffing.
  const days = 7;
  const t0 = performance.now();
  const check = checkPastDays(addDays(to, 1), days, Number(values.seed), clock, [queueId]);
  console.log('');
  console.log(`Past-day what-if: the ${days} days to ${to} re-run with their own staffing, and with +2 agents from 14:00 (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
  for (const line of pastDayTable(check, days)) console.log(line);
}
