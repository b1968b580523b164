/**
 * Field-level changes of one row (a queue's view) between two pushes, so an update carries
 * the few numbers a call changed instead of the whole view (about 3 KB a queue). Shared by
 * the server (which diffs) and the client (which applies); the row is JSON data.
 *
 * `set` holds the changed fields; where both the old and the new value are plain objects it
 * holds only their changed fields, recursively. Arrays, numbers, strings and null are replaced
 * whole. `del` lists the paths of fields the new row no longer has (a reason gone from
 * `auxByReason`). Every field is set to its new value, never incremented, so applying a patch
 * to a row that already has some of the new values changes nothing for those.
 */
export interface RowPatch<T> {
  /** The row's key (`QueueView.key`). */
  key: string;
  set?: PartialDeep<T>;
  del?: string[][];
}

/** T with every field, at any depth of plain objects, optional. */
export type PartialDeep<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: PartialDeep<T[K]> } : T;

type Fields = Record<string, unknown>;

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Field `k` of `o`, own only, and setting it as data: keys are data from a feed (an aux reason
 * of `auxByReason`), and `o[k]` reads or writes the prototype when k is "__proto__", so a reason
 * of that name was dropped from every patch and every patched row.
 */
function own(o: Fields, k: string): unknown {
  const v = o[k];
  // JSON data holds no functions: a function (or "__proto__") may be inherited. The common case costs one read.
  if (v === undefined || (typeof v !== 'function' && k !== '__proto__')) return v;
  return Object.hasOwn(o, k) ? v : undefined;
}
function put(o: Fields, k: string, v: unknown): Fields {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
  return o;
}

/** Deep equality of JSON values (fields holding undefined count as absent). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const fa = a as Fields;
  const fb = b as Fields;
  for (const k in fb) if (fb[k] !== undefined && !sameJson(own(fa, k), fb[k])) return false;
  for (const k in fa) if (fa[k] !== undefined && own(fb, k) === undefined) return false;
  return true;
}

/** The changed fields of `b` against `a` and the paths `a` has that `b` lacks; appends deletions to `del`. */
function diffFields(a: Fields, b: Fields, path: string[], del: string[][]): Fields | null {
  let set: Fields | null = null;
  for (const k in b) {
    const nb = b[k];
    if (nb === undefined) continue;
    const na = own(a, k);
    if (na === nb) continue;
    if (isFields(na) && isFields(nb)) {
      const inner = diffFields(na, nb, [...path, k], del);
      if (inner) set = put(set ?? {}, k, inner);
    } else if (!sameJson(na, nb)) {
      set = put(set ?? {}, k, nb);
    }
  }
  for (const k in a) if (a[k] !== undefined && own(b, k) === undefined) del.push([...path, k]);
  return set;
}

/** The patch that turns row `a` into row `b` (same key); null when they are equal. */
export function diffRow<T extends { key: string }>(a: T, b: T): RowPatch<T> | null {
  const del: string[][] = [];
  // T is an interface of JSON fields: read it as the plain object it is.
  const set = diffFields(a as unknown as Fields, b as unknown as Fields, [], del);
  if (!set && del.length === 0) return null;
  const p: RowPatch<T> = { key: b.key };
  if (set) p.set = set as PartialDeep<T>;
  if (del.length) p.del = del;
  return p;
}

function mergeFields(base: Fields, set: Fields): Fields {
  const out: Fields = { ...base };
  for (const k in set) {
    const v = set[k];
    const old = own(base, k);
    put(out, k, isFields(v) && isFields(old) ? mergeFields(old, v) : v);
  }
  return out;
}

function without(base: Fields, path: string[], at: number): Fields {
  const k = path[at];
  if (!Object.hasOwn(base, k)) return base;
  const out: Fields = { ...base };
  if (at === path.length - 1) delete out[k];
  else {
    const inner = own(base, k);
    if (isFields(inner)) put(out, k, without(inner, path, at + 1));
  }
  return out;
}

/**
 * Row `a` with the patch applied; `a` is left as it was (unchanged parts are shared, so a
 * screen's reactive state sees a new object only where something changed).
 */
export function applyRowPatch<T extends { key: string }>(a: T, p: RowPatch<T>): T {
  let out = p.set ? mergeFields(a as unknown as Fields, p.set as Fields) : { ...(a as unknown as Fields) };
  for (const path of p.del ?? []) if (path.length) out = without(out, path, 0);
  return out as unknown as T;
}
