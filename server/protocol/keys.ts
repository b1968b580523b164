/**
 * The key of something a tenant owns (queue, agent, call): ids are unique only within their
 * tenant. The tenant's length leads, so no id, whatever characters it holds, can forge the key
 * of another tenant's thing. Keys are for lookups; nothing ever parses one back.
 */
export function scopedKey(tenant: string, id: string): string {
  return `${tenant.length}:${tenant}/${id}`;
}
