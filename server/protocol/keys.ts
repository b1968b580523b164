/**
 * The key of something a tenant owns (queue, agent, call): ids are unique only within their
 * tenant. The tenant's length leads, so no id, whatever characters it holds, can forge the key
 * of another tenant's thing. Keys are for lookups; only a restored snapshot, which kept the
 * plan's forecasts by key alone, reads the tenant back (`tenantOfKey`).
 */
export function scopedKey(tenant: string, id: string): string {
  return `${tenant.length}:${tenant}/${id}`;
}

/** The tenant of a `scopedKey`. */
export function tenantOfKey(key: string): string {
  const colon = key.indexOf(':');
  return key.slice(colon + 1, colon + 1 + Number(key.slice(0, colon)));
}

/**
 * The key of a tenant's team, or of its agents of no team (`teamId` null): the engine takes an
 * empty team id for none, so '' is no team's id and that group never shares a team's key.
 */
export function teamKey(tenant: string, teamId: string | null): string {
  return scopedKey(tenant, teamId ?? '');
}
