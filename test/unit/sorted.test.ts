import { describe, expect, it } from 'vitest';
import { dropFirst, insertAt, insertSorted, lowerBound, removeAt, removeSorted, upperBound } from '../../server/domain/sorted.ts';
import { Random } from '../../simulator/random.ts';

describe('sorted arrays (domain/sorted.ts)', () => {
  it('drops a prefix in place as splice(0, k) does', () => {
    const a = [1, 2, 3, 4];
    dropFirst(a, 0);
    expect(a).toEqual([1, 2, 3, 4]);
    dropFirst(a, 3);
    expect(a).toEqual([4]);
    dropFirst(a, 1);
    expect(a).toEqual([]);
  });

  it('inserts and removes at an index as splice does', () => {
    const rnd = new Random(3);
    const a: number[] = [];
    const b: number[] = [];
    for (let step = 0; step < 2_000; step++) {
      if (a.length === 0 || rnd.chance(0.6)) {
        const i = Math.floor(rnd.next() * (a.length + 1));
        insertAt(a, i, step);
        b.splice(i, 0, step);
      } else {
        const i = Math.floor(rnd.next() * a.length);
        removeAt(a, i);
        b.splice(i, 1);
      }
      expect(a).toEqual(b);
    }
  });

  it('keeps an array ascending through inserts and removals of repeated values', () => {
    const a: number[] = [];
    for (const x of [5, 1, 5, 3, 9, 1]) insertSorted(a, x);
    expect(a).toEqual([1, 1, 3, 5, 5, 9]);
    removeSorted(a, 5);
    removeSorted(a, 4); // not held: nothing happens
    expect(a).toEqual([1, 1, 3, 5, 9]);
    // [1, 1, 3, 5, 9]: first index at or after 1 is 0, first later than 1 is 2.
    expect([lowerBound(a, 1), upperBound(a, 1), lowerBound(a, 4), upperBound(a, 9), lowerBound(a, 0)]).toEqual([0, 2, 3, 5, 0]);
  });
});
