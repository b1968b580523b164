import { describe, expect, it } from 'vitest';
import { hash32, IdSet } from '../../server/domain/id-set.ts';
import { rng } from '../helpers/rng.ts';

/**
 * The dedupe set against a model of two plain Sets (yesterday's and today's ids) through random
 * adds, re-adds, lookups, new days, steps and floods of crafted ids, so growths, new days and
 * reseeds land in the middle of each other's moves.
 */
describe('IdSet against a model, moves overlapping', () => {
  it('answers every add and lookup as the model does, and lists the same ids, in 40 seeded runs', { timeout: 120_000 }, () => {
    let reseeds = 0;
    let daysMidMove = 0;
    for (let run = 0; run < 40; run++) {
      const seed = 2 * run + 101;
      const random = rng(run);
      const set = new IdSet(seed);
      let before = new Set<string>();
      let today = new Set<string>();
      const all = () => [...before, ...today];
      // Ids whose hashes share their low 12 bits: one cluster in every table up to 4,096 slots.
      const crafted: string[] = [];
      for (let i = 0; crafted.length < 150; i++) if ((hash32(`x${run}-${i}`, seed) & 0xfff) === 0) crafted.push(`x${run}-${i}`);
      let fresh = 0;
      let nextCrafted = 0;
      for (let op = 0; op < 6000; op++) {
        const r = random();
        if (r < 0.55) {
          const id = `o${run}-${fresh++}`;
          expect(set.add(id)).toBe(true);
          today.add(id);
        } else if (r < 0.65 && before.size + today.size > 0) {
          const known = all();
          expect(set.add(known[Math.floor(random() * known.length)])).toBe(false);
        } else if (r < 0.75) {
          const id = random() < 0.5 && fresh > 0 ? `o${run}-${Math.floor(random() * fresh * 1.2)}` : `never-${op}`;
          expect(set.has(id)).toBe(before.has(id) || today.has(id));
        } else if (r < 0.9) {
          // A burst of crafted ids: the flood that makes a reseed.
          for (let k = 0; k < 12 && nextCrafted < crafted.length; k++) {
            const id = crafted[nextCrafted++];
            expect(set.add(id)).toBe(!before.has(id) && !today.has(id));
            today.add(id);
          }
        } else if (r < 0.97) {
          set.step(4096);
        } else {
          if (set.moving) daysMidMove++;
          set.newDay();
          [before, today] = [today, new Set<string>()];
        }
      }
      expect(new Set(set.previousValues())).toEqual(before);
      expect(new Set(set.currentValues())).toEqual(today);
      expect(set.size).toBe(before.size + today.size);
      for (const id of crafted.slice(0, nextCrafted)) expect(set.has(id)).toBe(before.has(id) || today.has(id));
      reseeds += set.reseeds;
    }
    // The runs did what they are for: floods that reseeded, and days that turned during a move.
    expect(reseeds).toBeGreaterThan(20);
    expect(daysMidMove).toBeGreaterThan(20);
  });
});
