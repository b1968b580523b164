/** Binary searches and edits of ascending number arrays (times in epoch ms). */

/** Index of the first element of ascending `a` at or after `x`. */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of ascending `a` later than `x`. */
export function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `x` into ascending `a` (times mostly come in order: then it is a push). */
export function insertSorted(a: number[], x: number): void {
  const n = a.length;
  if (n === 0 || a[n - 1] <= x) a.push(x);
  else insertAt(a, upperBound(a, x), x);
}

/** Removes one `x` from ascending `a`, if it holds one. */
export function removeSorted(a: number[], x: number): void {
  const i = upperBound(a, x) - 1;
  if (i >= 0 && a[i] === x) removeAt(a, i);
}

/**
 * `a.splice(i, 0, x)` without the array of removed elements splice returns (an allocation per
 * call); inserts are mostly near the end, so the elements moved are few.
 */
export function insertAt<T>(a: T[], i: number, x: T): void {
  let j = a.length;
  a.push(x);
  for (; j > i; j--) a[j] = a[j - 1];
  a[i] = x;
}

/** `a.splice(i, 1)` without the array splice returns. */
export function removeAt<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let j = i; j < n; j++) a[j] = a[j + 1];
  a.length = n;
}

/** `a.splice(0, k)` without the array splice returns: the first `k` elements dropped in place. */
export function dropFirst<T>(a: T[], k: number): void {
  const n = a.length - k;
  for (let j = 0; j < n; j++) a[j] = a[j + k];
  a.length = Math.max(0, n);
}

export const ascending = (a: number, b: number): number => a - b;
