/**
 * Each queue's available count (domain/available-count.ts) is a shortcut: at every instant it
 * answers, it must equal its definition, the queue's agents whose timeline holds `available`
 * then. Random floors of logins with changing skills, state changes, answered contacts of voice
 * and chat (a late call.queued of a chat takes back voice states), logouts and abandons, applied
 * in any order across a local midnight (so timelines are trimmed) and through a snapshot. The
 * same floors, whose logins often leave out the name, team or skills, also check that an agent's
 * name, team and skills, and the agents each queue counts, do not depend on arrival order.
 */
import { describe, expect, it } from 'vitest';
import { Engine, skillIds, type EngineConfig } from '../../server/domain/engine.ts';
import { availableByTimelines } from '../../server/domain/queue-members.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import type { QueueState } from '../../server/domain/tenant-floor.ts';
import { parse } from '../helpers/events.ts';
import { rng } from '../helpers/rng.ts';


const QUEUES = ['q1', 'q2', 'q3'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const NAMES = ['Ann', 'Bo', 'Cy'];
const TEAMS = ['t1', 't2'];
/** 23:40 local (Taipei) on 2026-11-20: the floor runs 40 minutes, across midnight. */
const START = Date.parse('2026-11-20T23:40:00+08:00');
const SPAN_MS = 40 * 60_000;
const config = { timezone: 'Asia/Taipei', intervalMinutes: 30, retentionDays: 1, reorderWindowMs: 5000 };
/** The same floor with two agents and one more queue configured up front (default tenant): a restore meets them already served. */
const configured = { ...config, queues: [{ id: 'q4', tenant: 'default' }], agents: [{ id: 'a1', tenant: 'default', queues: ['q1', 'q4'] }, { id: 'a2', tenant: 'default', queues: ['q2'] }] };

/** `count` random events; they arrive in any order, or when `windowMs` is given each up to that long after its time. */
function randomFloor(seed: number, count: number, windowMs: number | null): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  // Times on whole seconds, so several changes often share a millisecond.
  const at = () => START + Math.floor(r() * (SPAN_MS / 1000)) * 1000;
  const out: Record<string, unknown>[] = [];
  let n = 0;
  const id = () => `e${seed}-${++n}`;
  while (out.length < count) {
    const agentId = pick(AGENTS);
    const k = r();
    if (k < 0.15) {
      // A login may leave out the name, team or skills: the agent keeps what an earlier login said.
      const login: Record<string, unknown> = { id: id(), type: 'agent.login', ts: at(), agentId, state: r() < 0.7 ? 'available' : 'aux' };
      if (r() < 0.7) login.queues = QUEUES.filter(() => r() < 0.5);
      if (r() < 0.4) login.name = pick(NAMES);
      if (r() < 0.4) login.teamId = pick(TEAMS);
      out.push(login);
    } else if (k < 0.4) {
      out.push({ id: id(), type: 'agent.state', ts: at(), agentId, state: r() < 0.6 ? 'available' : 'aux' });
    } else if (k < 0.45) {
      out.push({ id: id(), type: 'agent.logout', ts: at(), agentId });
    } else {
      // A contact: queued, then answered and ended and wrapped, or abandoned.
      const callId = `c${seed}-${++n}`;
      const queueId = pick(QUEUES);
      const t0 = at();
      out.push({ id: id(), type: 'call.queued', ts: t0, callId, queueId, channel: r() < 0.3 ? 'chat' : 'voice' });
      if (r() < 0.15) {
        out.push({ id: id(), type: 'call.abandoned', ts: t0 + 4000, callId, queueId });
        continue;
      }
      const t1 = t0 + Math.floor(r() * 20) * 1000;
      out.push({ id: id(), type: 'call.answered', ts: t1, callId, queueId, agentId });
      out.push({ id: id(), type: 'call.ended', ts: t1 + 30_000 + Math.floor(r() * 120) * 1000, callId, agentId });
      if (r() < 0.8) out.push({ id: id(), type: 'call.wrapped', ts: t1 + 200_000, callId, agentId });
    }
  }
  if (windowMs !== null) {
    const arrival = new Map(out.map((e) => [e, (e.ts as number) + r() * windowMs]));
    return out.sort((x, y) => arrival.get(x)! - arrival.get(y)!);
  }
  // Any arrival order, not only within the reorder window: the count must hold whatever arrives.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A new engine under `engineConfig` restored from a snapshot of `engine` (through JSON, as a restart reads it). */
function restarted(engine: Engine, engineConfig: Partial<EngineConfig>): Engine {
  const restored = new Engine(engineConfig);
  engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
  return restored;
}

/**
 * Compares the count with the timelines at `samples` instants of each queue, with no step limit
 * and with a random one (as the engine passes the queue's agent count); returns how many
 * instants the count itself answered.
 */
function check(engine: Engine, samples: number[], r: () => number): number {
  let fromCount = 0;
  for (const q of engine.allQueues() as Iterable<QueueState>) {
    for (const ts of samples) {
      const truth = availableByTimelines(q, ts);
      for (const limit of [Infinity, Math.floor(r() * 8)]) {
        const counted = q.available.before(ts + 1, limit);
        if (counted < 0) continue;
        if (limit === Infinity) fromCount++;
        if (counted !== truth) throw new Error(`queue ${q.config.id} at ${new Date(ts).toISOString()} (limit ${limit}): count ${counted}, timelines ${truth}`);
      }
    }
  }
  return fromCount;
}

describe("a queue's available count", () => {
  // Seeds 1-3 arrive in any order; 4-6 up to 3 minutes late, so timelines hold the evening
  // when midnight trims them and late evening events still come after.
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const windowMs = seed > 3 ? 180_000 : null;
    it(`equals the agents available by their timelines at every instant it answers (seed ${seed}, ${windowMs ? 'up to 3 min late' : 'any order'})`, () => {
      const r = rng(seed * 7919);
      const events = parse(randomFloor(seed, 1500, windowMs));
      const engineConfig = seed % 2 === 0 ? configured : config;
      let engine = new Engine(engineConfig);
      let answered = 0;
      for (let i = 0; i < events.length; i++) {
        engine.apply(events[i]);
        // Through a snapshot, as a restart does (into an engine that serves its configured agents already).
        if (i === 750) engine = restarted(engine, engineConfig);
        if (i % 50 === 49) {
          const samples = Array.from({ length: 12 }, () => START + Math.floor(r() * (SPAN_MS + 600_000)) - 300_000);
          // Exactly at, and a millisecond either side of, some changes: where a step is or is not yet counted.
          for (let k = 0; k < 4; k++) {
            const at = events[Math.floor(r() * (i + 1))].ts;
            samples.push(at - 1, at, at + 1);
          }
          samples.push(engine.eventNow, engine.eventNow - 1);
          answered += check(engine, samples, r);
        }
      }
      // The floor crossed midnight: timelines were trimmed, and the count still agreed.
      expect(engine.eventNow).toBeGreaterThan(Date.parse('2026-11-21T00:00:00+08:00'));
      // A good share of the instants (about 3,800 asked) are answered by the count; the rest are older than its horizon.
      expect(answered).toBeGreaterThan(300);
    });
  }
});

