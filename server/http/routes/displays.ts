import express, { Router } from 'express';
import { z } from 'zod';
import { tenantOpenTo } from '../../auth/known-tenant.ts';
import { can, sha256Hex, stampOf, type Authenticator, type Principal } from '../../auth/principals.ts';
import { principalNameField } from '../../auth/principal-name.ts';
import { newId, newSecret } from '../../auth/secrets.ts';
import type { Directory, DisplayRecord } from '../../domain/directory.ts';
import type { Submit } from '../../protocol/commands.ts';
import type { DisplayCreated, DisplayInfo } from '../../protocol/people.ts';
import { quote } from '../../validation/quote.ts';
import { filterId } from '../../validation/filter-id.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest, refuseUnknownTenant } from '../errors.ts';
import { knownParams } from '../query.ts';

export interface DisplaysRouterOptions {
  auth: Authenticator;
  directory: Directory;
  submit: Submit;
  /** Whether a tenant is on the floor or in the config (so a typo is refused, not shown as an empty screen). */
  knownTenant: (tenant: string) => boolean;
  /** Real time, epoch ms: the moment written into commands. */
  wallClock: () => number;
}

const createBody = z
  .object({
    name: principalNameField,
    tenants: z.array(filterId).min(1).max(50),
    rotationSeconds: z.number().int().min(5).max(3600).default(15),
    lang: z.enum(['en', 'zh-TW']).optional(),
  })
  .strict();

/** A display as listed: never its token. */
export function displayInfo(d: DisplayRecord): DisplayInfo {
  return { id: d.id, name: d.name, tenants: d.tenants, rotationSeconds: d.rotationSeconds, lang: d.lang, createdAt: new Date(d.createdAt).toISOString(), createdBy: d.createdBy, revokedAt: d.revokedAt === null ? null : new Date(d.revokedAt).toISOString() };
}

/**
 * Whether `p` may see (and switch off) display `d`: an admin of named tenants only one all of whose
 * tenants are its own, since a display's name and tenants are another client's to know.
 */
function displayVisibleTo(p: Principal, d: DisplayRecord): boolean {
  return can.coverTenants(p, d.tenants);
}

/**
 * Executive TV displays (admin): create one (its token is in the answer, once), list them,
 * revoke one. An admin of named tenants has only the displays of those (displayVisibleTo).
 * Changes go through `submit` as commands.
 */
export function displaysRouter(o: DisplaysRouterOptions): Router {
  const r = Router();
  const admin = requireRole(o.auth, 'admin');

  r.post('/displays', admin, express.json({ limit: 16_384 }), async (req, res) => {
    knownParams(req, ['workspace']);
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const { name, tenants, rotationSeconds, lang } = parsed.data;
    // Any tenant the caller may set up (tenantOpenTo, as its settings): a client's TV is made before
    // its first call. Another tenant of a caller of named tenants answers as one there is not.
    refuseUnknownTenant(tenants, (t) => tenantOpenTo(req.principal!, t, o.knownTenant, o.auth));
    const token = newSecret('fbd');
    const id = newId('d');
    await o.submit({ kind: 'display.create', id, name, tenants: [...new Set(tenants)], tokenHash: sha256Hex(token), rotationSeconds, lang: lang ?? null, ...stampOf(req.principal!, o.wallClock()) });
    // The token rides in the query (read once by the page, then kept in its storage); lang likewise.
    const query = new URLSearchParams({ token, ...(lang ? { lang } : {}) });
    const body: DisplayCreated = { id, token, url: `${req.protocol}://${req.get('host')}/?${query}#/tv` };
    res.status(201).json(body);
  });

  r.get('/displays', admin, (req, res) => {
    knownParams(req, ['workspace']);
    res.json({ displays: [...o.directory.displays.values()].filter((d) => displayVisibleTo(req.principal!, d)).map(displayInfo) });
  });

  r.delete('/displays/:id', admin, async (req, res) => {
    const d = o.directory.displays.get(String(req.params.id));
    // Another client's display answers as one there is not, before any other check, so nothing tells them apart.
    if (!d || !displayVisibleTo(req.principal!, d)) throw new HttpError(404, `display ${quote(String(req.params.id))} not found`, 'display.notFound', { id: quote(String(req.params.id)) });
    knownParams(req, ['workspace']);
    if (d.revokedAt === null) await o.submit({ kind: 'display.revoke', id: d.id, ...stampOf(req.principal!, o.wallClock()) });
    res.json(displayInfo(d));
  });
  return r;
}
