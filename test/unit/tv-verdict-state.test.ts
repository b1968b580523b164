import { describe, expect, it } from 'vitest';
import { figureClass, verdictState } from '../../client/src/lib/tv-verdict-state.ts';

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
});
