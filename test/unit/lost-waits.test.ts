/**
 * A realtime wait with no outcome for `lostWaitSeconds` (default 4 h) is a call whose outcome
 * the feed lost: it ends as flowed out at the limit, with the anomaly `lost-wait`, by whichever
 * comes first (the minute scan, a late outcome, an answer in another queue), with the same
 * figures. Before, such a ghost waited all day and its age was the queue's longest wait.
 */
import { describe, expect, it } from 'vitest';
import type { Engine, EngineConfig } from '../../server/domain/engine.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { ev, parse, taipei } from '../helpers/events.ts';
import { runOrder } from '../helpers/orders.ts';

const CONFIG: Partial<EngineConfig> = { reorderWindowMs: 60_000, queues: [{ id: 'never', tenant: 'default', lostWaitSeconds: 0 }] };
const SETUP = parse([ev('agent.login', '08:59:00', { agentId: 'a1', queues: ['q', 'never'], state: 'available' })]);
/** An event from the floor at `at`, only to move event time (sweeps follow it). */
const beat = (at: string) => parse([ev('agent.state', at, { agentId: 'a9', state: 'aux', reason: 'break' })]);
const SLOT_0900 = 18;

const run = (events: FloorEvent[], later: FloorEvent[], restartAfter = -1) => runOrder(CONFIG, SETUP, events, later, restartAfter);

function figures(engine: Engine, queueId = 'q') {
  const q = engine.queue('default', queueId)!;
  const row = queueIntervalRows(engine, q, taipei('12:00:00'))[SLOT_0900];
  return { row, waiting: q.waiting.size, longestWait: queueView(engine, q).longestWaitSeconds, anomalies: { ...engine.counters.anomaliesByReason } };
}

const queued = parse([ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q' })]);

describe('a realtime wait with no outcome', () => {
  it('still waits at 3 h 59 min, its age the longest wait', () => {
    const f = figures(run(queued, beat('12:59:00')));
    expect(f.waiting).toBe(1);
    expect(f.longestWait).toBe(3 * 3600 + 59 * 60);
    expect(f.anomalies).toEqual({});
  });

  it('ends as flowed out at 4 h once the reorder window after it has passed, and leaves the screens', () => {
    // 13:02:00 - 60 s window = 13:01:00, past 09:00 + 4 h.
    const f = figures(run(queued, beat('13:02:00')));
    expect(f.row).toMatchObject({ offered: 1, answered: 0, abandoned: 0, flowedOut: 1, maxWaitSeconds: 14_400, serviceLevel: null });
    expect(f.waiting).toBe(0);
    expect(f.longestWait).toBeNull();
    expect(f.anomalies).toEqual({ 'lost-wait': 1 });
  });

  it('counts an answer 1 s inside the limit as the answer it is', () => {
    const f = figures(run([...queued, ...parse([ev('call.answered', '12:59:59', { callId: 'c', queueId: 'q', agentId: 'a1' })])], beat('13:05:00')));
    expect(f.row).toMatchObject({ offered: 1, answered: 1, flowedOut: 0, answeredInSL: 0, asaSeconds: 14_399 });
    expect(f.anomalies).toEqual({});
  });

  it('finds an answer 30 s past the limit too late, before or after the scan has lost the wait, with the same figures', () => {
    // The answer is then one with no queuing of its own (the wait it would end is over): it still
    // moves the agent, and is never-queued once the window after it has passed.
    const answer = parse([ev('call.answered', '13:00:30', { callId: 'c', queueId: 'q', agentId: 'a1' })]);
    // Before: nothing between; after: a beat at 13:02 (past 13:00 + 60 s) scans first.
    for (const between of [[], beat('13:02:00')]) {
      const late = [...queued, ...between, ...answer];
      for (let restart = -1; restart < late.length; restart++) {
        const f = figures(run(late, beat('13:05:00'), restart));
        expect(f.row).toMatchObject({ offered: 1, answered: 0, flowedOut: 1, maxWaitSeconds: 14_400 });
        expect(f.anomalies).toEqual({ 'lost-wait': 1, 'never-queued': 1 });
      }
    }
  });

  it('takes the call queued here again 30 s past the limit as a new visit, before or after the scan, with the same figures', () => {
    // Before, in order (no scan between) the second queuing met the ghost still waiting: it was
    // queued-twice, and the caller waiting since 13:00:30 was on no screen.
    const again = parse([ev('call.queued', '13:00:30', { callId: 'c', queueId: 'q' })]);
    for (const between of [[], beat('13:02:00')]) {
      const late = [...queued, ...between, ...again];
      for (let restart = -1; restart < late.length; restart++) {
        const engine = run(late, beat('13:10:00'), restart);
        const f = figures(engine);
        expect(f.row).toMatchObject({ offered: 1, flowedOut: 1, maxWaitSeconds: 14_400 });
        // Waiting since 13:00:30: 9 min 30 s at 13:10, in the 13:00 interval's offered.
        expect(f.waiting).toBe(1);
        expect(f.longestWait).toBe(570);
        expect(queueIntervalRows(engine, engine.queue('default', 'q')!, taipei('13:10:00'))[26]).toMatchObject({ offered: 1, flowedOut: 0 });
        expect(f.anomalies).toEqual({ 'lost-wait': 1 });
      }
    }
  });

  it('ends at the limit in one queue when the call is answered in another after it', () => {
    // The call waits in q and in `never` (no limit); a1 answers it in `never` at 13:10.
    const both = parse([
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'q' }),
      ev('call.queued', '09:00:00', { callId: 'c', queueId: 'never' }),
      ev('call.answered', '13:10:00', { callId: 'c', queueId: 'never', agentId: 'a1' }),
    ]);
    const engine = run(both, beat('13:15:00'));
    expect(figures(engine).row).toMatchObject({ offered: 1, flowedOut: 1, maxWaitSeconds: 14_400 });
    expect(figures(engine, 'never').row).toMatchObject({ offered: 1, answered: 1, asaSeconds: 15_000 });
    expect(engine.counters.anomaliesByReason).toEqual({ 'lost-wait': 1 });
  });

  it('waits on in a queue configured with lostWaitSeconds 0', () => {
    const f = figures(run(parse([ev('call.queued', '09:00:00', { callId: 'c', queueId: 'never' })]), beat('19:00:00')), 'never');
    expect(f.waiting).toBe(1);
    expect(f.longestWait).toBe(10 * 3600);
    expect(f.anomalies).toEqual({});
  });

  it('is never lost in deferred work: an email waits two days', () => {
    const mail = parse([ev('call.queued', '09:00:00', { callId: 'm', queueId: 'mail', channel: 'email' }, { date: '2026-11-18', offset: '+08:00' })]);
    const f = figures(run(mail, beat('13:00:00')), 'mail');
    expect(f.waiting).toBe(1);
    expect(f.longestWait).toBe(2 * 86_400 + 4 * 3600);
    expect(f.anomalies).toEqual({});
  });
});
