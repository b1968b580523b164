/**
 * `JSON.stringify` in slices: the same text, built over as many turns of the event loop as it
 * takes, each holding the loop for about `budgetMs`. A big floor's snapshot is tens to hundreds
 * of megabytes, and one `JSON.stringify` of it held pushes and health checks for 0.3-2.5 s
 * (docs/performance.md). The value must not change until the promise settles (the floor holds
 * its fold meanwhile).
 *
 * The walk goes into plain objects and arrays down to OBJECT_DEPTH levels (a snapshot's tenants,
 * agents, timelines) and into arrays of RUN or more members down to ARRAY_DEPTH; everything else, and
 * each run of up to RUN array members, is one native `JSON.stringify` call, whose text is what
 * it would be inside the whole. The time is looked at between those pieces.
 */

/** Array members serialised in one call (a run of ids, of timeline entries, of small objects). */
const RUN = 256;
/** Levels of plain objects walked member by member (deeper ones are serialised whole). */
const OBJECT_DEPTH = 6;
/** Levels within which long arrays are walked run by run. */
const ARRAY_DEPTH = 10;

export async function stringifySliced(value: unknown, budgetMs = 8): Promise<string> {
  // Pieces of this turn, joined into one chunk at each pause: the final join sees few strings.
  let parts: string[] = [];
  const chunks: string[] = [];
  let turnStart = performance.now();
  const pauseIfDue = async (): Promise<void> => {
    if (performance.now() - turnStart < budgetMs) return;
    chunks.push(parts.join(''));
    parts = [];
    await new Promise((resolve) => setImmediate(resolve));
    turnStart = performance.now();
  };
  // Within OBJECT_DEPTH every array and plain object is walked (a list of tenants is short, each
  // tenant big); deeper, only long arrays, run by run.
  const walkable = (v: unknown, level: number): boolean =>
    Array.isArray(v) ? level < OBJECT_DEPTH || (v.length >= RUN && level < ARRAY_DEPTH) : level < OBJECT_DEPTH && isPlainObject(v);

  const walk = async (v: unknown, level: number): Promise<void> => {
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; ) {
        if (i > 0) parts.push(',');
        if (walkable(v[i], level + 1)) {
          await walk(v[i], level + 1);
          i++;
        } else {
          let j = i + 1;
          while (j < v.length && j - i < RUN && !walkable(v[j], level + 1)) j++;
          // A run's text less its brackets; members that serialise to nothing are null, as in the whole.
          parts.push(JSON.stringify(v.slice(i, j)).slice(1, -1));
          i = j;
        }
        await pauseIfDue();
      }
      parts.push(']');
      return;
    }
    const fields = v as Record<string, unknown>;
    parts.push('{');
    let first = true;
    for (const key of Object.keys(fields)) {
      const member = fields[key];
      if (walkable(member, level + 1)) {
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        await walk(member, level + 1);
      } else {
        // As JSON.stringify: a member that serialises to nothing (undefined, a function) is left out.
        const text = JSON.stringify(member);
        if (text === undefined) continue;
        parts.push(first ? '' : ',', JSON.stringify(key), ':', text);
      }
      first = false;
      await pauseIfDue();
    }
    parts.push('}');
  };

  if (!walkable(value, 0)) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('stringifySliced: the value serialises to nothing');
    return text;
  }
  await walk(value, 0);
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** An object made by `{}` or JSON data, with no `toJSON`: walked member by member. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
