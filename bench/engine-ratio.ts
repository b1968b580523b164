/**
 * The engine's speed as a ratio to `JSON.parse` of the same NDJSON, measured back to back in one
 * process, so a busy machine slows both sides alike (issue 13 asks for the ratio). Each
 * repetition times, one after the other on the same lines:
 *   parse     JSON.parse of every line (the ceiling: what any ingest must pay first);
 *   apply     engine.apply of the already validated events into a fresh engine;
 *   pipeline  JSON.parse + validateEvent + engine.apply per line, what an ingest does in process.
 * "apply / parse" is the ratio (the engine alone next to parsing its input);
 * "pipeline / parse" is the stricter one (validation included, which JSON.parse does not do).
 * A full collection runs before each timed part, so no part pays for another's garbage.
 * A second mix follows: loadtest/ingest.js's events (bench/ingest-events.ts: 50 agents per user,
 * each on ~75 overlapping calls a second), the HTTP ingest run's load on the engine without
 * HTTP. MIX=day or MIX=ingest runs one mix only; INGEST_SECONDS sets its length (10 s of posts).
 *   node --expose-gc --max-semi-space-size=32 --import tsx bench/engine-ratio.ts [reps]
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Engine } from '../server/domain/engine.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import type { FloorEvent } from '../server/protocol/events.ts';

export interface RatioRun {
  /** Events per second of each part in this repetition. */
  parse: number;
  apply: number;
  pipeline: number;
}

export interface RatioSummary {
  runs: RatioRun[];
  /** min / median / max over the repetitions, of each run's own ratio. */
  applyRatio: [number, number, number];
  pipelineRatio: [number, number, number];
  /** Load average (1 minute) before and after. */
  load: [number, number];
}

const newEngine = () => new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });

/** Events per second of `fn` over `count` events, after a full collection when gc is exposed. */
function rate(count: number, fn: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  fn();
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** The three parts, `reps` times back to back; `events` are `lines` validated. */
export function measureRatio(lines: readonly string[], events: readonly FloorEvent[], reps: number): RatioSummary {
  const runs: RatioRun[] = [];
  const load0 = loadavg()[0];
  for (let r = 0; r < reps; r++) {
    const parse = rate(lines.length, () => {
      for (let i = 0; i < lines.length; i++) JSON.parse(lines[i]);
    });
    const apply = rate(events.length, () => {
      const engine = newEngine();
      for (let i = 0; i < events.length; i++) engine.apply(events[i]);
    });
    const pipeline = rate(lines.length, () => {
      const engine = newEngine();
      for (let i = 0; i < lines.length; i++) {
        const v = validateEvent(JSON.parse(lines[i]));
        if (v.ok) engine.apply(v.event);
      }
    });
    runs.push({ parse, apply, pipeline });
  }
  return {
    runs,
    applyRatio: spread(runs.map((r) => r.apply / r.parse)),
    pipelineRatio: spread(runs.map((r) => r.pipeline / r.parse)),
    load: [load0, loadavg()[0]],
  };
}

/** min, median, max. */
export function spread(xs: number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return [s[0], median, s[s.length - 1]];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const x = (r: [number, number, number]) => r.map((v) => `${v.toFixed(2)}x`).join(' / ');

/** The summary as the bench prints it. */
export function ratioReport(s: RatioSummary, title = 'engine vs JSON.parse'): string[] {
  const col = (k: keyof RatioRun) => spread(s.runs.map((r) => r[k])).map(fmt).join(' / ');
  return [
    `${title}, ${s.runs.length} repetitions back to back (load average ${s.load[0].toFixed(1)} -> ${s.load[1].toFixed(1)}; min / median / max):`,
    `  JSON.parse of the lines        ${col('parse')} events/s`,
    `  engine.apply (validated)       ${col('apply')} events/s`,
    `  parse + validate + apply       ${col('pipeline')} events/s`,
    `  ratio apply / parse            ${x(s.applyRatio)}   (target >= 0.80x)`,
    `  ratio pipeline / parse         ${x(s.pipelineRatio)}`,
  ];
}

/** The lines validated (a bench's input must be valid). */
function validated(lines: readonly string[]): FloorEvent[] {
  return lines.map((l) => {
    const v = validateEvent(JSON.parse(l));
    if (!v.ok) throw new Error(v.error);
    return v.event;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reps = Number(process.argv[2] ?? 7);
  const mix = process.env.MIX ?? 'both';
  if (mix !== 'ingest') {
    const { simulatedDay } = await import('./day-events.ts');
    const lines = [...simulatedDay(Number(process.env.COPIES ?? 40))].flat().map((e) => JSON.stringify(e));
    for (const line of ratioReport(measureRatio(lines, validated(lines), reps))) console.log(line);
  }
  if (mix !== 'day') {
    const { ingestLines } = await import('./ingest-events.ts');
    const lines = ingestLines({ seconds: Number(process.env.INGEST_SECONDS ?? 10) });
    const title = `ingest.js mix (${lines.length.toLocaleString('en-US')} events), engine vs JSON.parse`;
    for (const line of ratioReport(measureRatio(lines, validated(lines), reps), title)) console.log(line);
  }
}
