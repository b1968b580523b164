import type { Principal } from './principals.ts';

/**
 * Whether `tenant` is one to `p`: one it was granted by name, or, for an all-tenant principal,
 * one on the floor (`onFloor`: its events, or the config file's tenants, queues and agents). A
 * client granted before its first event is its viewer's empty board, not an unknown tenant: they
 * were told of it, so the answer tells them nothing. Any other tenant answers as one there is not;
 * an all-tenant admin, granted none by name, is told one nobody configured is unknown (a typo).
 */
export function tenantKnownTo(p: Principal, tenant: string, onFloor: (tenant: string) => boolean): boolean {
  return p.tenants === null ? onFloor(tenant) : p.tenants.has(tenant);
}
