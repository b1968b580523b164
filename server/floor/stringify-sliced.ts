/**
 * `JSON.stringify` in slices: the same text, built over as many turns of the event loop as it
 * takes, each holding the loop for about `budgetMs`. A big floor's snapshot is tens to hundreds
 * of megabytes, and one `JSON.stringify` of it held pushes and health checks for 0.3-2.5 s
 * (docs/performance.md). The value must not change until the promise settles (the floor holds
 * its fold meanwhile).
 *
 * What to walk is chosen by size, not depth: a container of more than RUN_WEIGHT values (an
 * agent's timeline, a tenant, the list of calls) is walked member by member; everything smaller
 * is serialised by one native call, and consecutive small array members go together, up to
 * RUN_WEIGHT values a call. The clock is looked at between those pieces.
 *
 * One difference from `JSON.stringify`: a `toJSON` of an array member within a run is given its
 * index within the run (object members get their own key, as in the whole). Snapshot data has no
 * `toJSON` that reads its key.
 */

/** Values (array members, object fields, leaves) serialised in one native call at most, about. */
const RUN_WEIGHT = 2048;

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

  const walk = async (v: unknown): Promise<void> => {
    if (Array.isArray(v)) {
      parts.push('[');
      let runStart = 0;
      let runWeight = 0;
      const flush = (end: number) => {
        if (end > runStart) parts.push(runStart > 0 ? ',' : '', JSON.stringify(v.slice(runStart, end)).slice(1, -1));
        runStart = end;
        runWeight = 0;
      };
      for (let i = 0; i < v.length; i++) {
        const w = weigh(v[i], RUN_WEIGHT);
        if (w > RUN_WEIGHT && walkable(v[i])) {
          flush(i);
          if (i > 0) parts.push(',');
          await walk(v[i]);
          runStart = i + 1;
        } else if (runWeight + w > RUN_WEIGHT && i > runStart) {
          flush(i);
          runWeight = w;
        } else {
          runWeight += w;
          continue;
        }
        await pauseIfDue();
      }
      flush(v.length);
      parts.push(']');
      return;
    }
    const fields = v as Record<string, unknown>;
    parts.push('{');
    let first = true;
    for (const key of Object.keys(fields)) {
      const member = fields[key];
      if (walkable(member) && weigh(member, RUN_WEIGHT) > RUN_WEIGHT) {
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        await walk(member);
      } else {
        // As in the whole: `toJSON` gets the member's key, and a member that serialises to nothing is left out.
        const text = JSON.stringify({ [key]: member });
        if (text === '{}') continue;
        parts.push(first ? '' : ',', text.slice(1, -1));
      }
      first = false;
      await pauseIfDue();
    }
    parts.push('}');
  };

  if (!walkable(value) || weigh(value, RUN_WEIGHT) <= RUN_WEIGHT) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('stringifySliced: the value serialises to nothing');
    return text;
  }
  await walk(value);
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** An array or an object made by `{}` or JSON data, with no `toJSON`: walked member by member. */
function walkable(v: unknown): v is unknown[] | Record<string, unknown> {
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Values in `v` (itself, array members and own fields, all the way down), counted up to just past `limit`. */
function weigh(v: unknown, limit: number): number {
  if (typeof v !== 'object' || v === null) return 1;
  let n = 1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && n <= limit; i++) n += weigh(v[i], limit - n);
    return n;
  }
  for (const key in v) {
    if (n > limit) break;
    if (Object.prototype.hasOwnProperty.call(v, key)) n += weigh((v as Record<string, unknown>)[key], limit - n);
  }
  return n;
}
