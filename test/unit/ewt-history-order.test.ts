/**
 * A queue's wait history (the wait-time estimator's input) is the same whatever order the
 * events of the reorder window arrive in: each caller's place in line is counted once the
 * window has passed its queueing, and departures and handle times are kept in event-time order.
 */
import { describe, expect, it } from 'vitest';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { engineWith, ev, parse } from '../helpers/events.ts';

// a1 logs in available at 08:59. c1 queues 09:00:00, c2 09:00:01; a1 answers c1 at 09:00:02.
// At 09:00:01 c1 was waiting and a1 available: c2's place is 1 ahead + 1 - 1 available = 1
// (c1's: 0 ahead + 1 - 1 = 0). c2 abandons at 09:00:20; an event at 09:00:22 moves event time
// past both windows (5 s), while c2's settled leg is still kept (it is, for 5 s after settling).
const login = ev('agent.login', '08:59:00', { agentId: 'a1', state: 'available', queues: ['q1'] });
const q1 = ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' });
const q2 = ev('call.queued', '09:00:01', { callId: 'c2', queueId: 'q1' });
const a1 = ev('call.answered', '09:00:02', { callId: 'c1', queueId: 'q1', agentId: 'a1' });
const ab2 = ev('call.abandoned', '09:00:20', { callId: 'c2', queueId: 'q1' });
const later = ev('agent.login', '09:00:22', { agentId: 'a2', queues: ['q2'] });

const places = (e: Engine) => ['c1', 'c2'].map((id) => e.tenants.get('default')!.calls.get(id)?.behind);

describe('places in line, whatever the arrival order', () => {
  it('counts a caller queued late behind those who were waiting then, though they have left since', () => {
    const inOrder = engineWith([login, q1, q2, a1, ab2, later]);
    // c2's call.queued arrives after c1's answer (within the 5 s window): c1 still counts ahead.
    const late = engineWith([login, q1, a1, q2, ab2, later]);
    expect(places(inOrder)).toEqual([0, 1]);
    expect(places(late)).toEqual([0, 1]);
  });

  it('counts the place of a caller whose answer arrived before its queueing', () => {
    expect(places(engineWith([login, a1, q1, q2, ab2, later]))).toEqual([0, 1]);
  });

  it('is not counted until the window has passed, then records the answer with it', () => {
    const e = engineWith([login, q1, q2, a1]);
    expect(places(e)).toEqual([undefined, undefined]);
    expect(e.queue('default', 'q1')!.history.answeredByBehind()).toEqual([]);
    // 09:00:06 is more than 5 s after c1's queueing, not after c2's.
    for (const x of parse([ev('agent.login', '09:00:06', { agentId: 'a3', queues: ['q3'] })])) e.apply(x);
    expect(places(e)).toEqual([0, undefined]);
    expect(e.queue('default', 'q1')!.history.answeredByBehind()).toEqual([{ behind: 0, waitSeconds: 2 }]);
  });

  it('keeps places still to be counted through a snapshot', () => {
    const e = engineWith([login, q1, q2, a1]);
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(e))));
    for (const x of parse([ab2, later])) restored.apply(x);
    expect(places(restored)).toEqual([0, 1]);
    expect(restored.queue('default', 'q1')!.history.toData()).toEqual(engineWith([login, q1, q2, a1, ab2, later]).queue('default', 'q1')!.history.toData());
  });
});

describe('departures in event-time order', () => {
  it('keeps the latest by event time when a late departure arrives, whatever came first', () => {
    // Four callers queued at 09:00:0x leave at 09:01:00 + x s; the one leaving first arrives last.
    const queued = [1, 2, 3, 4].map((i) => ev('call.queued', `09:00:0${i}`, { callId: `d${i}`, queueId: 'q1' }));
    const left = [1, 2, 3, 4].map((i) => ev('call.abandoned', `09:01:0${i}`, { callId: `d${i}`, queueId: 'q1' }));
    const e = engineWith([...queued, left[1], left[2], left[3], left[0]]);
    // Waits 60 s each; in time order d1..d4 (ids and times in the snapshot).
    expect(e.queue('default', 'q1')!.history.toData().departed.map((d) => d[3])).toEqual(['d1', 'd2', 'd3', 'd4']);
  });
});

describe('the agents a place counts are the queue\'s at the caller\'s time', () => {
  // a1, skilled for q2 only, is available from 08:59. c1 queues in q1 at 09:00:00; a1 answers it
  // at 09:00:04.990 (an overflow answer: from then on a1 counts among q1's agents). At 09:00:00
  // q1 had no agents, so c1's place is 0 ahead + 1 - 0 available = 1, whether the answer
  // arrives before or after the event that has the place counted (09:00:05.010, past the window).
  const helper = ev('agent.login', '08:59:00', { agentId: 'a1', state: 'available', queues: ['q2'] });
  const c1 = ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' });
  const other = ev('agent.login', '09:00:04.950', { agentId: 'z1', queues: ['q9'] });
  const counts = ev('agent.login', '09:00:05.010', { agentId: 'z2', queues: ['q9'] });
  const overflow = ev('call.answered', '09:00:04.990', { callId: 'c1', queueId: 'q1', agentId: 'a1' });
  const relogin = ev('agent.login', '09:00:04.990', { agentId: 'a1', state: 'available', queues: ['q1', 'q2'] });
  const place = (e: Engine) => e.tenants.get('default')!.calls.get('c1')?.behind;

  it('leaves out an agent who joined by an overflow answer after the caller queued, in either order', () => {
    expect(place(engineWith([helper, c1, other, overflow, counts]))).toBe(1);
    expect(place(engineWith([helper, c1, other, counts, overflow]))).toBe(1);
  });

  it('leaves out an agent whose new skills came after the caller queued, in either order', () => {
    expect(place(engineWith([helper, c1, other, relogin, counts]))).toBe(1);
    expect(place(engineWith([helper, c1, other, counts, relogin]))).toBe(1);
  });

  it('counts an agent who was a member then and left since (skills dropped after the caller queued)', () => {
    // a1 starts skilled for q1 (available: c1 is 0 ahead + 1 - 1 = 0), drops q1 at 09:00:04.990.
    const member = ev('agent.login', '08:59:00', { agentId: 'a1', state: 'available', queues: ['q1'] });
    const drop = ev('agent.login', '09:00:04.990', { agentId: 'a1', state: 'available', queues: ['q2'] });
    expect(place(engineWith([member, c1, other, drop, counts]))).toBe(0);
    expect(place(engineWith([member, c1, other, counts, drop]))).toBe(0);
  });
});
