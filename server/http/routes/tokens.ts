import express, { Router } from 'express';
import { z } from 'zod';
import { looksLike, principalNameField } from '../../auth/principal-name.ts';
import type { NamesInFlight } from '../../auth/names-in-flight.ts';
import { can, sha256Hex, stampOf, type Authenticator, type Principal } from '../../auth/principals.ts';
import { TOKEN_ROLES } from '../../protocol/roles.ts';
import { newId, newSecret } from '../../auth/secrets.ts';
import type { Directory, TokenRecord } from '../../domain/directory.ts';
import type { Submit } from '../../protocol/commands.ts';
import { OPEN_MODE_NAME } from '../../protocol/people.ts';
import { quote } from '../../validation/quote.ts';
import { filterId } from '../../validation/filter-id.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest, refuseUnknownTenant } from '../errors.ts';
import { knownParams } from '../query.ts';

const createBody = z.object({ name: principalNameField.refine((n) => n !== OPEN_MODE_NAME, 'is reserved for open mode'), role: z.enum(TOKEN_ROLES), tenants: z.array(filterId).min(1).max(200).transform((a) => [...new Set(a)]) }).strict();

const tenantsOf = (t: TokenRecord): string[] => (t.tenants ? [...t.tenants].sort() : ['*']);

function tokenInfo(t: TokenRecord) {
  return { id: t.id, name: t.name, role: t.role, tenants: tenantsOf(t), createdAt: new Date(t.createdAt).toISOString(), revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString() };
}

/**
 * Whether `p` may see (and revoke) token `t`: an admin of named tenants only one all of whose
 * tenants are its own (an all-tenant token is not), since its name, role and tenants are another
 * client's to know.
 */
function tokenVisibleTo(p: Principal, t: TokenRecord): boolean {
  return can.coverTenants(p, tenantsOf(t));
}

/**
 * Machine bearer tokens (admin): create (the token is in the answer, once), list, revoke. An
 * admin of named tenants has only tokens of those (tokenVisibleTo), and makes no other.
 */
export function tokensRouter(o: { auth: Authenticator; directory: Directory; submit: Submit; wallClock: () => number; names: NamesInFlight }): Router {
  const r = Router();
  r.use('/tokens', requireRole(o.auth, 'admin'));
  r.post('/tokens', express.json({ limit: 16_384 }), async (req, res) => {
    knownParams(req, []);
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    // An admin of named tenants gives a token those alone: another tenant (or every one) answers as
    // a tenant there is not, as POST /displays does, else it could make itself an all-tenant admin.
    refuseUnknownTenant(parsed.data.tenants, (t) => can.seeTenant(req.principal!, t));
    // Records name who did what by name: a token must not look like a person (principal-name.ts).
    // A person being created (its password still hashing) holds its name already.
    const name = parsed.data.name;
    if (looksLike(name, o.directory.users.keys()) || !o.names.claim(name, 'token')) throw invalidRequest(`name: ${quote(name)} is a person's name, or looks like one: choose another`);
    const token = newSecret('fbt');
    const id = newId('t');
    try {
      await o.submit({ kind: 'token.create', id, ...parsed.data, tokenHash: sha256Hex(token), ...stampOf(req.principal!, o.wallClock()) });
    } finally {
      o.names.release(name, 'token');
    }
    res.status(201).json({ ...tokenInfo(o.directory.tokens.get(id)!), token });
  });
  r.get('/tokens', (req, res) => {
    knownParams(req, []);
    res.json({ tokens: [...o.directory.tokens.values()].filter((t) => tokenVisibleTo(req.principal!, t)).map(tokenInfo) });
  });
  r.delete('/tokens/:id', async (req, res) => {
    const t = o.directory.tokens.get(String(req.params.id));
    // Another client's token answers as one there is not, before any other check, so nothing tells them apart.
    if (!t || !tokenVisibleTo(req.principal!, t)) throw new HttpError(404, `token ${quote(String(req.params.id))} not found`, 'token.notFound', { id: quote(String(req.params.id)) });
    knownParams(req, []);
    if (t.revokedAt === null) await o.submit({ kind: 'token.revoke', id: t.id, ...stampOf(req.principal!, o.wallClock()) });
    res.json(tokenInfo(t));
  });
  return r;
}
