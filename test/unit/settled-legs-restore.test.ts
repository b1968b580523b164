import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { ev, parse, taipei } from '../helpers/events.ts';

// Which legs a restored engine forgets one reorder window after they settled (SettledLegs): a
// settled entry of a snapshot must take a settled leg, and each its own.
const CONFIG = { timezone: 'Asia/Taipei', intervalMinutes: 30 };
const SLOT_0900 = 18;

function apply(engine: Engine, events: Record<string, unknown>[]): void {
  for (const e of parse(events)) engine.apply(e);
}

function restored(engine: Engine, edit: (d: ReturnType<typeof engineToData>) => void = () => {}): Engine {
  const d = JSON.parse(JSON.stringify(engineToData(engine))) as ReturnType<typeof engineToData>;
  edit(d);
  const out = new Engine(CONFIG);
  engineFromData(out, d);
  return out;
}

const row = (engine: Engine, q: string) => queueIntervalRows(engine, engine.queue('default', q)!, taipei('12:00:00'))[SLOT_0900];

describe('settled legs across a restart', () => {
  it('keeps an open leg of a snapshot whose settled entry names no queue (before 86ae020) but an earlier, replaced leg of its call', () => {
    const engine = new Engine(CONFIG);
    apply(engine, [
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.dequeued', '09:00:02', { callId: 'c', queueId: 'qA', reason: 'overflow' }),
      ev('call.queued', '09:00:02', { callId: 'c', queueId: 'qB' }),
    ]);
    // Such a snapshot kept one leg per call (the qB one) and named the qA leg it settled by call id only.
    const next = restored(engine, (d) => {
      const t = d.tenants[0];
      t.calls = t.calls.filter((l) => l.queueId === 'qB');
      d.settled = d.settled.map(([tenant, callId, at]) => [tenant, callId, at]);
    });
    // The answer comes 20 s later, long after the qA leg was forgotten; the qB leg must still be there.
    apply(next, [ev('call.answered', '09:00:22', { callId: 'c', queueId: 'qB', agentId: 'a1' })]);
    apply(next, [ev('agent.state', '09:00:40', { agentId: 'a9', state: 'available' })]);
    // qB: offered 1 (queued 09:00:02), answered after 20 s, nobody waiting.
    expect(row(next, 'qB')).toMatchObject({ offered: 1, answered: 1, waiting: 0, asaSeconds: 20 });
    expect({ ...next.counters.anomaliesByReason }).toEqual({});
  });

  it('forgets both visits of a call that flowed out of a queue and back into it in the same millisecond', () => {
    const engine = new Engine(CONFIG);
    apply(engine, [
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.dequeued', '09:00:00', { callId: 'c', queueId: 'qA', reason: 'overflow' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'qA' }),
      ev('call.abandoned', '09:00:01', { callId: 'c', queueId: 'qA' }),
    ]);
    // Both legs settled (one flowed out, one abandoned) with the same queue and queue time.
    const next = restored(engine);
    apply(next, [ev('agent.state', '09:00:30', { agentId: 'a9', state: 'available' })]);
    expect(next.tenants.get('default')!.calls.size).toBe(0);
    expect(row(next, 'qA')).toMatchObject({ offered: 2, flowedOut: 1, abandoned: 1, waiting: 0 });
  });
});

describe('a snapshot from before legs were chained (41185a0)', () => {
  // Made by the engine of 41185a0^ (one leg per call, no `next`): c flowed out of qA into qB (its
  // qA leg already replaced, named only by its settled entry), and d was answered in qA before
  // its queuing arrived (an orphan).
  const saved = JSON.parse(readFileSync(new URL('../fixtures/snapshots/pre-chained-legs.json', import.meta.url), 'utf8')) as ReturnType<typeof engineToData>;

  it('loads and goes on as the engine that wrote it would have', () => {
    const engine = new Engine(CONFIG);
    engineFromData(engine, JSON.parse(JSON.stringify(saved)));
    apply(engine, [
      ev('call.queued', '09:00:00', { callId: 'd', queueId: 'qA' }),
      ev('call.answered', '09:00:03', { callId: 'c', queueId: 'qB', agentId: 'a1' }),
      ev('call.ended', '09:00:04', { callId: 'c', agentId: 'a1' }),
      ev('call.wrapped', '09:00:04.500', { callId: 'c', agentId: 'a1' }),
      ev('call.ended', '09:00:05', { callId: 'd', agentId: 'a2' }),
      ev('call.wrapped', '09:00:06', { callId: 'd', agentId: 'a2' }),
      ev('agent.state', '09:00:30', { agentId: 'a9', state: 'available' }),
    ]);
    // qA: c flowed out after 2 s; d answered after 3 s, talked 2 s, wrapped up 1 s.
    expect(row(engine, 'qA')).toMatchObject({ offered: 2, flowedOut: 1, answered: 1, asaSeconds: 3, handled: 1, talkSeconds: 2, acwSeconds: 1, waiting: 0 });
    // qB: c answered after 1 s, talked 1 s, wrapped up 0.5 s.
    expect(row(engine, 'qB')).toMatchObject({ offered: 1, answered: 1, asaSeconds: 1, handled: 1, talkSeconds: 1, acwSeconds: 0.5, waiting: 0 });
    expect({ ...engine.counters.anomaliesByReason }).toEqual({});
    expect(engine.tenants.get('default')!.calls.size).toBe(0);
  });
});
