import { describe, expect, it } from 'vitest';
import { EpochCache } from '../../server/realtime/epoch-cache.ts';

describe('EpochCache', () => {
  it('builds a key once per epoch and again after advance', () => {
    const c = new EpochCache<{ n: number }>(10);
    let n = 0;
    const build = () => ({ n: ++n });
    const first = c.get('scope-a', build);
    expect(c.get('scope-a', build)).toBe(first); // same object: a storm of the same scope costs one build
    c.get('scope-b', build);
    expect(c.builds).toBe(2);
    c.advance();
    expect(c.get('scope-a', build)).toEqual({ n: 3 });
    expect(c.builds).toBe(3);
  });

  it('serves but does not keep values past its cap', () => {
    const c = new EpochCache<number>(1);
    c.get('a', () => 1);
    c.get('b', () => 2);
    c.get('b', () => 2);
    // 'a' is kept (1 build), 'b' is over the cap and built on each of its 2 uses: 3 builds.
    expect(c.builds).toBe(3);
  });

  it('keeps values only while their weight in all stays within its ceiling, and counts again from an empty epoch', () => {
    // Weights are the strings' lengths; a ceiling of 10: "abcdef" (6) and "ghi" (3) fit (9), "jk" (2) would make 11.
    const c = new EpochCache<string>(100, { weigh: (v) => v.length, maxWeight: 10 });
    for (const [k, v] of [['x', 'abcdef'], ['y', 'ghi'], ['z', 'jk']]) c.get(k, () => v);
    expect([c.peek('x'), c.peek('y'), c.peek('z')]).toEqual(['abcdef', 'ghi', undefined]);
    // Served all the same, built again on its next use.
    expect(c.get('z', () => 'jk')).toBe('jk');
    expect(c.builds).toBe(4);
    c.advance();
    c.get('z', () => 'jk');
    c.get('w', () => 'lmnopqrs');
    // 2 + 8 = 10: both kept in the new epoch.
    expect([c.peek('z'), c.peek('w')]).toEqual(['jk', 'lmnopqrs']);
  });
});

