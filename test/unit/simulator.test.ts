import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import { buildAgents, intradayCurve, QUEUES, TENANTS } from '../../simulator/day-model.ts';
import { Random } from '../../simulator/random.ts';
import { Simulation, type WireEvent } from '../../simulator/simulation.ts';

const TZ = 'Asia/Taipei';
const START = Date.parse('2026-11-19T21:00:00+08:00');
const day = (seed = 42): WireEvent[] => new Simulation(seed, TZ, START).advanceTo(START + 27 * 3_600_000);
const events = day();
const hourOf = (e: WireEvent) => (Date.parse(e.ts) - Date.parse('2026-11-20T00:00:00+08:00')) / 3_600_000;

describe('simulator', () => {
  it('models at least 3 tenants and 6 queues, with multi-skilled agents', () => {
    expect(TENANTS.length).toBeGreaterThanOrEqual(3);
    expect(QUEUES.length).toBeGreaterThanOrEqual(6);
    expect(buildAgents().some((a) => a.skills.length > 1)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(day(42)).toEqual(events);
    expect(day(7).slice(0, 50)).not.toEqual(events.slice(0, 50));
  });

  it('produces only valid canonical events with unique ids, in time order', () => {
    for (const e of events) expect(validateEvent(e).ok, JSON.stringify(e)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i].ts >= events[i - 1].ts).toBe(true);
  });

  it('follows an intraday curve with a morning and an afternoon peak', () => {
    const q = QUEUES[0];
    expect(intradayCurve(q, 10.5)).toBeGreaterThan(intradayCurve(q, 12.5));
    expect(intradayCurve(q, 14.5)).toBeGreaterThan(intradayCurve(q, 12.5));
    expect(intradayCurve(q, 3)).toBe(0);
    // Arrivals in the busiest hours outnumber the early evening's by far.
    const arrivals = (from: number, to: number) => events.filter((e) => e.type === 'call.queued' && e.queueId === q.id && hourOf(e) >= from && hourOf(e) < to).length;
    expect(arrivals(10, 11)).toBeGreaterThan(2 * arrivals(20, 21));
  });

  it('has abandons, flow-outs, holds and dispositions', () => {
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('call.abandoned')).toBeGreaterThan(10);
    expect(count('call.held')).toBeGreaterThan(50);
    expect(events.filter((e) => e.type === 'call.wrapped' && e.disposition).length).toBe(count('call.wrapped'));
  });

  it('sends breaks, lunches and training as aux, and some agents come back late', () => {
    const reasons = new Set(events.filter((e) => e.type === 'agent.state' && e.state === 'aux').map((e) => e.reason));
    expect([...reasons]).toEqual(expect.arrayContaining(['break', 'lunch', 'training']));
    // A 15-minute break that lasted over 18 minutes is late back.
    const late = new Set<string>();
    const away = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'agent.state' && e.reason === 'break') away.set(e.agentId as string, Date.parse(e.ts));
      if (e.type === 'agent.state' && e.state === 'available' && away.has(e.agentId as string)) {
        if (Date.parse(e.ts) - away.get(e.agentId as string)! > 18 * 60_000) late.add(e.agentId as string);
        away.delete(e.agentId as string);
      }
    }
    expect(late.size).toBeGreaterThanOrEqual(2);
  });

  it('draws lognormal values with the asked mean', () => {
    const rng = new Random(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.lognormal(300, 0.6);
    expect(sum / 20_000).toBeGreaterThan(290);
    expect(sum / 20_000).toBeLessThan(310);
  });
});
