import { Engine, type EngineConfig } from '../../server/domain/engine.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';

let n = 0;

/** Builds a canonical wire event; `at` is local time like '09:00:10' on `date` with `offset`. */
export function ev(type: string, at: string, fields: Record<string, unknown>, where = TAIPEI): Record<string, unknown> {
  return { id: `e${++n}`, type, ts: `${where.date}T${at}${where.offset}`, ...fields };
}

export const TAIPEI = { date: '2026-11-20', offset: '+08:00' };

/** Validates wire events into engine events (tests go through the same gate as feeds). */
export function parse(events: Record<string, unknown>[]): FloorEvent[] {
  return events.map((e) => {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(`bad test event ${JSON.stringify(e)}: ${v.error}`);
    return v.event;
  });
}

export function engineWith(events: Record<string, unknown>[], config: Partial<EngineConfig> = {}): Engine {
  const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
  for (const e of parse(events)) engine.apply(e);
  return engine;
}

/** Epoch ms of a local Taipei time on TAIPEI.date. */
export const taipei = (at: string) => Date.parse(`${TAIPEI.date}T${at}+08:00`);

/** One call of acme's queue q, queued at `at` (Taipei, HH:MM), answered by a1 10 s later, ended at 40 s and wrapped at 50 s with reason `reason`. */
export function handledCall(id: string, at: string, reason: string): Record<string, unknown>[] {
  const t = (s: number) => `${at}:${String(s).padStart(2, '0')}`;
  return [
    ev('call.queued', t(0), { tenant: 'acme', callId: id, queueId: 'q' }),
    ev('call.answered', t(10), { tenant: 'acme', callId: id, queueId: 'q', agentId: 'a1' }),
    ev('call.ended', t(40), { tenant: 'acme', callId: id, agentId: 'a1' }),
    ev('call.wrapped', t(50), { tenant: 'acme', callId: id, agentId: 'a1', disposition: reason }),
  ];
}
