import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { tenantOpenTo } from '../../auth/known-tenant.ts';
import { stampOf, type Authenticator } from '../../auth/principals.ts';
import type { Directory } from '../../domain/directory.ts';
import type { Submit } from '../../protocol/commands.ts';
import type { TenantSettingsInfo } from '../../protocol/people.ts';
import { quote } from '../../validation/quote.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { knownParams } from '../query.ts';

export interface TenantsRouterOptions {
  auth: Authenticator;
  directory: Directory;
  submit: Submit;
  /** Whether a tenant exists on the floor. */
  knownTenant: (tenant: string) => boolean;
  /** Real time, epoch ms: the moment written into commands. */
  wallClock: () => number;
}

const settingsBody = z.object({ clientViewerAgentNames: z.boolean() }).strict();

/**
 * A tenant's settings (GET and PUT /tenants/:tenant/settings): admins, and managers of that
 * tenant. Another tenant's id answers exactly like one that does not exist.
 */
export function tenantsRouter(o: TenantsRouterOptions): Router {
  const r = Router();
  r.use('/tenants', requireRole(o.auth, 'manageUsers'));

  const tenantOf = (req: Request): string => {
    const tenant = String(req.params.tenant);
    if (!tenantOpenTo(req.principal!, tenant, o.knownTenant, o.auth)) throw new HttpError(404, `tenant ${quote(tenant)} not found`, 'tenant.notFound', { tenant: quote(tenant) });
    return tenant;
  };
  const info = (tenant: string): TenantSettingsInfo => ({ tenant, ...o.directory.tenantSettings(tenant) });

  r.get('/tenants/:tenant/settings', (req, res) => {
    const tenant = tenantOf(req);
    knownParams(req, ['workspace']);
    res.json(info(tenant));
  });

  r.put('/tenants/:tenant/settings', express.json({ limit: 4096 }), async (req, res) => {
    const tenant = tenantOf(req);
    knownParams(req, ['workspace']);
    const parsed = settingsBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    // Logged (so it survives restarts and reaches replicas) and audited by the directory; an unchanged value is a no-op.
    await o.submit({ kind: 'tenant.settings', tenant, clientViewerAgentNames: parsed.data.clientViewerAgentNames, ...stampOf(req.principal!, o.wallClock()) });
    res.json(info(tenant));
  });
  return r;
}
