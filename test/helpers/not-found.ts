/** What server/http/owned.ts's findOwned looks up: its 404s carry a code and params a screen words. */
const OWNED_KINDS = new Set(['queue', 'agent', 'alert', 'campaign']);

/** The 404 answer for `what` (`queue "q1"`), as `{ status, body }`: exactly the same for another tenant's id as for one that does not exist. */
export function notFound(what: string): { status: number; body: Record<string, unknown> } {
  const owned = /^(\w+) "(.*)"$/.exec(what);
  if (owned && OWNED_KINDS.has(owned[1])) return { status: 404, body: { error: `${what} not found`, code: 'owned.notFound', params: { kind: owned[1], id: owned[2] } } };
  return { status: 404, body: { error: `${what} not found` } };
}
