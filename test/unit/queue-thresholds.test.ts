import { describe, expect, it } from 'vitest';
import { defaultThresholds, makeQueueConfig } from '../../server/domain/queue-config.ts';
import { statusHigherBetter, statusLowerBetter } from '../../server/protocol/status.ts';

describe('thresholds that follow from the targets', () => {
  it('are the decimal figures the rule gives: red ten points under an 80% target is 70%, amber at 3/4 of a 7% abandon target is 5.25%', () => {
    const t = defaultThresholds(makeQueueConfig('q1', 'acme'));
    expect(t.serviceLevel).toEqual({ amber: 0.8, red: 0.7 });
    expect(t.abandonRate).toEqual({ amber: 0.0525, red: 0.07 });
  });

  it('colour a service level of exactly 70% (7 of 10 in threshold) amber, not red, against an 80% target', () => {
    const t = defaultThresholds(makeQueueConfig('q1', 'acme'));
    expect(statusHigherBetter(7 / 10, t.serviceLevel)).toBe('amber');
    expect(statusHigherBetter(69 / 100, t.serviceLevel)).toBe('red');
    expect(statusHigherBetter(8 / 10, t.serviceLevel)).toBe('ok');
  });

  it('leave an abandon rate of exactly 3/4 of target (21 of 400 = 5.25%) ok, and just above it amber', () => {
    const t = defaultThresholds(makeQueueConfig('q1', 'acme'));
    expect(statusLowerBetter(21 / 400, t.abandonRate)).toBe('ok');
    expect(statusLowerBetter(22 / 400, t.abandonRate)).toBe('amber');
    expect(statusLowerBetter(29 / 400, t.abandonRate)).toBe('red');
  });
});
