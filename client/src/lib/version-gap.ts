/**
 * Whether a push skipped something this screen never got: the update builds on version
 * `base`, and the screen has applied everything up to `have` (its snapshot's or last update's
 * version). Updates without versions (an older server) are never gaps.
 */
export function missedUpdate(have: number, u: { base?: number }): boolean {
  return u.base !== undefined && u.base > have;
}
