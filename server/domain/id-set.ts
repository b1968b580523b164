/**
 * A set of event ids for dedupe, built for a day's worth of ids: an open-addressing table of
 * 32-bit hashes in a typed array (probes stay in one cache-friendly block of memory), with the
 * ids themselves beside it so a hash match is always confirmed by comparing the strings.
 */
export class IdSet {
  private hashes = new Int32Array(64);
  private ids: (string | undefined)[] = new Array(64);
  private mask = 63;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    const h = hash32(id);
    // Empty slots hold hash 0 (no id hashes to 0), so probing reads only the typed array.
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const stored = this.hashes[i];
      if (stored === 0) return false;
      if (stored === h && this.ids[i] === id) return true;
    }
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const h = hash32(id);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const stored = this.hashes[i];
      if (stored === 0) break;
      if (stored === h && this.ids[i] === id) return false;
    }
    this.hashes[i] = h;
    this.ids[i] = id;
    // Kept at most 60% full, so probes stay short.
    if (++this.count * 5 > this.mask * 3) this.grow();
    return true;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldIds = this.ids;
    const size = (this.mask + 1) * 2;
    this.hashes = new Int32Array(size);
    this.ids = new Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldHashes.length; j++) {
      const h = oldHashes[j];
      if (h === 0) continue;
      let i = h & this.mask;
      while (this.hashes[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.ids[i] = oldIds[j];
    }
  }
}

/** FNV-1a over UTF-16 code units with a final avalanche, as a non-zero signed 32-bit integer. */
function hash32(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h || 1;
}
