import { describe, expect, it } from 'vitest';
import { AvailableCount } from '../../server/domain/available-count.ts';

describe('AvailableCount', () => {
  // Agent A available over [100, 300), agent B over [200, ∞), agent C over [250, 260).
  function threeAgents(): AvailableCount {
    const c = new AvailableCount();
    c.addSpan(200, Infinity, 1);
    c.addSpan(100, 300, 1);
    c.addSpan(250, 260, 1);
    return c;
  }

  it('counts the agents available just before an instant, steps at the instant excluded', () => {
    const c = threeAgents();
    expect(c.before(100, 10)).toBe(0); // A turns available at 100: not before 100
    expect(c.before(101, 10)).toBe(1);
    expect(c.before(201, 10)).toBe(2); // A and B
    expect(c.before(255, 10)).toBe(3); // A, B and C
    expect(c.before(260, 10)).toBe(3); // C leaves at 260: still counted before it
    expect(c.before(261, 10)).toBe(2);
    expect(c.before(301, 10)).toBe(1); // only B
    expect(c.before(1e15, 10)).toBe(1);
  });

  it('merges steps at one instant and drops those that cancel out', () => {
    const c = new AvailableCount();
    c.addSpan(100, 200, 1);
    c.addSpan(200, 300, 1); // -1 and +1 at 200 cancel
    expect(c.length).toBe(2);
    expect(c.before(250, 10)).toBe(1);
    c.addSpan(100, 300, -1);
    expect(c.length).toBe(0);
    expect(c.before(250, 10)).toBe(0);
  });

  it('says it does not know when more steps than allowed lie after the instant', () => {
    const c = threeAgents(); // steps at 100, 200, 250, 260, 300
    expect(c.before(150, 4)).toBe(1); // four steps after 150: walked
    expect(c.before(150, 3)).toBe(-1);
    expect(c.before(50, 5)).toBe(0); // every step after it, none left before
  });

  it('answers from the fold point on, and not before it', () => {
    const c = threeAgents();
    c.foldBefore(255); // steps at 100, 200 and 250 folded into one sum
    expect(c.length).toBe(2);
    expect(c.before(254, 10)).toBe(-1);
    expect(c.before(255, 10)).toBe(3);
    expect(c.before(261, 10)).toBe(2);
    // A late change before the fold point still counts for every later instant: B off over [240, 280).
    c.addSpan(240, 280, -1);
    expect(c.before(255, 10)).toBe(2);
    expect(c.before(281, 10)).toBe(2); // A leaves at 300, B back at 280
    expect(c.before(301, 10)).toBe(1);
  });

  it('switches off, answering nothing, rather than keep more steps than its limit', () => {
    const c = new AvailableCount(3);
    c.add(100, 1);
    c.add(200, 1);
    c.add(300, -1); // three steps: the limit
    expect(c.before(250, 10)).toBe(2);
    c.add(300, -1); // merged into the step at 300: still three
    expect(c.before(350, 10)).toBe(0);
    c.add(400, 1); // a fourth: off
    expect(c.on).toBe(false);
    expect(c.before(250, 10)).toBe(-1);
    expect(c.before(1e15, 10)).toBe(-1);
  });
});
