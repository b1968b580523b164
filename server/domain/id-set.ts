import { randomInt } from 'node:crypto';

/** A probe run this long means the table is being flooded with crafted ids: reseed it. */
const MAX_PROBE = 64;

/**
 * A set of event ids for dedupe, built for a day's worth of ids: an open-addressing table of
 * (32-bit hash, index) pairs in one typed array, so a probe reads one cache line, with the ids
 * themselves in insertion order beside it; a hash match is always confirmed by comparing the
 * strings, so the set is exact. An insert writes the pair and appends the id: two writes to
 * memory already at hand, where a table of ids would touch a second random slot.
 *
 * Ids come from outside, so the hash is keyed with a secret random seed (ids that collide for
 * one process do not collide for another), and a probe run longer than MAX_PROBE rehashes the
 * table with a fresh seed. The seed changes only where ids sit, never what the set holds, so
 * the engine's results stay a pure function of its events.
 */
export class IdSet {
  /** Slot k holds the hash at 2k (0: empty) and the index into `ids` at 2k + 1. */
  private table = new Int32Array(128);
  private ids: string[] = [];
  private mask = 63;
  private seed: number;
  /** How many times the table was reseeded because of a long probe run (a flood signal). */
  reseeds = 0;
  /** The longest probe run of the last `add` (slots looked at past the first). */
  lastProbes = 0;

  /** `seed` keys the hash; tests pass one to craft collisions, everyone else gets a random one. */
  constructor(seed = newSeed()) {
    this.seed = seed | 1;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The key of this set's hash, for a set that should share it (`addUnlessIn`). */
  get hashSeed(): number {
    return this.seed;
  }

  has(id: string): boolean {
    return this.find(id, hash32(id, this.seed)) >= 0;
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    return this.insert(id, hash32(id, this.seed));
  }

  /**
   * Adds `id` unless `other` (the previous day's ids) or this set holds it; false when either
   * did. With the same seed the id is hashed once for both tables.
   */
  addUnlessIn(other: IdSet | null, id: string): boolean {
    const h = hash32(id, this.seed);
    if (other !== null && other.find(id, other.seed === this.seed ? h : hash32(id, other.seed)) >= 0) return false;
    return this.insert(id, h);
  }

  /** Every id in the set (in table order). */
  *values(): IterableIterator<string> {
    const t = this.table;
    for (let j = 0; j < t.length; j += 2) if (t[j] !== 0) yield this.ids[t[j + 1]];
  }

  /** The slot holding `id` of hash `h`, or -1. */
  private find(id: string, h: number): number {
    const t = this.table;
    // Empty slots hold hash 0 (no id hashes to 0), so probing reads only the typed array.
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const stored = t[2 * i];
      if (stored === 0) return -1;
      if (stored === h && this.ids[t[2 * i + 1]] === id) return i;
    }
  }

  private insert(id: string, h: number): boolean {
    const t = this.table;
    let i = h & this.mask;
    let probes = 0;
    for (; ; i = (i + 1) & this.mask, probes++) {
      const stored = t[2 * i];
      if (stored === 0) break;
      if (stored === h && this.ids[t[2 * i + 1]] === id) return false;
    }
    t[2 * i] = h;
    t[2 * i + 1] = this.ids.length;
    this.ids.push(id);
    this.lastProbes = probes;
    // Kept at most 60% full, so probes stay short.
    if (this.ids.length * 5 > this.mask * 3) this.rebuild((this.mask + 1) * 2, this.seed);
    else if (probes > MAX_PROBE) {
      this.reseeds++;
      this.rebuild(this.mask + 1, newSeed());
    }
    return true;
  }

  /** Moves every id into a table of `size` slots hashed with `seed`. */
  private rebuild(size: number, seed: number): void {
    const old = this.table;
    const t = (this.table = new Int32Array(2 * size));
    this.mask = size - 1;
    const rehash = seed !== this.seed;
    this.seed = seed;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0) continue;
      const index = old[j + 1];
      const h = rehash ? hash32(this.ids[index], seed) : old[j];
      let i = h & this.mask;
      while (t[2 * i] !== 0) i = (i + 1) & this.mask;
      t[2 * i] = h;
      t[2 * i + 1] = index;
    }
  }
}

function newSeed(): number {
  return randomInt(0x7fffffff) | 1;
}

/** FNV-1a over UTF-16 code units keyed by `seed`, with a keyed murmur3 finalizer; non-zero. */
export function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= seed >>> 7;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h || 1;
}
