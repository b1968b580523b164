import type { Authenticator, Principal } from './principals.ts';

/**
 * Whether `tenant` is one to `p`: one it was granted by name, or, for an all-tenant principal,
 * one `known` says is (see tenantOpenTo). Any other tenant answers as one there is not.
 */
function tenantKnownTo(p: Principal, tenant: string, known: (tenant: string) => boolean): boolean {
  return p.tenants === null ? known(tenant) : p.tenants.has(tenant);
}

/**
 * Whether `p` may open `tenant`: its board (subscribe, agents:page, adherence, alerts), its TV, its
 * settings, a TV display of it. A principal of named tenants has only those: one granted before its
 * first event is its empty board, not an unknown tenant (it was told of it, so the answer tells it
 * nothing). To an all-tenant principal a tenant is one when the floor or the config knows it
 * (`onFloor`), or when anyone is granted it by name (Authenticator.grantsTenant): a client whose
 * people were made is set up and watched before its first event. One nobody names stays unknown (a typo).
 */
export function tenantOpenTo(p: Principal, tenant: string, onFloor: (tenant: string) => boolean, auth: Pick<Authenticator, 'grantsTenant'>): boolean {
  return tenantKnownTo(p, tenant, (t) => onFloor(t) || auth.grantsTenant(t));
}
