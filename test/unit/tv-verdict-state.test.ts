import { describe, expect, it } from 'vitest';
import { figureClass, longestWaitShown, verdictState } from '../../client/src/lib/tv-verdict-state.ts';

describe('a TV figure against its target', () => {
  it('is met when on target and green, close when within the target but past the amber line, missed past the target', () => {
    expect(verdictState({ status: 'ok', met: true })).toBe('met');
    // An abandon rate of 6% against a 7% limit: within it, but amber from 5.25% (three quarters of it).
    expect(verdictState({ status: 'amber', met: true })).toBe('near');
    expect(verdictState({ status: 'amber', met: false })).toBe('missed');
    expect(verdictState({ status: 'red', met: false })).toBe('missed');
    expect(verdictState({ status: 'none', met: null })).toBe('none');
  });

  it('colours a big figure by the wallboard status, and leaves an unjudged one white rather than grey', () => {
    expect(figureClass({ status: 'ok', met: true })).toBe('ok');
    expect(figureClass({ status: 'red', met: false })).toBe('red');
    expect(figureClass({ status: 'none', met: null })).toBe('');
  });

  it('judges the longest wait on the whole seconds it shows, so "1 min" is never "over 1 min"', () => {
    const now = Date.parse('2026-11-20T09:31:00+08:00');
    const limits = { amber: 60, red: 180 };
    // 60.4 s reads 1 min: at the limit, not over it.
    expect(longestWaitShown(now - 60_400, now, limits)).toEqual({ seconds: 60, status: 'ok' });
    expect(longestWaitShown(now - 61_000, now, limits)).toEqual({ seconds: 61, status: 'amber' });
    expect(longestWaitShown(now - 180_900, now, limits)).toEqual({ seconds: 180, status: 'amber' });
    expect(longestWaitShown(now - 181_000, now, limits)).toEqual({ seconds: 181, status: 'red' });
    // A clock a little behind the newest call: no negative wait.
    expect(longestWaitShown(now + 500, now, limits)).toEqual({ seconds: 0, status: 'ok' });
    expect(longestWaitShown(null, now, limits)).toEqual({ seconds: null, status: 'none' });
    expect(longestWaitShown(now - 61_000, now, null)).toEqual({ seconds: 61, status: 'none' });
  });
});
