import { describe, expect, it } from 'vitest';
import { IdSet } from '../../server/domain/id-set.ts';

describe('IdSet (event ids for dedupe)', () => {
  it('adds each id once and finds it again, through many growths', () => {
    const s = new IdSet();
    for (let i = 0; i < 50_000; i++) expect(s.add(`sim42:call-${i}:queued`)).toBe(true);
    expect(s.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(s.add(`sim42:call-${i}:queued`)).toBe(false);
    expect(s.has('sim42:call-49999:queued')).toBe(true);
    expect(s.has('sim42:call-50000:queued')).toBe(false);
    expect(s.size).toBe(50_000);
  });

  it('tells apart ids whose hashes collide by comparing the ids', () => {
    // 'Aa' and 'BB' share Java's hash; here any 32-bit collision falls back to the string test.
    const s = new IdSet();
    const ids = Array.from({ length: 200_000 }, (_, i) => `e${i}`);
    for (const id of ids) s.add(id);
    expect(ids.every((id) => s.has(id))).toBe(true);
    expect(s.has('e200000')).toBe(false);
    expect(s.has('')).toBe(false);
  });

  it('addUnlessIn refuses ids of the other set, hashing once when the seeds agree and twice when not', () => {
    for (const sameSeed of [true, false]) {
      const yesterday = new IdSet(99);
      for (let i = 0; i < 5_000; i++) yesterday.add(`y${i}`);
      const today = new IdSet(sameSeed ? yesterday.hashSeed : 1234);
      expect(today.hashSeed === yesterday.hashSeed).toBe(sameSeed);
      let added = 0;
      for (let i = 0; i < 10_000; i += 2) if (today.addUnlessIn(yesterday, `y${i}`)) added++;
      // Ids below 5,000 were seen yesterday (2,500 of the even ones); the other 2,500 are new.
      expect(added).toBe(2_500);
      expect(today.size).toBe(2_500);
      expect(today.addUnlessIn(yesterday, 'y9998')).toBe(false);
      expect(today.addUnlessIn(null, 'y1')).toBe(true);
      expect(today.has('y1')).toBe(true);
      expect(today.has('y2')).toBe(false);
      expect([...today.values()].length).toBe(2_501);
    }
  });
});
