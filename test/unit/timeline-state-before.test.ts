import { describe, expect, it } from 'vitest';
import { AgentTimeline, AUX, AVAILABLE, OFFLINE, StateCodes, TALKING } from '../../server/domain/agent-timeline.ts';
import { Random } from '../../simulator/random.ts';

// Changes: available at 1,000 ms, talking at 2,000 ms, aux at 5,000 ms (inserted out of order).
function timeline(): AgentTimeline {
  const t = new AgentTimeline(new StateCodes());
  t.set(1_000, 1, 'e1', AVAILABLE, null, null);
  t.set(5_000, 8, 'e3', AUX, 'break', null);
  t.set(2_000, 3, 'e2', TALKING, null, 'q1');
  return t;
}

/** The state of the last segment forEachSegment gives for [end - 1, end): the old way of asking. */
function lastSegmentState(t: AgentTimeline, end: number): number {
  let state = -1;
  t.forEachSegment(end - 1, end, end, (s) => (state = s.state));
  return state;
}

describe('AgentTimeline.stateBefore', () => {
  it('is the state of the last change strictly before the given time', () => {
    const t = timeline();
    // Nothing before 1,000 ms: offline. A change at exactly `end` is not yet in force.
    expect(t.stateBefore(500)).toBe(OFFLINE);
    expect(t.stateBefore(1_000)).toBe(OFFLINE);
    expect(t.stateBefore(1_001)).toBe(AVAILABLE);
    expect(t.stateBefore(2_000)).toBe(AVAILABLE);
    expect(t.stateBefore(2_001)).toBe(TALKING);
    expect(t.stateBefore(4_999)).toBe(TALKING);
    // After the latest change (the fast path): aux.
    expect(t.stateBefore(5_001)).toBe(AUX);
    expect(t.stateBefore(1e12)).toBe(AUX);
  });

  it('answers what the last segment of forEachSegment holds, fractional times included', () => {
    const t = timeline();
    for (const end of [0, 999, 1_000, 1_000.5, 1_001, 1_999.25, 2_000, 2_000.75, 3_000, 5_000, 5_000.5, 6_000]) {
      expect(t.stateBefore(end), `end ${end}`).toBe(lastSegmentState(t, end));
    }
  });

  it('is offline for an empty timeline', () => {
    expect(new AgentTimeline(new StateCodes()).stateBefore(10)).toBe(OFFLINE);
  });

  it('answers as stateAt just before, for times rising slowly, jumping back and far ahead, between inserts and trims', () => {
    // stateBefore(end) is by definition stateAt(end - 1) for whole-millisecond times.
    const rnd = new Random(11);
    const states = [AVAILABLE, TALKING, AUX];
    const t = new AgentTimeline(new StateCodes());
    let clock = 0;
    for (let step = 0; step < 4_000; step++) {
      clock += Math.floor(rnd.next() * 50);
      const r = rnd.next();
      // Changes mostly a little ahead of the questions (as an agent's later calls are), some late.
      if (r < 0.5) t.set(clock + Math.floor(rnd.next() * 3_000) - 500, 1, `e${step}`, states[Math.floor(rnd.next() * 3)], null, null);
      else if (r < 0.502) t.trimBefore(clock - 2_000);
      const end = rnd.chance(0.05) ? clock - Math.floor(rnd.next() * 5_000) : rnd.chance(0.02) ? clock + 10_000 : clock;
      expect(t.stateBefore(end), `step ${step}`).toBe(t.stateAt(end - 1));
    }
  });
});
