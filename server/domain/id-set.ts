import { randomInt } from 'node:crypto';

/** A probe run longer than this is a long one. */
const MAX_PROBE = 64;
/**
 * Long probe runs since the last rebuild that mean the table is being flooded with crafted ids:
 * reseed it. One is not enough: a table of millions of ordinary ids at 60% load makes a run
 * past 64 about once per million adds, and each false reseed rehashed every id (a second's
 * stall at 2.5 million, 20% of the server's time in the ingest load run). A flood makes every
 * add a long run, so it is caught a few adds later all the same.
 */
const LONG_RUNS_TO_RESEED = 8;

/**
 * The event ids of the current and the previous local day, for dedupe: an open-addressing table
 * of (32-bit hash, index) pairs in one typed array, so a probe reads one cache line, with the
 * ids themselves in an array beside it, the previous day's first; a hash match is always
 * confirmed by comparing the strings, so the set is exact. Both days share one table, so an
 * event costs one probe run whichever day its id was seen on, and an insert touches the one
 * random cache line of the probe and the end of the id array.
 *
 * Ids come from outside, so the hash is keyed with a secret random seed (ids that collide for
 * one process do not collide for another), and a probe run longer than MAX_PROBE rehashes the
 * table with a fresh seed. The seed changes only where ids sit, never what the set holds, so
 * the engine's results stay a pure function of its events.
 */
export class IdSet {
  /** Slot k holds the hash at 2k (0: empty) and the index into `ids` at 2k + 1. */
  private table = new Int32Array(128);
  /** ids[0, previous) are the previous day's, the rest the current day's, each in insertion order. */
  private ids: string[] = [];
  private previous = 0;
  private mask = 63;
  private seed: number;
  /** Whether a day has ended (before that there is no previous day, not even an empty one). */
  dayTurned = false;
  /** How many times the table was reseeded because of a long probe run (a flood signal). */
  reseeds = 0;
  /** The longest probe run of the last `add` (slots looked at past the first). */
  lastProbes = 0;
  /** Adds with a probe run longer than MAX_PROBE since the table was last rebuilt. */
  private longRuns = 0;

  /** `seed` keys the hash; tests pass one to craft collisions, everyone else gets a random one. */
  constructor(seed = newSeed()) {
    this.seed = seed | 1;
  }

  /** Ids held, of both days. */
  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    const h = hash32(id, this.seed);
    const t = this.table;
    // Empty slots hold hash 0 (no id hashes to 0), so probing reads only the typed array.
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const stored = t[2 * i];
      if (stored === 0) return false;
      if (stored === h && this.ids[t[2 * i + 1]] === id) return true;
    }
  }

  /** Adds `id` to the current day; false when either day already holds it. */
  add(id: string): boolean {
    const h = hash32(id, this.seed);
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
    if (this.ids.length * 5 > this.mask * 3) this.rebuild((this.mask + 1) * 2, this.seed, 0);
    else if (probes > MAX_PROBE && ++this.longRuns >= LONG_RUNS_TO_RESEED) {
      this.reseeds++;
      this.rebuild(this.mask + 1, newSeed(), 0);
    }
    return true;
  }

  /** A new day: the previous day's ids are forgotten and the current day's become the previous. */
  newDay(): void {
    const drop = this.previous;
    this.dayTurned = true;
    this.previous = this.ids.length - drop;
    this.rebuild(this.mask + 1, this.seed, drop);
    this.ids = drop > 0 ? this.ids.slice(drop) : this.ids;
  }

  /** Every id of both days, the previous day's first, each day in insertion order (a copy). */
  values(): string[] {
    return this.ids.slice();
  }

  /**
   * The current day's ids in insertion order (a copy). A slice of the array beside the table,
   * not a walk of the table: a snapshot of 2.4 million ids spent 42% of its capture walking it.
   */
  currentValues(): string[] {
    return this.ids.slice(this.previous);
  }

  /** The previous day's ids in insertion order (a copy). */
  previousValues(): string[] {
    return this.ids.slice(0, this.previous);
  }

  /** Moves every id from index `drop` on into a table of `size` slots hashed with `seed`, indexes less `drop`. */
  private rebuild(size: number, seed: number, drop: number): void {
    const old = this.table;
    const t = (this.table = new Int32Array(2 * size));
    this.longRuns = 0;
    this.mask = size - 1;
    const rehash = seed !== this.seed;
    this.seed = seed;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0 || old[j + 1] < drop) continue;
      const index = old[j + 1];
      const h = rehash ? hash32(this.ids[index], seed) : old[j];
      let i = h & this.mask;
      while (t[2 * i] !== 0) i = (i + 1) & this.mask;
      t[2 * i] = h;
      t[2 * i + 1] = index - drop;
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
