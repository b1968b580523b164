/** Numbers inside names compare by value, so "q2" comes before "q10" (plain localeCompare puts it after "q19"). */
const collator = new Intl.Collator(undefined, { numeric: true });

/** The order every queue list and picker shows: by tenant, then by name. */
export function compareQueues(a: { tenant: string; name: string }, b: { tenant: string; name: string }): number {
  return collator.compare(a.tenant, b.tenant) || collator.compare(a.name, b.name);
}
