import { randomInt } from 'node:crypto';

/** A probe run longer than this is a long one. */
const MAX_PROBE = 64;
/**
 * Long probe runs since the last rebuild that mean the table is being flooded with crafted ids:
 * reseed it. One is not enough: a table of millions of ordinary ids at 60% load makes a run
 * past 64 about once per million adds, and each false reseed rehashed every id (a second's
 * stall at 2.5 million, 20% of the server's time in the ingest load run).
 */
const LONG_RUNS_TO_RESEED = 8;
/**
 * And they must be more than one in this many adds since the last rebuild: ordinary ids made 4
 * to 11 long runs in 6 million adds (one a growth of 2.5 million ids), so 8 of them in a row of
 * growths was a false reseed for one seed in five; a flood makes nearly every add one.
 */
const ADDS_PER_LONG_RUN = 50_000;
/**
 * A single probe run this long reseeds at once, whatever the count: ordinary ids at 60% load
 * never come near it (the longest in 6 million adds was 106), and it bounds how far a flood
 * that began late in a big table's life can grow its cluster before the rate above catches it.
 */
const FLOOD_PROBE = 256;

/** Slots of the old table moved per add while a move empties it, at least. */
const MOVE_STEP = 16;
/** Slots the engine's sweep moves each second of event time, over all tenants (a few ms): 8 million in two minutes without adds. */
export const STEP_SLOTS = 65_536;

