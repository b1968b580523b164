import { DateTime } from 'luxon';
import { Simulation, type WireEvent } from '../simulator/simulation.ts';

/**
 * A simulated day's canonical events in one-minute slices, each slice copied `copies` times as
 * separate tenants (ids, queues, agents and calls suffixed): a floor `copies` times the
 * simulator's, produced as a feed would deliver it rather than held in memory all at once.
 */
export function* simulatedDay(copies: number, timezone = 'Asia/Taipei', date = '2026-11-20'): Generator<WireEvent[]> {
  const start = DateTime.fromISO(date, { zone: timezone }).minus({ hours: 3 }).toMillis();
  const sim = new Simulation(42, timezone, start);
  for (let t = start + 60_000; t <= start + 27 * 3_600_000; t += 60_000) {
    const slice = sim.advanceTo(t);
    const out: WireEvent[] = [];
    for (const e of slice) {
      for (let k = 0; k < copies; k++) {
        const c: WireEvent = { ...e, id: `${e.id}#${k}`, tenant: `${e.tenant}-${k}` };
        for (const f of ['queueId', 'agentId', 'callId'] as const) if (typeof e[f] === 'string') c[f] = `${e[f]}-${k}`;
        if (Array.isArray(e.queues)) c.queues = (e.queues as string[]).map((q) => `${q}-${k}`);
        out.push(c);
      }
    }
    yield out;
  }
}
