import { createHash } from 'node:crypto';

/** Keys already made, by the set they were made of (a room's scope is asked for its key at every board page). */
const made = new WeakMap<ReadonlySet<string>, string>();

/**
 * One short string per set of teams asked for (`scopedKey`s), in any order: a digest of them
 * sorted. Teams are a filter, not ids that must exist, so a screen may ask for 200 teams of
 * 200-character ids in a 200-character tenant: written out, that was 82,000 characters in every
 * key of its scope (its room, its snapshots, each board and each page kept for the cycle), and
 * 40 sockets of one sign-in paging 2,000 windows of such boards kept 180 MB until the floor changed.
 */
export function teamsKey(teams: ReadonlySet<string>): string {
  let key = made.get(teams);
  if (key === undefined) {
    key = createHash('sha256').update(JSON.stringify([...teams].sort())).digest('base64url');
    made.set(teams, key);
  }
  return key;
}
