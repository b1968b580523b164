import { describe, expect, it } from 'vitest';
import { PAGES_WAITING_PER_PRINCIPAL, WaitingCounts } from '../../server/realtime/rate-limit.ts';

describe('requests waiting per sign-in', () => {
  it('takes up to the bound for one key, refuses the next, and takes again once one is given back', () => {
    expect(PAGES_WAITING_PER_PRINCIPAL).toBe(50);
    const w = new WaitingCounts(3);
    expect([w.take('a'), w.take('a'), w.take('a'), w.take('a')]).toEqual([true, true, true, false]);
    // Another sign-in has its own 3.
    expect(w.take('b')).toBe(true);
    expect([w.of('a'), w.of('b')]).toEqual([3, 1]);
    w.giveBack('a');
    expect(w.take('a')).toBe(true);
    expect(w.take('a')).toBe(false);
  });

  it('forgets a key with nothing waiting', () => {
    const w = new WaitingCounts(2);
    w.take('a');
    w.giveBack('a');
    expect(w.of('a')).toBe(0);
    // A give-back with nothing counted (never happens: each job gives back what it took) cannot go below 0.
    w.giveBack('a');
    expect(w.of('a')).toBe(0);
    expect([w.take('a'), w.take('a'), w.take('a')]).toEqual([true, true, false]);
  });
});