describe("an agent's name, team, skills and queues", () => {
  /** Each agent's name, team and skills, and whether every skill's queue counts it. */
  const profiles = (engine: Engine) =>
    [...engine.allAgents()].sort((x, y) => (x.id < y.id ? -1 : 1)).map((a) => [a.id, a.name, a.teamId, skillIds(a), a.queues.every((q) => q.agents.has(a))]);
  /** Each queue's agents (its skilled ones and those who answered its calls), as sorted ids. */
  const members = (engine: Engine) =>
    [...engine.allQueues()].sort((x, y) => (x.config.id < y.config.id ? -1 : 1)).map((q) => [q.config.id, [...q.agents].map((a) => a.id).sort()]);

  for (const seed of [1, 2, 3]) {
    it(`follow each one's latest login that carries it and the calls answered, in any arrival order and through a snapshot (seed ${seed})`, () => {
      const events = parse(randomFloor(seed, 600, null));
      const engineConfig = seed % 2 === 0 ? configured : config;
      const inTime = new Engine(engineConfig);
      for (const e of [...events].sort((x, y) => x.ts - y.ts)) inTime.apply(e);
      let shuffled = new Engine(engineConfig);
      for (let i = 0; i < events.length; i++) {
        shuffled.apply(events[i]);
        if (i === 300) shuffled = restarted(shuffled, engineConfig);
      }
      expect(profiles(shuffled)).toEqual(profiles(inTime));
      expect(members(shuffled)).toEqual(members(inTime));
    });
  }
});

describe("a queue's available count after a restart with a newly configured agent", () => {
  it('takes in an agent configured after the snapshot once it logs in with the same skill', () => {
    const t = (s: number) => START + s * 1000;
    const before = new Engine(config);
    for (const e of parse([
      { id: 'n1', type: 'agent.login', ts: t(0), agentId: 'a1', queues: ['q1'], state: 'available' },
      { id: 'n2', type: 'call.queued', ts: t(1), callId: 'c1', queueId: 'q1', channel: 'voice' },
    ]))
      before.apply(e);
    // a9 is configured only after the snapshot: its skill q1 is not in the snapshot's members.
    const after = new Engine({ ...config, agents: [{ id: 'a9', tenant: 'default', queues: ['q1'] }] });
    engineFromData(after, JSON.parse(JSON.stringify(engineToData(before))));
    for (const e of parse([
      { id: 'n3', type: 'agent.login', ts: t(10), agentId: 'a9', queues: ['q1'], state: 'available' },
      { id: 'n4', type: 'agent.state', ts: t(20), agentId: 'a9', state: 'aux', reason: 'break' },
      { id: 'n5', type: 'agent.state', ts: t(30), agentId: 'a9', state: 'available' },
    ]))
      after.apply(e);
    const q1 = after.queue('default', 'q1')!;
    // a1 available from 0 s; a9 from 10 s, on a break over [20 s, 30 s).
    const expected: [number, number][] = [
      [t(5), 1],
      [t(15), 2],
      [t(25), 1],
      [t(35), 2],
    ];
    for (const [at, free] of expected) {
      expect(availableByTimelines(q1, at)).toBe(free);
      const counted = q1.available.before(at + 1, Infinity);
      expect(counted === -1 || counted === free).toBe(true);
    }
    expect(q1.available.before(t(35) + 1, Infinity)).toBe(2);
  });
});
