/**
 * How far below JSON.parse any engine with this contract can go: the least it must do with an
 * event, timed beside JSON.parse of the same lines and the real `engine.apply`, back to back in
 * one process. The least is deduping the id against the tenant's two days of ids (the same
 * IdSet the engine uses), finding the call's state by id in a Map, and touching one field of it:
 * no queue, bucket, agent timeline, slot, reorder window or history. Whatever an engine adds to
 * that must fit in what is left of JSON.parse's time per line for the 0.8x target.
 *   node --expose-gc --max-semi-space-size=32 --import tsx bench/engine-floor.ts [reps]
 */
import { Engine } from '../server/domain/engine.ts';
import { IdSet } from '../server/domain/id-set.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import type { FloorEvent } from '../server/protocol/events.ts';
import { spread } from './engine-ratio.ts';

interface LeastFloor {
  ids: IdSet;
  calls: Map<string, { events: number; ts: number }>;
}

/** Dedupe, call lookup, one count: what every event costs before any metric is kept. */
function leastWork(events: readonly FloorEvent[]): number {
  const tenants = new Map<string, LeastFloor>();
  let kept = 0;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    let t = tenants.get(ev.tenant);
    if (!t) tenants.set(ev.tenant, (t = { ids: new IdSet(), calls: new Map() }));
    const callId = 'callId' in ev ? ev.callId : undefined;
    if (!t.ids.add(ev.id) || callId === undefined) continue;
    let c = t.calls.get(callId);
    if (!c) t.calls.set(callId, (c = { events: 0, ts: ev.ts }));
    c.events++;
    c.ts = ev.ts;
    kept++;
  }
  return kept;
}

/** Microseconds per event of `fn`, after a full collection. */
function usPer(count: number, fn: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / count;
}

/** parse, least and engine in us per event, `reps` times back to back, printed as min / median / max. */
function report(title: string, lines: readonly string[], reps: number): string[] {
  const events = lines.map((l) => {
    const v = validateEvent(JSON.parse(l));
    if (!v.ok) throw new Error(v.error);
    return v.event;
  });
  const parse: number[] = [];
  const least: number[] = [];
  const engine: number[] = [];
  for (let r = 0; r < reps; r++) {
    parse.push(usPer(lines.length, () => { for (let i = 0; i < lines.length; i++) JSON.parse(lines[i]); }));
    least.push(usPer(events.length, () => leastWork(events)));
    engine.push(usPer(events.length, () => {
      const e = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      for (let i = 0; i < events.length; i++) e.apply(events[i]);
    }));
  }
  const us = (xs: number[]) => spread(xs).map((v) => v.toFixed(2)).join(' / ');
  const ratio = (xs: number[]) => spread(xs.map((x, i) => parse[i] / x)).map((v) => `${v.toFixed(2)}x`).join(' / ');
  const budget = spread(parse.map((p, i) => p / 0.8 - least[i])).map((v) => v.toFixed(2)).join(' / ');
  return [
    `${title}, ${reps} repetitions (min / median / max, us per event):`,
    `  JSON.parse of the line                   ${us(parse)}`,
    `  least work (dedupe, call lookup, count)  ${us(least)}   ratio to parse ${ratio(least)}`,
    `  engine.apply                             ${us(engine)}   ratio to parse ${ratio(engine)}`,
    `  left at 0.8x for everything past the least: ${budget} us; the engine spends ${spread(engine.map((e, i) => e - least[i])).map((v) => v.toFixed(2)).join(' / ')}`,
  ];
}

const reps = Number(process.argv[2] ?? 5);
const { simulatedDay } = await import('./day-events.ts');
for (const line of report('simulated day x40', [...simulatedDay(40)].flat().map((e) => JSON.stringify(e)), reps)) console.log(line);
const { ingestLines } = await import('./ingest-events.ts');
for (const line of report('ingest.js mix', ingestLines({ seconds: 10 }), reps)) console.log(line);
