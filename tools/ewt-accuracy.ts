/**
 * npm run ewt-accuracy [-- --days 3 --seed 42 --load 1 --date 2026-11-16 --timezone Asia/Taipei]
 * Prints the mean absolute error (seconds) of the wait-time estimate against the actual wait
 * of answered calls, per simulated queue and overall, next to the two naive predictors and
 * the other candidate methods, as a Markdown table for docs/ewt.md.
 */
import { parseArgs } from 'node:util';
import { EWT_DEFAULTS } from '../server/domain/ewt.ts';
import { bias, mae, measureEwt, NAIVE, overall, PREDICTORS, type Predictor } from './ewt-measure.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    load: { type: 'string', default: '1' },
    date: { type: 'string', default: '2026-11-16' },
    timezone: { type: 'string', default: 'Asia/Taipei' },
  },
});

function fail(msg: string): never {
  console.error(`ewt-accuracy: ${msg}`);
  process.exit(2);
}

const days = Number(values.days);
const seed = Number(values.seed);
if (!Number.isInteger(days) || days < 1 || days > 60) fail(`--days must be a whole number from 1 to 60, got "${values.days.slice(0, 20)}"`);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got "${values.seed.slice(0, 20)}"`);
const load = Number(values.load);
if (!(load >= 0.1 && load <= 5)) fail(`--load must be a number from 0.1 to 5, got "${values.load.slice(0, 20)}"`);

const t0 = Date.now();
const scores = measureEwt({ days, seed, load, timezone: values.timezone, date: values.date });
const rows = [...scores, overall(scores)];
const chosen = EWT_DEFAULTS.method;
const others = PREDICTORS.filter((p) => p !== chosen && !(NAIVE as readonly string[]).includes(p));
const cols: Predictor[] = [chosen, ...NAIVE, ...others];
const f = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));

console.log(`EWT accuracy: ${days} simulated day(s) from ${values.date} (${values.timezone}), seed ${seed}, arrivals x${load}; mean absolute error, seconds, over answered calls\n`);
console.log(`| queue | answered | mean wait | ${cols.map((c) => (c === chosen ? `**${c}** (chosen)` : c)).join(' | ')} | bias of ${chosen} | beats both naive |`);
console.log(`|---|---:|---:|${cols.map(() => '---:').join('|')}|---:|:---:|`);
let wins = 0;
for (const r of rows) {
  const m = mae(r, chosen);
  const beats = NAIVE.every((n) => m < mae(r, n));
  if (r.queue !== 'overall' && beats) wins++;
  console.log(`| ${r.queue} | ${r.answered} | ${f(r.actualWaitSeconds / r.answered)} | ${cols.map((c) => f(mae(r, c))).join(' | ')} | ${bias(r, chosen) >= 0 ? '+' : ''}${f(bias(r, chosen))} | ${beats ? 'yes' : 'no'} |`);
}
console.log(`\n${chosen} beats both naive predictors on ${wins} of ${scores.length} queues; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
