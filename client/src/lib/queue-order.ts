import { collatorFor } from './collator.ts';

/** The order every queue list and picker shows in the page language `locale`: by tenant, then by name. */
export function compareQueues(locale: string): (a: { tenant: string; name: string }, b: { tenant: string; name: string }) => number {
  const collator = collatorFor(locale);
  return (a, b) => collator.compare(a.tenant, b.tenant) || collator.compare(a.name, b.name);
}
