import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { PUSH_PHASES, PushPhases, SCREENS_PER_PHASE } from '../../server/realtime/push-phases.ts';
import { ev, parse } from '../helpers/events.ts';

/** Joins `n` screens one after another, each where `choose` puts it. */
function joinMany(phases: PushPhases<string>, n: number): number[] {
  const placed: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = phases.choose();
    phases.joined(p);
    placed.push(p);
  }
  return placed;
}

// Two agents on two queues: the phases collect and hand back what the engine marked changed.
const engine = new Engine({ timezone: 'Asia/Taipei' });
for (const e of parse([
  ev('agent.login', '09:00:00', { agentId: 'a1', queues: ['q1'], state: 'available' }),
  ev('agent.login', '09:00:00', { agentId: 'a2', queues: ['q2'], state: 'available' }),
]))
  engine.apply(e);
const queue = (id: string) => engine.queue('default', id)!;
const agent = (id: string) => engine.agent('default', id)!;

describe('push phases', () => {
  it('keeps every screen in phase 0 below SCREENS_PER_PHASE, then opens one phase per that many and fills the emptiest', () => {
    expect({ PUSH_PHASES, SCREENS_PER_PHASE }).toEqual({ PUSH_PHASES: 5, SCREENS_PER_PHASE: 2000 });
    const phases = new PushPhases<string>(10);
    expect(new Set(joinMany(phases, 2000))).toEqual(new Set([0]));
    // The 2,001st sees 2,000 screens: two phases open, and phase 1 is the emptier.
    expect(phases.choose()).toBe(1);
    joinMany(phases, 8000);
    // 10,000 screens: 2,000 in each of the 5 phases (each new phase filled until the next opens).
    expect(phases.sizes).toEqual([2000, 2000, 2000, 2000, 2000]);
    // Never more than PUSH_PHASES, however many screens: 20,000 more spread evenly.
    joinMany(phases, 20_000);
    expect(phases.sizes).toEqual([6000, 6000, 6000, 6000, 6000]);
  });

  it('puts new screens where others left', () => {
    const phases = new PushPhases<string>(10);
    phases.screensPerPhase = 2;
    expect(joinMany(phases, 6)).toEqual([0, 0, 1, 1, 2, 2]);
    phases.left(1);
    phases.left(1);
    // 4 screens: three phases open, and phase 1 is empty.
    expect(joinMany(phases, 2)).toEqual([1, 1]);
    expect(phases.sizes).toEqual([2, 2, 2, 0, 0]);
  });

  it('collects changes for each phase with screens until it is taken, and one a new interval marks whole', () => {
    const phases = new PushPhases<string>(10);
    phases.screensPerPhase = 1;
    joinMany(phases, 2); // phases 0 and 1
    const [q1, q2] = [queue('q1'), queue('q2')];
    const [a1, a2] = [agent('a1'), agent('a2')];
    phases.collect([q1], [a1], false, 0);
    const first = phases.take(1);
    expect({ all: first.allQueues, queues: first.queues, agents: first.agents }).toEqual({ all: false, queues: [q1], agents: [a1] });
    phases.collect([q2, q1], [a2, a1], true, 0);
    // Phase 0 was not taken: it holds both beats' changes, each once, in first-change order.
    const zero = phases.take(0);
    expect({ all: zero.allQueues, queues: zero.queues, agents: zero.agents }).toEqual({ all: true, queues: [q1, q2], agents: [a1, a2] });
    // Phase 1 holds only what came after it was taken.
    expect(phases.take(1).queues).toEqual([q2, q1]);
    // Taken: nothing left until the next beat collects.
    expect(phases.take(0)).toMatchObject({ allQueues: false, queues: [], agents: [] });
  });

  it('lets a phase with no screens forget what it published and collected', () => {
    const phases = new PushPhases<string>(10);
    joinMany(phases, 1);
    const q = queue('q1');
    phases.collect([q], [], false, 0);
    phases.left(0);
    phases.collect([], [], false, 0);
    phases.joined(0);
    // Collected while it had a screen, dropped when it had none: a new screen reads the floor live.
    expect(phases.take(0).queues).toEqual([]);
  });

  it('keeps a phase\'s snapshots until it is renewed, and renews an empty one at each beat at the version given', () => {
    const phases = new PushPhases<string>(10);
    phases.screensPerPhase = 1;
    joinMany(phases, 1); // phase 0
    let builds = 0;
    const build = () => `built ${++builds}`;
    expect(phases.snapshot(0, 'k', build)).toBe('built 1');
    expect(phases.snapshot(0, 'k', build)).toBe('built 1');
    // A beat with changes, phase 0 has a screen: its snapshot stays until its own push renews it.
    phases.collect([queue('q1')], [], false, 7);
    expect(phases.snapshot(0, 'k', build)).toBe('built 1');
    expect(phases.version(0)).toBe(0);
    phases.renew(0, 8);
    expect([phases.snapshot(0, 'k', build), phases.version(0)]).toEqual(['built 2', 8]);
    // Phase 1 has no screen: every beat renews it at the version of that beat.
    phases.collect([], [], false, 9);
    expect(phases.version(1)).toBe(9);
    expect(phases.snapshotBuilds).toBe(2);
  });

  it("keeps each phase's snapshots within its own weight ceiling, and a renewed phase keeps again", () => {
    // Ceiling 8 characters a phase: 'aaaaa' (5) is kept, 'bbbb' (4) would make 9; phase 1 has its own 8.
    const phases = new PushPhases<string>(10, { weigh: (s) => s.length, maxWeight: 8 });
    phases.snapshot(0, 'a', () => 'aaaaa');
    phases.snapshot(0, 'b', () => 'bbbb');
    phases.snapshot(1, 'b', () => 'bbbb');
    expect([phases.keptSnapshot(0, 'a'), phases.keptSnapshot(0, 'b'), phases.keptSnapshot(1, 'b')]).toEqual(['aaaaa', undefined, 'bbbb']);
    phases.renew(0, 1);
    phases.snapshot(0, 'b', () => 'bbbb');
    expect(phases.keptSnapshot(0, 'b')).toBe('bbbb');
  });
});

