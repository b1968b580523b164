import { describe, expect, it } from 'vitest';
import { WaitingCounts } from '../../server/realtime/rate-limit.ts';
import { DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL, loadConfig } from '../../server/config/config.ts';

describe('requests waiting per sign-in', () => {
  it('takes up to the bound for one key, refuses the next, and takes again once one is given back', () => {
    expect(DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL).toBe(50);
    // MAX_PAGES_WAITING_PER_PRINCIPAL sets it (a load test of a thousand screens on one token raises it).
    expect(loadConfig({ MAX_PAGES_WAITING_PER_PRINCIPAL: '5000' }, '/nonexistent').maxPagesWaitingPerPrincipal).toBe(5000);
    expect(loadConfig({}, '/nonexistent').maxPagesWaitingPerPrincipal).toBe(50);
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

  it('bounds every key together by the total, refusing by the key first, and gives a place back once', () => {
    const w = new WaitingCounts(2, 3);
    expect([w.refusal('a'), w.refusal('a'), w.refusal('a')]).toEqual([null, null, 'key']);
    // b has room of its own (1 of 2) and the total has 1 left of 3.
    expect([w.refusal('b'), w.refusal('b'), w.refusal('c')]).toEqual([null, 'total', 'total']);
    expect([w.count, w.of('a'), w.of('b'), w.of('c')]).toEqual([3, 2, 1, 0]);
    // A key at its own bound is told so even when the total is full too.
    expect(w.refusal('a')).toBe('key');
    w.giveBack('a');
    // A give-back of a key with nothing counted frees nothing of the total.
    w.giveBack('c');
    expect(w.count).toBe(2);
    expect([w.take('c'), w.take('c')]).toEqual([true, false]);
  });
});