/**
 * The event ids of the current and the previous local day, for dedupe: an open-addressing table
 * of (32-bit hash, index) pairs in one typed array, so a probe reads one cache line, with the
 * ids themselves in an array beside it, the previous day's first; a hash match is always
 * confirmed by comparing the strings, so the set is exact. Both days share one table, so an
 * event costs one probe run whichever day its id was seen on, and an insert touches the one
 * random cache line of the probe and the end of the id array.
 *
 * A growth, a new day (which forgets the day before yesterday) or a reseed does not move every
 * id at once: the old table stays beside the new one and a few of its slots move with each add,
 * in slot order, while lookups probe both. Moving them all at once held the event loop for
 * 90 ms at 2.5 million ids on a quiet machine, 470 ms under the ingest load, and a reseed's
 * rehash of 5 million ids 2.3 s (docs/performance.md).
 *
 * Ids come from outside, so the hash is keyed with a secret random seed (ids that collide for
 * one process do not collide for another), and long probe runs (see LONG_RUNS_TO_RESEED and
 * FLOOD_PROBE) move the table to a fresh seed. The seed changes only where ids sit, never what the set holds, so
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
  /** The table being moved into `table`, a few slots per add; null when none is. */
  private from: Int32Array | null = null;
  private fromMask = 0;
  /** The seed `from`'s hashes were made with (a reseed moves ids to a new one). */
  private fromSeed = 0;
  /** The id array `from`'s indexes point into, and the index below which its ids are forgotten (the day before yesterday's). */
  private fromIds: string[] = [];
  private fromDrop = 0;
  /** The next slot of `from` to move. */
  private cursor = 0;
  /** Whether a day has ended (before that there is no previous day, not even an empty one). */
  dayTurned = false;
  /** How many times the table was reseeded because of a long probe run (a flood signal). */
  reseeds = 0;
  /** The longest probe run of the last `add` (slots looked at past the first). */
  lastProbes = 0;
  /** Adds with a probe run longer than MAX_PROBE since the table was last rebuilt, and adds in all since then. */
  private longRuns = 0;
  private adds = 0;

  /** `seed` keys the hash; tests pass one to craft collisions, everyone else gets a random one. */
  constructor(seed = newSeed()) {
    this.seed = seed | 1;
  }

  /** Whether an old table is still being moved into the new one. */
  get moving(): boolean {
    return this.from !== null;
  }

  /** Ids held, of both days. */
  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    const h = hash32(id, this.seed);
    return holds(this.table, this.mask, this.ids, 0, id, h) || this.inFrom(id, h);
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
    if (this.inFrom(id, h)) return false;
    t[2 * i] = h;
    t[2 * i + 1] = this.ids.length;
    this.ids.push(id);
    this.lastProbes = probes;
    if (this.from !== null) this.move();
    this.adds++;
    // Kept at most 60% full (counting ids still in `from`), so probes stay short.
    if (this.ids.length * 5 > this.mask * 3) this.startMove(this.table.length, 0, this.seed);
    else if (probes > FLOOD_PROBE || (probes > MAX_PROBE && ++this.longRuns >= LONG_RUNS_TO_RESEED && this.longRuns * ADDS_PER_LONG_RUN > this.adds)) {
      this.reseeds++;
      // Into a table twice the size when this one is over 30% full, so the move has many adds
      // to spread over before the next growth (near 60% it would have to move nearly at once).
      const size = this.table.length >> 1;
      this.startMove(this.ids.length * 10 > this.mask * 3 ? size * 2 : size, 0, newSeed());
    }
    return true;
  }

  /**
   * Moves about `slots` slots of a table being emptied, if any; returns how many it moved. The
   * engine calls it once a second of event time, so a quiet tenant's move ends too (its old ids
   * are held until it does).
   */
  step(slots: number): number {
    if (this.from === null) return 0;
    const [before, total] = [this.cursor, this.from.length >> 1];
    this.move(slots);
    return (this.from === null ? total : this.cursor) - before;
  }

  /** A new day: the previous day's ids are forgotten and the current day's become the previous. */
  newDay(): void {
    const drop = this.previous;
    this.dayTurned = true;
    this.previous = this.ids.length - drop;
    if (drop > 0) this.startMove(this.table.length >> 1, drop, this.seed);
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

  /** Whether the table being moved holds `id` (of hash `h` with the current seed). */
  private inFrom(id: string, h: number): boolean {
    if (this.from === null) return false;
    return holds(this.from, this.fromMask, this.fromIds, this.fromDrop, id, this.fromSeed === this.seed ? h : hash32(id, this.fromSeed));
  }

  /** Starts moving every id from index `drop` on into a new table of `size` slots hashed with `seed`, indexes less `drop`. */
  private startMove(size: number, drop: number, seed: number): void {
    // A move still under way (a new day or a reseed soon after a growth; `step` makes that
    // rare) is finished first, at once: two old tables are not probed.
    this.finishMove();
    this.from = this.table;
    this.fromMask = this.mask;
    this.fromSeed = this.seed;
    this.fromIds = this.ids;
    this.fromDrop = drop;
    this.cursor = 0;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    this.seed = seed;
    this.longRuns = 0;
    this.adds = 0;
    if (drop > 0) this.ids = this.ids.slice(drop);
  }

  /** Moves the next slots of `from`: enough that it is empty before the table next needs to grow. */
  private move(slots = MOVE_STEP): void {
    const from = this.from!;
    const total = from.length >> 1;
    const addsLeft = Math.max(1, Math.floor((this.mask * 3) / 5) - this.ids.length);
    const end = Math.min(total, this.cursor + Math.max(slots, Math.ceil((total - this.cursor) / addsLeft)));
    const rehash = this.fromSeed !== this.seed;
    for (let j = this.cursor; j < end; j++) {
      const h = from[2 * j];
      const index = from[2 * j + 1];
      if (h === 0 || index < this.fromDrop) continue;
      this.place(rehash ? hash32(this.fromIds[index], this.seed) : h, index - this.fromDrop);
    }
    this.cursor = end;
    if (end === total) {
      this.from = null;
      this.fromIds = [];
    }
  }

  private finishMove(): void {
    if (this.from !== null) this.move(this.from.length);
  }

  /** Puts (hash, index) in the first free slot of its probe run. */
  private place(h: number, index: number): void {
    const t = this.table;
    let i = h & this.mask;
    while (t[2 * i] !== 0) i = (i + 1) & this.mask;
    t[2 * i] = h;
    t[2 * i + 1] = index;
  }
}

/** Whether `table` (indexes into `ids`, those below `drop` forgotten) holds `id` of hash `h`. */
function holds(table: Int32Array, mask: number, ids: string[], drop: number, id: string, h: number): boolean {
  // Empty slots hold hash 0 (no id hashes to 0), so probing reads only the typed array.
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const stored = table[2 * i];
    if (stored === 0) return false;
    if (stored === h && table[2 * i + 1] >= drop && ids[table[2 * i + 1]] === id) return true;
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
