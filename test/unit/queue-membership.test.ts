import { describe, expect, it } from 'vitest';
import { engineFromData, engineToData, type EngineData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { availableAt, availableByTimelines } from '../../server/domain/queue-members.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';
import { permutations } from '../helpers/orders.ts';

/** Every order of `xs`. */
/** The ids of the queue's agents, sorted. */
function members(engine: Engine, queueId: string): string[] {
  return [...engine.queue('default', queueId)!.agents].map((a) => a.id).sort();
}

// Membership is the latest skills plus the queues whose calls the agent answered; a login that
// drops a skill must not take away a queue the agent answered, whichever of the two came first.
describe("a queue's agents, in every arrival order", () => {
  const login0800 = ev('agent.login', '08:00:00', { agentId: 'a1', queues: ['X', 'Y'], state: 'available' });
  const queued = ev('call.queued', '08:59:50', { callId: 'c1', queueId: 'X' });
  const answered = ev('call.answered', '09:00:00', { callId: 'c1', queueId: 'X', agentId: 'a1' });
  const login0930 = ev('agent.login', '09:30:00', { agentId: 'a1', queues: ['Y'], state: 'available' });
  const after = taipei('09:40:00');

  it('keeps an agent in a queue whose call it answered after a login drops that skill', () => {
    for (const order of permutations([login0800, queued, answered, login0930])) {
      const engine = engineWith(order);
      const label = order.map((e) => e.ts).join(', ');
      expect(members(engine, 'X'), label).toEqual(['a1']);
      expect(members(engine, 'Y'), label).toEqual(['a1']);
      const x = engine.queue('default', 'X')!;
      expect(availableByTimelines(x, after), label).toBe(1);
      expect(availableAt(x, after), label).toBe(1);
    }
  });

  it('drops an agent from a queue it only had as a skill once a later login leaves it out', () => {
    for (const order of permutations([login0800, queued, login0930])) {
      const engine = engineWith(order);
      const label = order.map((e) => e.ts).join(', ');
      expect(members(engine, 'X'), label).toEqual([]);
      expect(members(engine, 'Y'), label).toEqual(['a1']);
      const x = engine.queue('default', 'X')!;
      expect(availableByTimelines(x, after), label).toBe(0);
      expect(availableAt(x, after), label).toBe(0);
    }
  });

  it('keeps an answered queue that a login adds as a skill and a later one drops', () => {
    // X answered without being a skill; then skilled for X at 09:10 and not at 09:30.
    const skilled = ev('agent.login', '09:10:00', { agentId: 'a1', queues: ['X', 'Y'], state: 'available' });
    const first = ev('agent.login', '08:00:00', { agentId: 'a1', queues: ['Y'], state: 'available' });
    for (const order of permutations([first, answered, skilled, login0930])) {
      const engine = engineWith(order);
      expect(members(engine, 'X'), order.map((e) => e.ts).join(', ')).toEqual(['a1']);
    }
  });

  /** A new engine restored from a snapshot of `e` through JSON; `edit` may change the data first (an older format). */
  const restart = (e: Engine, edit: (d: EngineData) => void = () => {}) => {
    const d = JSON.parse(JSON.stringify(engineToData(e))) as EngineData;
    edit(d);
    const restored = new Engine(e.config);
    engineFromData(restored, d);
    return restored;
  };

  const queuedZ = ev('call.queued', '08:59:50', { callId: 'c2', queueId: 'Z' });
  const answeredZ = ev('call.answered', '09:00:00', { callId: 'c2', queueId: 'Z', agentId: 'a1' });

  it('keeps the answered queues through a restart when a later login drops the skill', () => {
    const engine = restart(engineWith([login0800, queued, answered, queuedZ, answeredZ]));
    for (const e of parse([login0930])) engine.apply(e);
    expect(members(engine, 'X')).toEqual(['a1']);
    expect(members(engine, 'Z')).toEqual(['a1']);
    expect(availableAt(engine.queue('default', 'X')!, after)).toBe(1);
  });

  it('takes the members outside the skills as answered when a snapshot from before kept none', () => {
    const old = (d: EngineData) => {
      for (const a of d.tenants[0].agents) delete a.answered;
    };
    const engine = restart(engineWith([login0800, queued, answered, queuedZ, answeredZ]), old);
    const skilledZ = ev('agent.login', '09:10:00', { agentId: 'a1', queues: ['Y', 'Z'], state: 'available' });
    for (const e of parse([skilledZ, login0930])) engine.apply(e);
    // Z was no skill, so a1 answered it; X was, so the old snapshot cannot tell and the skill's end drops it.
    expect(members(engine, 'Z')).toEqual(['a1']);
    expect(members(engine, 'X')).toEqual([]);
  });
});

// Answering a queue's call makes the agent one of its agents for the rest of that local day only:
// yesterday's overflow helper is not among today's agents of the queue.
describe("a queue's agents across midnight (Asia/Taipei)", () => {
  const day2 = { date: '2026-11-21', offset: '+08:00' };
  const day3 = { date: '2026-11-22', offset: '+08:00' };
  const login = ev('agent.login', '23:40:00', { agentId: 'a1', queues: ['Y'], state: 'available' });
  const queued = ev('call.queued', '23:59:50', { callId: 'c1', queueId: 'X' });
  const answered = ev('call.answered', '23:59:58', { callId: 'c1', queueId: 'X', agentId: 'a1' });
  // Another agent's login, 4 s later, on the next day: within the 5 s reorder window of the answer.
  const nextDay = ev('agent.login', '00:00:02', { agentId: 'a2', queues: ['Z'], state: 'available' }, day2);

  it("drops yesterday's answered queue when the day turns, whichever of the answer and the new day's first event comes first", () => {
    const whileDayOne = engineWith([login, queued, answered]);
    expect([members(whileDayOne, 'X'), members(whileDayOne, 'Y')]).toEqual([['a1'], ['a1']]);
    for (const order of permutations([queued, answered, nextDay])) {
      const engine = engineWith([login, ...order]);
      const label = order.map((e) => e.ts).join(', ');
      expect([members(engine, 'X'), members(engine, 'Y'), members(engine, 'Z')], label).toEqual([[], ['a1'], ['a2']]);
      expect(availableAt(engine.queue('default', 'X')!, Date.parse('2026-11-21T00:00:03+08:00')), label).toBe(0);
    }
  });

  it("keeps an answer of the new day's first second, and drops it only when the day after turns", () => {
    // The day's first event turns it at once, not at the next once-a-second sweep, so an answer
    // 0.3 s after midnight belongs to the new day.
    const lastOfDayOne = ev('agent.state', '23:59:59.900', { agentId: 'a1', state: 'available' });
    const justAfter = ev('call.answered', '00:00:00.300', { callId: 'c1', queueId: 'X', agentId: 'a1' }, day2);
    const engine = engineWith([login, queued, lastOfDayOne, justAfter, nextDay]);
    expect(members(engine, 'X')).toEqual(['a1']);
    for (const e of parse([ev('agent.state', '00:00:01', { agentId: 'a2', state: 'available' }, day3)])) engine.apply(e);
    expect([members(engine, 'X'), members(engine, 'Y')]).toEqual([[], ['a1']]);
  });

  it('keeps the rule over a restart: the saved answered queue of the day goes when the day turns after it', () => {
    const engine = engineWith([login, queued, answered]);
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))) as EngineData);
    expect(members(restored, 'X')).toEqual(['a1']);
    for (const e of parse([nextDay])) restored.apply(e);
    expect([members(restored, 'X'), members(restored, 'Y')]).toEqual([[], ['a1']]);
  });
});
