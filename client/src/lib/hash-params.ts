/** The query of a hash route: "#/intraday?queue=q1" gives queue=q1. */
export function hashParams(hash: string = window.location.hash): URLSearchParams {
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/**
 * The hash with `values` set in its query (an empty value removes its parameter), the route and
 * every other parameter (a `lang`) kept: a screen's filters in its address, so a wall screen's
 * bookmark opens on its client, queue and team.
 */
export function withHashParams(hash: string, values: Readonly<Record<string, string>>): string {
  const route = hash.split('?')[0] || '#/';
  const params = hashParams(hash);
  for (const [name, value] of Object.entries(values)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const query = params.toString();
  return query ? `${route}?${query}` : route;
}
