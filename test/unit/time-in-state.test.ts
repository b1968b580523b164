import { describe, expect, it } from 'vitest';
import { timeInStateStatus } from '../../client/src/lib/time-in-state.ts';

describe('agent board time-in-state colours', () => {
  it('flags a contact at twice and three times the queue AHT', () => {
    expect(timeInStateStatus('talking', null, 599, 300)).toBe('ok');
    expect(timeInStateStatus('talking', null, 601, 300)).toBe('amber');
    expect(timeInStateStatus('hold', null, 901, 300)).toBe('red');
  });

  it('uses break and lunch lengths for those aux codes', () => {
    expect(timeInStateStatus('aux', 'break', 16 * 60, null)).toBe('amber');
    expect(timeInStateStatus('aux', 'lunch', 50 * 60, null)).toBe('ok');
    expect(timeInStateStatus('aux', 'personal', 21 * 60, null)).toBe('red');
  });

  it('never flags available or offline', () => {
    expect(timeInStateStatus('available', null, 99_999, 300)).toBe('ok');
    expect(timeInStateStatus('offline', null, 99_999, 300)).toBe('ok');
  });
});
