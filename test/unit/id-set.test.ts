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
});
