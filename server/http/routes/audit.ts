import { Router } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AuditEntry, Directory } from '../../domain/directory.ts';
import { OPEN_MODE_NAME, type AuditInfo } from '../../protocol/people.ts';
import { quote } from '../../validation/quote.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError } from '../errors.ts';
import { knownParams, oneParam } from '../query.ts';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5000;

function auditInfo(a: AuditEntry): AuditInfo {
  return { seq: a.seq, at: new Date(a.at).toISOString(), by: a.by, byOpenMode: a.by === OPEN_MODE_NAME, action: a.action, tenants: a.tenants, detail: a.detail, params: a.params };
}

/** GET /api/v1/audit: newest first; admins see everything, managers the entries touching their tenants. */
export function auditRouter(o: { auth: Authenticator; directory: Directory }): Router {
  const r = Router();
  r.get('/audit', requireRole(o.auth, 'readAudit'), (req, res) => {
    knownParams(req, ['limit', 'workspace']);
    const raw = oneParam(req, 'limit');
    const limit = raw === undefined ? DEFAULT_LIMIT : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, `limit: ${quote(raw ?? '')} is not a whole number from 1 to ${MAX_LIMIT}`);
    const mine = req.principal!.tenants;
    const out: AuditInfo[] = [];
    for (let i = o.directory.audit.length - 1; i >= 0 && out.length < limit; i--) {
      const a = o.directory.audit[i];
      if (mine === null || a.tenants.some((t) => mine.has(t))) out.push(auditInfo(a));
    }
    res.json({ entries: out });
  });
  return r;
}
