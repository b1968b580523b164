import type { Authenticator, Principal } from './principals.ts';

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

/**
 * Whether `tenant` is one `p` may set up (its settings, a TV display of it). To an all-tenant
 * principal a tenant is one when the floor or the config knows it, or when anyone is granted it by
 * name (Authenticator.grantsTenant): a client whose people were made is set up before its first
 * event. One nobody names stays unknown (a typo); a principal of named tenants has only those.
 */
export function tenantToSetUp(p: Principal, tenant: string, onFloor: (tenant: string) => boolean, auth: Pick<Authenticator, 'grantsTenant'>): boolean {
  return tenantKnownTo(p, tenant, (t) => onFloor(t) || auth.grantsTenant(t));
}
