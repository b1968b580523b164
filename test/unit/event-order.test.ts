import { describe, expect, it } from 'vitest';
import { ANOMALY, APPLIED, DUPLICATE } from '../../server/domain/engine.ts';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';
import { workedExample } from '../helpers/worked-example.ts';
import { Engine } from '../../server/domain/engine.ts';

function figures(events: Record<string, unknown>[]) {
  const engine = engineWith(events);
  engine.tick(taipei('09:31:00'));
  const noon = taipei('12:00:00');
  return {
    queue: queueIntervalRows(engine, engine.queue('default', 'q1')!, noon),
    a1: agentIntervalRows(engine, engine.agent('default', 'a1')!, noon),
    a2: agentIntervalRows(engine, engine.agent('default', 'a2')!, noon),
    counters: engine.counters,
  };
}

/** Swaps neighbours so each call's later event arrives first (all within seconds of event time). */
function swapPairs<T>(events: T[]): T[] {
  const out = [...events];
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

describe('event order, duplicates and anomalies', () => {
  it('gives the same figures when events arrive out of order', () => {
    const inOrder = figures(workedExample);
    expect(figures(swapPairs(workedExample))).toEqual(inOrder);
    expect(figures([...workedExample].reverse())).toEqual(inOrder);
  });

  it('ignores a repeated id and counts it as a duplicate', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei' });
    const [queued] = parse([ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q1' })]);
    expect(engine.apply(queued)).toBe(APPLIED);
    expect(engine.apply({ ...queued })).toBe(DUPLICATE);
    expect(engine.counters).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(engine.queue('default', 'q1')!.waiting.size).toBe(1);
  });

  it('treats the same id from two tenants as two events', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei' });
    const [a, b] = parse([
      { id: 'same', type: 'call.queued', ts: taipei('09:00:00'), tenant: 'acme', callId: 'c1', queueId: 'qa' },
      { id: 'same', type: 'call.queued', ts: taipei('09:00:00'), tenant: 'jade', callId: 'c2', queueId: 'qj' },
    ]);
    expect([engine.apply(a), engine.apply(b)]).toEqual([APPLIED, APPLIED]);
  });

  it('counts a second answer as an anomaly and leaves state as it was', () => {
    const engine = engineWith([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q1' }),
      ev('call.answered', '09:00:10', { callId: 'c', queueId: 'q1', agentId: 'a1' }),
    ]);
    // An answer at the first one's time or before it repeats it at once.
    const [same] = parse([ev('call.answered', '09:00:10', { callId: 'c', queueId: 'q1', agentId: 'a2' })]);
    expect(engine.apply(same)).toBe(ANOMALY);
    expect(engine.lastAnomaly).toMatchObject({ reason: 'answered-twice' });
    // A later one may answer the call transferred back to q1, its queuing on its way: judged when the window has passed.
    const [again, later] = parse([ev('call.answered', '09:00:12', { callId: 'c', queueId: 'q1', agentId: 'a2' }), ev('agent.state', '09:00:18', { agentId: 'a9', state: 'available' })]);
    expect(engine.apply(again)).toBe(APPLIED);
    engine.apply(later);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'answered-twice': 2 });
    const row = queueIntervalRows(engine, engine.queue('default', 'q1')!, taipei('12:00:00'))[18];
    expect(row).toMatchObject({ offered: 1, answered: 1, asaSeconds: 10 });
    expect(engine.agent('default', 'a2')?.timeline.length ?? 0).toBe(0);
  });

  it('words a second outcome after what the visit already did, answered or abandoned', () => {
    const cases: [string, string, string][] = [
      ['call.answered', 'call.answered', 'call c answered in q1, but it had already been answered there'],
      ['call.abandoned', 'call.abandoned', 'call c abandoned in q1, but it had already abandoned there'],
      ['call.abandoned', 'call.answered', 'call c answered in q1, but it had already abandoned there'],
    ];
    const fields = (type: string, agentId: string) => (type === 'call.answered' ? { agentId } : {});
    for (const [first, second, detail] of cases) {
      const engine = engineWith([ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q1' }), ev(first, '09:00:10', { callId: 'c', queueId: 'q1', ...fields(first, 'a1') })]);
      // A second outcome at the first one's time repeats it at once.
      const [again] = parse([ev(second, '09:00:10', { callId: 'c', queueId: 'q1', ...fields(second, 'a2') })]);
      expect([first, engine.apply(again)]).toEqual([first, ANOMALY]);
      expect(engine.lastAnomaly).toMatchObject({ reason: first === 'call.answered' && second === first ? 'answered-twice' : 'already-left-queue', detail });
    }
  });

  // Ageing out follows event time only (a clock tick never decides a count), so the window
  // passes when a later event arrives: every process folding the same events agrees.
  it('counts an answer for a call never queued as an anomaly once the reorder window passes', () => {
    const engine = engineWith([ev('call.answered', '09:00:10', { callId: 'ghost', queueId: 'q1', agentId: 'a1' })]);
    engine.tick(taipei('09:00:30'));
    expect(engine.counters.anomalies).toBe(0);
    for (const e of parse([ev('agent.state', '09:00:14', { agentId: 'a9', state: 'available' })])) engine.apply(e);
    expect(engine.counters.anomalies).toBe(0);
    for (const e of parse([ev('agent.state', '09:00:16', { agentId: 'a9', state: 'available' })])) engine.apply(e);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'never-queued': 1 });
    const row = queueIntervalRows(engine, engine.queue('default', 'q1')!, taipei('12:00:00'))[18];
    expect(row.offered + row.answered).toBe(0);
  });

  it('counts wrap-up for a call never answered as an anomaly', () => {
    const engine = engineWith([ev('call.wrapped', '09:00:10', { callId: 'ghost', agentId: 'a1' }), ev('agent.state', '09:00:20', { agentId: 'a9', state: 'available' })]);
    expect({ ...engine.counters.anomaliesByReason }).toEqual({ 'never-answered': 1 });
  });

  it('keeps two tenants with the same queue, agent, call and event ids apart', () => {
    const engine = engineWith([{ id: '1', type: 'call.queued', ts: taipei('09:00:00'), tenant: 'acme', callId: 'c', queueId: 'q1' }]);
    const [other, answer] = parse([
      { id: '1', type: 'call.queued', ts: taipei('09:00:01'), tenant: 'jade', callId: 'c', queueId: 'q1' },
      { id: '2', type: 'call.answered', ts: taipei('09:00:05'), tenant: 'jade', callId: 'c', queueId: 'q1', agentId: 'a1' },
    ]);
    expect(engine.apply(other)).toBe(APPLIED);
    expect(engine.apply(answer)).toBe(APPLIED);
    expect(engine.queue('acme', 'q1')!.waiting.size).toBe(1);
    expect(engine.queue('jade', 'q1')!.waiting.size).toBe(0);
    expect(engine.agent('acme', 'a1')).toBeUndefined();
    expect(engine.agent('jade', 'a1')!.timeline.current().state).toBe(1);
  });

  it('lands a backfill from an earlier day in that day’s intervals', () => {
    const engine = engineWith([ev('call.queued', '09:00:00', { callId: 'today', queueId: 'q1' })]);
    const yesterday = { date: '2026-11-19', offset: '+08:00' };
    for (const e of parse([
      ev('call.queued', '14:10:00', { callId: 'old', queueId: 'q1' }, yesterday),
      ev('call.answered', '14:10:30', { callId: 'old', queueId: 'q1', agentId: 'a1' }, yesterday),
      ev('call.ended', '14:15:30', { callId: 'old', agentId: 'a1' }, yesterday),
      ev('call.wrapped', '14:16:00', { callId: 'old', agentId: 'a1' }, yesterday),
    ])) engine.apply(e);
    const rows = queueIntervalRows(engine, engine.queue('default', 'q1')!, Date.parse('2026-11-19T12:00:00+08:00'));
    expect(rows[28]).toMatchObject({ start: '2026-11-19T14:00:00+08:00', offered: 1, answered: 1, asaSeconds: 30, ahtSeconds: 330 });
    expect(engine.counters.anomalies).toBe(0);
    expect(agentView(engine, engine.agent('default', 'a1')!).state).toBe('available');
  });

  it('lets a call that flowed out be queued again elsewhere', () => {
    const engine = engineWith([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q1' }),
      ev('call.dequeued', '09:01:00', { callId: 'c', queueId: 'q1', reason: 'overflow' }),
      ev('call.queued', '09:01:00', { callId: 'c', queueId: 'q2' }),
      ev('call.answered', '09:01:15', { callId: 'c', queueId: 'q2', agentId: 'a1' }),
    ]);
    const noon = taipei('12:00:00');
    expect(queueIntervalRows(engine, engine.queue('default', 'q1')!, noon)[18]).toMatchObject({ offered: 1, flowedOut: 1, serviceLevel: null });
    expect(queueIntervalRows(engine, engine.queue('default', 'q2')!, noon)[18]).toMatchObject({ offered: 1, answered: 1, asaSeconds: 15 });
  });
});
