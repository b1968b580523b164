/**
 * npm run bench: engine throughput on a simulated day (one core) as a ratio to JSON.parse of the
 * same NDJSON (bench/engine-ratio.ts), validation, HTTP ingest through a real server process, and
 * heap per agent and per queue-day. Figures go to docs/performance.md by hand.
 */
import { Engine } from '../server/domain/engine.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import type { FloorEvent } from '../server/protocol/events.ts';
import { simulatedDay } from './day-events.ts';
import { measureRatio, ratioReport } from './engine-ratio.ts';
import { benchIngest } from './http-ingest.ts';
import { readFileSync } from 'node:fs';
import { QueueLogTranslator } from '../server/ingest/queue-log.ts';
import { requiredAgents } from '../server/domain/erlang.ts';
import { Plan } from '../server/domain/plan.ts';
import { makeQueueConfig } from '../server/domain/queue-config.ts';
import { REFORECAST_DEFAULTS } from '../server/domain/reforecast.ts';
import { intradayView } from '../server/views/intraday.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function best(rounds: number, fn: () => number): number {
  let top = 0;
  for (let i = 0; i < rounds; i++) top = Math.max(top, fn());
  return top;
}

function timeRate(count: number, fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - t0);
  return count / (ns / 1e9);
}

const ndjsonLines = [...simulatedDay(40)].flat().map((e) => JSON.stringify(e));
// Parsed in stream order, as an ingest would allocate them.
const wire = ndjsonLines.map((l) => JSON.parse(l) as Record<string, unknown>);
const events: FloorEvent[] = wire.map((e) => {
  const v = validateEvent(e);
  if (!v.ok) throw new Error(v.error);
  return v.event;
});
console.log(`Simulated day x40: ${fmt(events.length)} events, ${fmt(ndjsonLines.reduce((n, l) => n + l.length + 1, 0) / 1e6)} MB of NDJSON`);

const validateRate = best(3, () => timeRate(wire.length, () => { for (const e of wire) validateEvent(e); }));
console.log(`validate (fast path, zod for the unusual)  ${fmt(validateRate)} events/s`);
// The engine next to JSON.parse of the same lines, back to back (issue 13 asks for the ratio).
for (const line of ratioReport(measureRatio(ndjsonLines, events, Number(process.env.BENCH_REPS ?? 5)))) console.log(line);

// ---- heap -------------------------------------------------------------------------------
function heapDelta(build: () => unknown): number {
  gc!(); gc!();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc!(); gc!();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return after - before;
}
const N_AGENTS = 20_000;
const ts0 = Date.parse('2026-11-20T09:00:00+08:00');
const parsed = (e: Record<string, unknown>) => {
  const v = validateEvent(e);
  if (!v.ok) throw new Error(v.error);
  return v.event;
};
const agentEvents = (i: number, changes: number) => {
  const out = [parsed({ id: `l${i}`, type: 'agent.login', ts: ts0, agentId: `agent-${i}`, name: `Agent ${i}`, teamId: 't1', queues: ['q1'], state: 'available' })];
  for (let k = 1; k < changes; k++) out.push(parsed({ id: `s${i}-${k}`, type: 'agent.state', ts: ts0 + k * 60_000, agentId: `agent-${i}`, state: k % 2 ? 'aux' : 'available', reason: k % 2 ? 'break' : undefined }));
  return out;
};
const liveAgents = Array.from({ length: N_AGENTS }, (_, i) => agentEvents(i, 2));
const perAgent = heapDelta(() => {
  const engine = new Engine({ timezone: 'Asia/Taipei' });
  for (const evs of liveAgents) for (const e of evs) engine.apply(e);
  return engine;
}) / N_AGENTS;
const busyAgents = Array.from({ length: 2_000 }, (_, i) => agentEvents(i, 200));
const perBusyAgent = heapDelta(() => {
  const engine = new Engine({ timezone: 'Asia/Taipei' });
  for (const evs of busyAgents) for (const e of evs) engine.apply(e);
  return engine;
}) / 2_000;
const N_QUEUES = 2_000;
const queueCalls: FloorEvent[] = [];
for (let q = 0; q < N_QUEUES; q++) {
  for (let i = 0; i < 48; i++) {
    const t = Date.parse('2026-11-20T00:00:00+08:00') + i * 1_800_000 + 60_000;
    queueCalls.push(parsed({ id: `q${q}-${i}`, type: 'call.queued', ts: t, callId: `c${q}-${i}`, queueId: `queue-${q}` }));
    queueCalls.push(parsed({ id: `a${q}-${i}`, type: 'call.abandoned', ts: t + 30_000, callId: `c${q}-${i}`, queueId: `queue-${q}` }));
  }
}
const perQueueDay = heapDelta(() => {
  const engine = new Engine({ timezone: 'Asia/Taipei', reorderWindowMs: 0 });
  for (const e of queueCalls) engine.apply(e);
  engine.tick(Date.parse('2026-11-21T00:00:10+08:00'));
  return engine;
}) / N_QUEUES;
console.log(`heap per agent (logged in, live state)      ${fmt(perAgent)} bytes`);
console.log(`heap per agent with 200 state changes       ${fmt(perBusyAgent)} bytes (${fmt(perBusyAgent / 200)} per change)`);
console.log(`heap per queue-day (48 intervals, calls)    ${fmt(perQueueDay)} bytes (ids of the day's events included)`);

