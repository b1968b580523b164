/**
 * The simulator as its own process: plays the floor and posts its canonical events to a
 * Floorboard server, exactly as a real ACD connector would.
 *   npm run simulate -- --target http://127.0.0.1:3000 [--speed 60] [--seed 42] [--token T] [--timezone Asia/Taipei] [--predial-filter on|off]
 * Or writes weeks of past interval history into a history store, and stops:
 *   npm run simulate -- --history 8w --out data/history.sqlite [--end YYYY-MM-DD] [--seed 42] [--timezone Asia/Taipei] [--interval 15|30]
 * The zone and interval length default to the server's (TIMEZONE, INTERVAL_MINUTES, the config
 * file, the machine's zone): the simulated centre keeps its hours in that zone, so history made
 * in another zone than the server's puts the day's calls in its night.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { ConfigError, loadConfig } from '../server/config/config.ts';
import { SqliteHistoryStore } from '../server/history/sqlite-store.ts';
import { simulateHistory } from './history.ts';
import { SimulatorRunner } from './runner.ts';
import type { WireEvent } from './simulation.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    speed: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    token: { type: 'string', default: process.env.FLOORBOARD_TOKEN },
    timezone: { type: 'string' },
    interval: { type: 'string' },
    history: { type: 'string' },
    out: { type: 'string' },
    end: { type: 'string' },
    'predial-filter': { type: 'string', default: 'on' },
  },
});

function fail(msg: string): never {
  console.error(`simulate: ${msg}`);
  process.exit(2);
}

/** The centre's zone and interval length: the flags, else what the server would take from the same environment. */
function centre(): { timezone: string; intervalMinutes: number } {
  try {
    const c = loadConfig({ ...process.env, ...(values.timezone ? { TIMEZONE: values.timezone } : {}), ...(values.interval ? { INTERVAL_MINUTES: values.interval } : {}) });
    return { timezone: c.timezone, intervalMinutes: c.intervalMinutes };
  } catch (e) {
    if (e instanceof ConfigError) fail(`${e.message}\n(--timezone and --interval are checked as TIMEZONE and INTERVAL_MINUTES)`);
    throw e;
  }
}
const { timezone, intervalMinutes } = centre();

if (values.history !== undefined) {
  const weeks = /^(\d+)w$/.exec(values.history);
  if (!weeks || Number(weeks[1]) < 1) fail(`--history takes whole weeks like 8w, got "${values.history.slice(0, 20)}"`);
  if (!values.out) fail('--out <history.sqlite> is required with --history');
  const end = values.end ?? DateTime.now().setZone(timezone).toISODate()!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) fail(`--end must be YYYY-MM-DD, got "${end.slice(0, 20)}"`);
  const t0 = performance.now();
  const rows = simulateHistory({ weeks: Number(weeks[1]), seed: Number(values.seed), timezone, end, intervalMinutes });
  const store = new SqliteHistoryStore(values.out);
  await store.upsertQueueIntervals(rows);
  await store.close();
  console.log(`simulate: ${weeks[1]} weeks before ${end} (${rows.length} queue intervals of ${intervalMinutes} minutes, the centre's hours in ${timezone}) written to ${values.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`simulate: serve it in the same zone and interval length (TIMEZONE=${timezone} INTERVAL_MINUTES=${intervalMinutes}); in another, its forecasts put the day's calls at other hours`);
  process.exit(0);
}
if (!values.target) fail('--target is required, e.g. --target http://127.0.0.1:3000');
const speed = Number(values.speed);
const seed = Number(values.seed);
if (!(speed > 0 && speed <= 3600)) fail(`--speed must be a number in (0, 3600], got "${values.speed}"`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`);
const filter = values['predial-filter'];
if (filter !== 'on' && filter !== 'off') fail(`--predial-filter must be on or off, got "${String(filter).slice(0, 20)}"`);
const url = new URL('/api/v1/events', values.target).toString();

const pending: WireEvent[][] = [];
let posting = false;
const totals = { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };

async function drain(): Promise<void> {
  if (posting) return;
  posting = true;
  while (pending.length) {
    const batch = pending.shift()!;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...(values.token ? { authorization: `Bearer ${values.token}` } : {}) },
        body: batch.map((e) => JSON.stringify(e)).join('\n'),
      });
      const body = (await res.json()) as { accepted?: number; duplicates?: number; rejected?: { error: string }[]; error?: string };
      if (!res.ok) fail(`${url} answered ${res.status}: ${body.error ?? ''}`);
      totals.sent += batch.length;
      totals.accepted += body.accepted ?? 0;
      totals.duplicates += body.duplicates ?? 0;
      totals.rejected += body.rejected?.length ?? 0;
      if (body.rejected?.length) {
        console.error(`simulate: ${body.rejected.length} rejected, first: ${body.rejected[0].error}`);
        if (body.rejected[0].error.includes('too far in the future')) {
          console.error('simulate: at --speed above 1 the simulated clock runs ahead; start the server with a larger MAX_FUTURE_SECONDS');
        }
      }
    } catch (e) {
      console.error(`simulate: cannot reach ${url}: ${(e as Error).message}; retrying in 2 s`);
      pending.unshift(batch);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  posting = false;
}

const runner = new SimulatorRunner({
  seed,
  timezone,
  speed,
  wallClock: Date.now,
  survey: { filter: filter === 'on' },
  sink: async (events) => {
    pending.push(events);
    void drain();
  },
});
runner.start();
console.log(`simulate: posting to ${url} at ${speed}x (seed ${seed}, ${timezone})`);
setInterval(() => console.log(`simulate: ${new Date(runner.now()).toISOString()} sent ${totals.sent}, accepted ${totals.accepted}, duplicates ${totals.duplicates}, rejected ${totals.rejected}`), 10_000);
