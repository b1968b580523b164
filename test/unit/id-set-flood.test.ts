import { describe, expect, it } from 'vitest';
import { hash32, IdSet } from '../../server/domain/id-set.ts';

describe('dedupe ids under a hash flood', () => {
  it('breaks up a crafted cluster by reseeding, so probes stay short', () => {
    const seed = 12345;
    const set = new IdSet(seed);
    // Fill to a 2^17-slot table (grows past 60% of 65,536), with ordinary ids.
    for (let i = 0; i < 50_000; i++) set.add(`ordinary-${i}`);
    const mask = (1 << 17) - 1;
    // An attacker who knew the seed would pick ids whose slots all fall in [0, 200): one long run.
    const crafted: string[] = [];
    for (let i = 0; crafted.length < 300; i++) {
      const id = `crafted-${i}`;
      if ((hash32(id, seed | 1) & mask) < 200) crafted.push(id);
    }
    let total = 0;
    let long = 0;
    for (const id of crafted) {
      expect(set.add(id)).toBe(true);
      total += set.lastProbes;
      if (set.lastProbes > 64) long++;
    }
    expect(set.reseeds).toBeGreaterThan(0);
    // Without reseeding the k-th crafted id probes at least k slots: 1 + 2 + ... + 300 = 45,150 in all.
    // With it, the eighth long run triggers the reseed and the rest land in ordinary places:
    // the first ~64 crafted ids cost at most 1 + ... + 64 = 2,080 probes and the 8 long ones about 8 × 72.
    expect(long).toBe(8);
    expect(total).toBeLessThan(5_000);
    for (const id of crafted) expect(set.has(id)).toBe(true);
    expect(set.has('crafted-not-added')).toBe(false);
    expect(set.size).toBe(50_300);
  });

  it('does not take the rare long run of a big table of ordinary ids for a flood', () => {
    // With this seed, the 610,182nd of these ids (ingest-like: sender, batch, line) probes past 64
    // slots; a reseed there rehashed all 610,000 ids, and one at 2.5 million stalled a second.
    const set = new IdSet(777);
    let long = 0;
    for (let it = 0; it < 700; it++) {
      for (let i = 0; i < 1000; i++) {
        set.add(`k6-${it % 8}-${it}-${i}:q`);
        if (set.lastProbes > 64) long++;
      }
    }
    expect(long).toBeGreaterThanOrEqual(1);
    expect(set.reseeds).toBe(0);
    expect(set.size).toBe(700_000);
  });

  it('hashes the same id differently for different seeds', () => {
    expect(hash32('call-1', 3)).not.toBe(hash32('call-1', 5));
  });
});

describe('long runs spread over a big table are not a flood', () => {
  it('does not reseed for eight long runs in 2.5 million adds of ordinary ids', { timeout: 60_000 }, () => {
    // With seed 11, 6 million ingest-like ids make 8 long runs between the growths at 2,516,582
    // and 5,033,165 ids: the old rule (8 since the last rebuild) reseeded there and rehashed
    // 4.9 million ids at once (2.3 s). One in 50,000 adds is far more than that.
    const set = new IdSet(11);
    let slots = 64;
    let inGrowth = 0;
    let most = 0;
    for (let i = 0; i < 6_000_000; i++) {
      set.add(`k6-${i % 8}-${(i / 1000) | 0}-${i % 1000}:queued`);
      if (set.size * 5 > (slots - 1) * 3) [slots, inGrowth] = [slots * 2, 0];
      if (set.lastProbes > 64) most = Math.max(most, ++inGrowth);
    }
    expect(most).toBe(8);
    expect(set.reseeds).toBe(0);
    expect(set.size).toBe(6_000_000);
  });
});

/** A maker of ids whose slot in a 1,024-slot table hashed with `seed` passes `fits` (each id new). */
const crafter = (seed: number) => {
  let n = 0;
  return (fits: (slot: number) => boolean) => {
    for (;;) {
      const id = `k${n++}`;
      if (fits(hash32(id, seed) & 1023)) return id;
    }
  };
};

describe('a single very long probe run', () => {
  it('reseeds at once, before eight long runs add up', () => {
    const seed = 77;
    const set = new IdSet(seed);
    const craft = crafter(seed);
    // 307 ids that sit in the upper half of a 1,024-slot table: the table grows to 1,024 slots at the 307th.
    const ids = Array.from({ length: 307 }, () => craft((slot) => slot >= 512));
    // Then one id for each slot 0-299, each landing in its own slot: a run of 300 with no long probe.
    for (let j = 0; j < 300; j++) ids.push(craft((slot) => slot === j));
    for (const id of ids) expect(set.add(id)).toBe(true);
    expect(set.reseeds).toBe(0);
    // One more for slot 0 probes the whole run, 300 slots past the first: past 256, a reseed at once.
    const deep = craft((slot) => slot === 0);
    expect(set.add(deep)).toBe(true);
    expect([set.lastProbes, set.reseeds]).toEqual([300, 1]);
    for (const id of [...ids, deep]) expect(set.has(id)).toBe(true);
    expect(set.size).toBe(608);
  });
});

describe('the table a reseed moves into', () => {
  /** Adds ordinary ids until the table starts a move (a growth); returns how many the set then holds. */
  const sizeAtNextGrowth = (set: IdSet) => {
    set.step(1e9);
    for (let i = 0; !set.moving; i++) set.add(`ordinary-${i}`);
    return set.size;
  };

  it('keeps the size when the table is 30% full or less, and doubles it above', () => {
    // 400 ids grow the table to 1,024 slots; two new days forget them all: an empty 1,024-slot table.
    const seed = 77;
    const quiet = new IdSet(seed);
    for (let i = 0; i < 400; i++) quiet.add(`old-${i}`);
    quiet.newDay();
    quiet.newDay();
    expect(quiet.size).toBe(0);
    const craft = crafter(seed);
    // One id per slot 0-299 and one more for slot 0: a run past 256 with 301 ids, 29% of 1,024.
    for (let j = 0; j < 300; j++) quiet.add(craft((slot) => slot === j));
    quiet.add(craft((slot) => slot === 0));
    expect(quiet.reseeds).toBe(1);
    // Still 1,024 slots: the next growth comes when 60% of 1,023 is passed, at the 614th id.
    expect(sizeAtNextGrowth(quiet)).toBe(614);

    // The same flood in a table 59% full (the test above): 2,048 slots after it, so the next growth is at 1,229 ids.
    const busy = new IdSet(seed);
    const craftBusy = crafter(seed);
    for (let i = 0; i < 307; i++) busy.add(craftBusy((slot) => slot >= 512));
    for (let j = 0; j < 300; j++) busy.add(craftBusy((slot) => slot === j));
    busy.add(craftBusy((slot) => slot === 0));
    expect(busy.reseeds).toBe(1);
    expect(sizeAtNextGrowth(busy)).toBe(1229);
  });
});
