/** Shortest substring V8 keeps as a view of its parent (SlicedString::kMinLength); shorter ones are copies. */
const SLICE_MIN = 13;

/**
 * `s` as a string of its own. V8 keeps a substring of 13 or more characters (`split`, `slice`)
 * as a view of its whole parent, so an id a translator cut from a feed's line kept the line
 * alive, and the chunk of the request the line was cut from, for as long as the engine kept the
 * id (a queue or agent: for good): 200 queue_log lines of 100 KB naming new queues and members
 * kept 40 MB. Feed translators pass every text they keep or emit through this.
 */
export function ownString(s: string): string {
  return s.length < SLICE_MIN ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
