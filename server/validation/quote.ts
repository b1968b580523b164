/** How much of a bad value an error message repeats. */
export const QUOTE_MAX = 40;

/**
 * A short, safe rendering of an outside value for an error message: strings are cut to a
 * prefix (with their length), structures are only named, so an error never grows with the
 * input and never recurses into it (a 100,000-deep array is "an array").
 */
export function quote(v: unknown, max = QUOTE_MAX): string {
  if (typeof v === 'string') return v.length > max ? `${JSON.stringify(v.slice(0, max))}… (${v.length} characters)` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v).slice(0, max);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** `s` cut to `max` characters with an ellipsis, for ids and keys echoed in messages. */
export function clip(s: string, max = QUOTE_MAX): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
