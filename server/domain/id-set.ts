import { randomInt } from 'node:crypto';

/** A probe run this long means the table is being flooded with crafted ids: reseed it. */
const MAX_PROBE = 64;

/**
 * A set of event ids for dedupe, built for a day's worth of ids: an open-addressing table of
 * 32-bit hashes in a typed array (probes stay in one cache-friendly block of memory), with the
 * ids themselves beside it so a hash match is always confirmed by comparing the strings.
 *
 * Ids come from outside, so the hash is keyed with a secret random seed (ids that collide for
 * one process do not collide for another), and a probe run longer than MAX_PROBE rehashes the
 * table with a fresh seed. The seed changes only where ids sit, never what the set holds, so
 * the engine's results stay a pure function of its events.
 */
export class IdSet {
  private hashes = new Int32Array(64);
  private ids: (string | undefined)[] = new Array(64);
  private mask = 63;
  private count = 0;
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
    return this.count;
  }

  has(id: string): boolean {
    const h = hash32(id, this.seed);
    // Empty slots hold hash 0 (no id hashes to 0), so probing reads only the typed array.
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const stored = this.hashes[i];
      if (stored === 0) return false;
      if (stored === h && this.ids[i] === id) return true;
    }
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const h = hash32(id, this.seed);
    let i = h & this.mask;
    let probes = 0;
    for (; ; i = (i + 1) & this.mask, probes++) {
      const stored = this.hashes[i];
      if (stored === 0) break;
      if (stored === h && this.ids[i] === id) return false;
    }
    this.hashes[i] = h;
    this.ids[i] = id;
    this.lastProbes = probes;
    // Kept at most 60% full, so probes stay short.
    if (++this.count * 5 > this.mask * 3) this.rebuild((this.mask + 1) * 2, this.seed);
    else if (probes > MAX_PROBE) {
      this.reseeds++;
      this.rebuild(this.mask + 1, newSeed());
    }
    return true;
  }

  /** Every id in the set (in table order). */
  *values(): IterableIterator<string> {
    for (let j = 0; j < this.ids.length; j++) if (this.hashes[j] !== 0) yield this.ids[j]!;
  }

  /** Moves every id into a table of `size` slots hashed with `seed`. */
  private rebuild(size: number, seed: number): void {
    const oldIds = this.ids;
    const oldHashes = this.hashes;
    this.hashes = new Int32Array(size);
    this.ids = new Array(size);
    this.mask = size - 1;
    const rehash = seed !== this.seed;
    this.seed = seed;
    for (let j = 0; j < oldHashes.length; j++) {
      if (oldHashes[j] === 0) continue;
      const id = oldIds[j]!;
      const h = rehash ? hash32(id, seed) : oldHashes[j];
      let i = h & this.mask;
      while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.ids[i] = id;
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
