/** How far back (ms) the start of a state is looked for; older states show this as their start. */
const SINCE_LOOKBACK_MS = 24 * 3_600_000;

/** Most changes walked back to find when a state began (each costs a look-up of the state). */
const SINCE_MAX_STEPS = 200;

/**
 * When the state an agent is in at `now` (epoch ms) began: the latest change at or before `now`,
 * then back over the changes while the stretch before each was in the same state (`same(t)`).
 * `changeBefore(t, inclusive)` gives the latest change before `t` (at or before it when
 * inclusive), -Infinity when none; changes that change nothing are harmless. The walk looks back
 * at most SINCE_LOOKBACK_MS and SINCE_MAX_STEPS changes, and usually stops at the first. 0 when
 * the agent never changed.
 */
export function stateSince(now: number, same: (t: number) => boolean, changeBefore: (t: number, inclusive: boolean) => number): number {
  let since = changeBefore(now, true);
  for (let step = 0; step < SINCE_MAX_STEPS && since > now - SINCE_LOOKBACK_MS; step++) {
    const earlier = changeBefore(since, false);
    if (earlier === -Infinity || !same(earlier)) break;
    since = earlier;
  }
  return Number.isFinite(since) ? since : 0;
}
