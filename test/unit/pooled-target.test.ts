import { describe, expect, it } from 'vitest';
import { pooledTargetValue } from '../../server/domain/tv-targets.ts';

describe('a target pooled over queues (TV tiles and client report totals)', () => {
  it('weighs each target by its calls: 70% on 100 calls and 80% on 300 are 77.5%, call-weighted', () => {
    expect(pooledTargetValue([{ target: 0.7, weight: 100 }, { target: 0.8, weight: 300 }])).toEqual({ value: 0.775, shared: false });
  });

  it("is the busy queue's own target, not call-weighted, when the other queue has no calls", () => {
    expect(pooledTargetValue([{ target: 0.8, weight: 120 }, { target: 0.9, weight: 0 }])).toEqual({ value: 0.8, shared: true });
  });

  it('before any call, is the plain mean of differing targets, and says they differ', () => {
    expect(pooledTargetValue([{ target: 0.8, weight: 0 }, { target: 0.9, weight: 0 }])).toEqual({ value: 0.85, shared: false });
    expect(pooledTargetValue([{ target: 20, weight: 0 }, { target: 20, weight: 0 }])).toEqual({ value: 20, shared: true });
  });
});
