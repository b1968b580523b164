import { Router } from 'express';
import type { Authenticator } from '../../auth/principals.ts';
import type { AuditEntry, Directory } from '../../domain/directory.ts';
import { OPEN_MODE_NAME, type AuditInfo } from '../../protocol/people.ts';
import { AuditNumbers, auditVisibleTo } from '../audit-numbers.ts';
import { requireRole } from '../auth-middleware.ts';
import { knownParams, wholeParam } from '../query.ts';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5000;

/** An entry as `seq` numbers it for its reader. */
function auditInfo(a: AuditEntry, seq: number): AuditInfo {
  const byOpenMode = a.by === OPEN_MODE_NAME;
  // The name is reserved for open mode, so an entry logged before kinds were recorded is open mode's by its name.
  return { seq, at: new Date(a.at).toISOString(), by: a.by, byKind: a.byKind ?? (byOpenMode ? 'openMode' : null), byOpenMode, action: a.action, tenants: a.tenants, detail: a.detail, params: a.params };
}

/** GET /api/v1/audit: newest first; all-tenant readers see everything, others the entries all of whose tenants are theirs. */
export function auditRouter(o: { auth: Authenticator; directory: Directory }): Router {
  const r = Router();
  const numbers = new AuditNumbers();
  r.get('/audit', requireRole(o.auth, 'readAudit'), (req, res) => {
    knownParams(req, ['limit', 'workspace']);
    const limit = wholeParam(req, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
    const mine = req.principal!.tenants;
    const log = o.directory.audit;
    let seq = numbers.visibleCount(log, mine);
    const out: AuditInfo[] = [];
    for (let i = log.length - 1; i >= 0 && out.length < limit; i--) if (auditVisibleTo(log[i], mine)) out.push(auditInfo(log[i], seq--));
    res.json({ entries: out });
  });
  return r;
}
