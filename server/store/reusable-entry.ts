/**
 * Whether a log entry appended in this process may be handed to this process's follower as the
 * object itself instead of JSON.parse of its text (saving a second parse of every ingested
 * event). Only the floor's `events` entries qualify: their events were built fresh by
 * validation (strings, finite numbers, arrays of strings, no undefined values), so their JSON
 * round trip is the same object, and nobody changes them after appending. Anything else (plan
 * rows, commands, alerts) is parsed from its text as before, so a caller that changes its
 * objects after append can never change what the floor applies.
 */
export function reusableEntry(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { k?: unknown }).k === 'events' && Array.isArray((entry as { events?: unknown }).events);
}
