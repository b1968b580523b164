/**
 * The engine's numbers do not depend on arrival order: two whole simulated days, delivered once
 * in time order and once shuffled within 3 seconds with 10% of events repeated, give byte-identical
 * interval rows for every queue and agent and identical live views.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { Simulation, type WireEvent } from '../../simulator/simulation.ts';
import { parse } from '../helpers/events.ts';
import { rng } from '../helpers/rng.ts';

const ZONE = 'Asia/Taipei';
const DAYS = ['2026-11-19', '2026-11-20'];

function twoDays(): WireEvent[] {
  const start = DateTime.fromISO(DAYS[0], { zone: ZONE }).toMillis();
  const sim = new Simulation(7, ZONE, start);
  return sim.advanceTo(start + 2 * 86_400_000);
}

/** Each event arrives up to `windowMs` after its time; `dupShare` of them arrive twice. */
function shuffled(events: WireEvent[], seed: number, windowMs: number, dupShare: number): WireEvent[] {
  const r = rng(seed);
  const arrivals = events.flatMap((e) => {
    const ts = Date.parse(e.ts);
    const copies = r() < dupShare ? 2 : 1;
    return Array.from({ length: copies }, () => ({ e, at: ts + r() * windowMs }));
  });
  return arrivals.sort((x, y) => x.at - y.at).map((x) => x.e);
}

/** Everything the engine shows for both days, as one string. */
function figures(events: WireEvent[]): string {
  const engine = new Engine({ timezone: ZONE, intervalMinutes: 30, retentionDays: 3 });
  for (const e of parse(events)) engine.apply(e);
  engine.tick(DateTime.fromISO(DAYS[1], { zone: ZONE }).plus({ days: 1 }).toMillis());
  // Listed by tenant and id: which queue or agent was seen first may differ, never its numbers.
  const byKey = <T extends { tenant: string; id: string }>(xs: Iterable<T>) => [...xs].sort((x, y) => (x.tenant + '/' + x.id < y.tenant + '/' + y.id ? -1 : 1));
  const queues = byKey([...engine.allQueues()].map((q) => ({ tenant: q.config.tenant, id: q.config.id, q })));
  const agents = byKey([...engine.allAgents()].map((a) => ({ tenant: a.tenant, id: a.id, a })));
  const out: unknown[] = [];
  for (const date of DAYS) {
    const day = engine.clock.dayOfDate(date)!;
    for (const { q } of queues) out.push([date, q.config.tenant, q.config.id, queueIntervalRows(engine, q, day.start)]);
    for (const { a } of agents) out.push([date, a.tenant, a.id, agentIntervalRows(engine, a, day.start)]);
  }
  for (const { q } of queues) out.push(queueView(engine, q));
  for (const { a } of agents) out.push(agentView(engine, a));
  return JSON.stringify(out);
}

describe('arrival order within the reorder window', () => {
  const events = twoDays();
  const inOrder = figures(events);

  it('covers two whole days of a busy floor', () => {
    expect(events.length).toBeGreaterThan(10_000);
    expect(new Set(events.map((e) => e.ts.slice(0, 10))).size).toBeGreaterThanOrEqual(2);
  });

  for (const seed of [1, 2, 3]) {
    it(`gives byte-identical figures shuffled within 3 s with 10% duplicates (seed ${seed})`, () => {
      expect(figures(shuffled(events, seed, 3000, 0.1))).toBe(inOrder);
    });
  }

  it('gives the same figures when each millisecond’s events arrive in reverse', () => {
    const byTs = [...events].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts) || (a.id < b.id ? 1 : -1));
    expect(figures(byTs)).toBe(inOrder);
  });
});
