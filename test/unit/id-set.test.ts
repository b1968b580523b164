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

  it('remembers the current and the previous day: a new day forgets the day before yesterday', () => {
    // Small tables and a reseed on the way, so the day boundary survives growth and rehashing.
    const s = new IdSet(5);
    expect(s.dayTurned).toBe(false);
    for (let i = 0; i < 3_000; i++) s.add(`d1-${i}`);
    s.newDay();
    expect(s.dayTurned).toBe(true);
    // Day 2: day 1's ids are duplicates, new ids are added to the current day.
    let added = 0;
    for (let i = 0; i < 3_000; i++) if (s.add(`d1-${i}`)) added++;
    for (let i = 0; i < 2_000; i++) if (s.add(`d2-${i}`)) added++;
    expect(added).toBe(2_000);
    expect(s.size).toBe(3_000 + 2_000);
    expect(new Set(s.previousValues())).toEqual(new Set(Array.from({ length: 3_000 }, (_, i) => `d1-${i}`)));
    expect(new Set(s.currentValues())).toEqual(new Set(Array.from({ length: 2_000 }, (_, i) => `d2-${i}`)));
    s.newDay();
    // Day 3: day 1 is forgotten (its ids are new again), day 2 is the previous day.
    expect(s.has('d1-0')).toBe(false);
    expect(s.add('d2-1999')).toBe(false);
    expect(s.add('d1-0')).toBe(true);
    expect(s.size).toBe(2_001);
    expect([...s.previousValues()].length).toBe(2_000);
    expect([...s.currentValues()]).toEqual(['d1-0']);
    expect([...s.values()].length).toBe(2_001);
  });

  it('finds every id at every add while a growth moves the old table a few slots at a time', () => {
    const s = new IdSet(9);
    const id = (i: number) => `c${i}:answered`;
    for (let i = 0; i < 20_000; i++) {
      expect(s.add(id(i))).toBe(true);
      // The newest, one half-way back and the first: wherever the move has got to.
      expect([s.has(id(i)), s.has(id(i >> 1)), s.has(id(0)), s.add(id((i * 7) % (i + 1))), s.has(id(i + 1))]).toEqual([true, true, true, false, false]);
    }
    expect(s.size).toBe(20_000);
    for (let i = 0; i < 20_000; i++) expect(s.has(id(i))).toBe(true);
  });

  it('turns the day at any point of a move: the previous day stays, the day before is forgotten', () => {
    // 38 ids fill the first table (64 slots) past 60%, and each doubling after starts a move:
    // turning the day after k ids for every k up to 400 lands in every stage of some move.
    for (let k = 1; k <= 400; k += 3) {
      const s = new IdSet(7);
      for (let i = 0; i < k; i++) s.add(`a${i}`);
      s.newDay();
      for (let i = 0; i < k; i++) {
        expect(s.add(`b${i}`)).toBe(true);
        expect(s.add(`a${(i * 5) % k}`)).toBe(false);
      }
      s.newDay();
      // Day a is forgotten, day b is the previous day, and the new day holds what comes now.
      expect([s.has(`a${k - 1}`), s.has('a0'), s.has(`b${k - 1}`), s.has('b0')]).toEqual([false, false, true, true]);
      expect(s.add('a0')).toBe(true);
      expect(s.add(`b${k >> 1}`)).toBe(false);
      expect([s.size, s.previousValues().length, s.currentValues()]).toEqual([k + 1, k, ['a0']]);
    }
  });
});