// ---- staffing maths ----------------------------------------------------------------------
function timeMs(rounds: number, fn: () => void): number {
  let bestMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    bestMs = Math.min(bestMs, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return bestMs;
}
for (const erlangs of [50, 500, 5000]) {
  let agents = 0;
  const ms = timeMs(20, () => {
    agents = requiredAgents({ model: 'C', trafficErlangs: erlangs, ahtSeconds: 300, targetSeconds: 20, targets: { serviceLevel: 0.8 } })!.agents;
  });
  const msA = timeMs(20, () => {
    requiredAgents({ model: 'A', trafficErlangs: erlangs, ahtSeconds: 300, targetSeconds: 20, patienceSeconds: 120, targets: { serviceLevel: 0.8 } });
  });
  console.log(`required agents, ${String(erlangs).padStart(4)} Erlangs    Erlang C ${ms.toFixed(3)} ms (${agents} agents); Erlang A ${msA.toFixed(3)} ms`);
}
{
  const QUEUE_COUNT = 200;
  const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  for (let q = 0; q < QUEUE_COUNT; q++) {
    const id = `queue-${q}`;
    engine.addQueue(makeQueueConfig(id, 'default', q % 2 ? { patienceSeconds: 120 } : {}));
    plan.setForecast('default', id, day.start, day.end, new Map(day.starts.map((s, i) => [s, { calls: 20 + ((i * 7 + q) % 60), ahtSeconds: 240 + (q % 5) * 30 }])));
    for (let a = 0; a < 10; a++) {
      const agentId = `${id}-a${a}`;
      engine.addAgent({ id: agentId, tenant: 'default', queues: [id] });
      plan.setSchedules('default', day.start, day.end, [{ agentId, start: day.start + 8 * 3_600_000, end: day.start + 17 * 3_600_000, activity: 'phone' }]);
    }
  }
  engine.tick(day.start + 12 * 3_600_000);
  const queues = [...engine.allQueues()];
  const ms = timeMs(5, () => {
    for (const q of queues) intradayView(engine, plan, q, day.start, REFORECAST_DEFAULTS);
  });
  console.log(`intraday recompute, 200 queues x 48 intervals  ${ms.toFixed(1)} ms (half the queues Erlang A)`);
}

// ---- queue_log translation ---------------------------------------------------------------
{
  const sample = readFileSync(new URL('../test/fixtures/queue-log/pbxware-calls.queue_log', import.meta.url), 'utf8').trim().split('\n');
  const lines: string[] = [];
  for (let k = 0; k < 5000; k++) {
    for (const l of sample) {
      const f = l.split('|');
      f[0] = String(Number(f[0]) + k * 7 * 86400);
      if (f[1] !== 'NONE') f[1] += `k${k}`;
      lines.push(f.join('|'));
    }
  }
  const rate = best(3, () => {
    const engine = new Engine({ timezone: 'UTC' });
    const t = new QueueLogTranslator('default', 'bench');
    return timeRate(lines.length, () => {
      lines.forEach((l, i) => {
        for (const e of t.line(l, i + 1).events) {
          const v = validateEvent(e);
          if (v.ok) engine.apply(v.event);
        }
      });
    });
  });
  console.log(`queue_log lines (translate + validate + apply, ${fmt(lines.length)} lines)  ${fmt(rate)} lines/s`);
}

// ---- HTTP ingest through a real server process (bench/http-ingest.ts) -------------------
await benchIngest(ndjsonLines, Number(process.env.BENCH_INGEST_REPS ?? 3));

// ---- the durable log (file and Redis stores) ---------------------------------------------
await import('./store.ts');
