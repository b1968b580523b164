import express, { Router } from 'express';
import { z } from 'zod';
import { looksLike, personNameField } from '../../auth/principal-name.ts';
import type { NamesInFlight } from '../../auth/names-in-flight.ts';
import { can, stampOf, type Authenticator, type Principal } from '../../auth/principals.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.ts';
import { PERSON_ROLES } from '../../protocol/roles.ts';
import type { Directory, UserRecord } from '../../domain/directory.ts';
import type { Submit, UserUpsert } from '../../protocol/commands.ts';
import type { UserInfo } from '../../protocol/people.ts';
import { clip, quote } from '../../validation/quote.ts';
import { filterId } from '../../validation/filter-id.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { requireRole } from '../auth-middleware.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { knownParams } from '../query.ts';

export interface UsersRouterOptions {
  auth: Authenticator;
  directory: Directory;
  submit: Submit;
  wallClock: () => number;
  /** Names of people and tokens being created (shared with the tokens router). */
  names: NamesInFlight;
}

// Each id trimmed as every read names one (filterId: a person given " acme" would see no client at
// all), and once: the records keep sets, and the command (so the audit log) kept a list as sent.
const ids = (min = 0) => z.array(filterId).min(min).max(200).transform((a) => [...new Set(a)]);
const fields = {
  role: z.enum(PERSON_ROLES),
  tenants: ids(1),
  teams: ids(),
  agentId: filterId.nullable(),
  lang: z.enum(['en', 'zh-TW']).nullable(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
};
const createBody = z
  .object({ name: personNameField, ...fields, teams: fields.teams.default([]), agentId: fields.agentId.default(null), lang: fields.lang.default(null) })
  .strict();
const changeBody = z.object({ ...fields, disabled: z.boolean() }).partial().strict();

const listOf = (s: ReadonlySet<string> | null) => (s ? [...s].sort() : ['*']);

/** A user as listed: never the password hash. */
export function userInfo(u: UserRecord): UserInfo {
  return { name: u.name, role: u.role, tenants: listOf(u.tenants), teams: u.teams ? [...u.teams].sort() : [], agentId: u.agentId, lang: u.lang, disabled: u.disabled, createdAt: new Date(u.createdAt).toISOString(), updatedAt: new Date(u.updatedAt).toISOString() };
}

/**
 * Whether `p` may manage a user with these role and tenants: admins anyone within their tenants
 * (the all-tenant admin everyone), managers non-admins within theirs. An admin of acme alone
 * managed anyone: jade's people, and an all-tenant admin it made and signed in as.
 */
function mayManage(p: Principal, role: string, tenants: readonly string[]): boolean {
  return (p.role === 'admin' || role !== 'admin') && can.coverTenants(p, tenants);
}

/**
 * The 403 for a person the caller may not manage. Its tenants are clipped: a 16 KiB body of them
 * came back whole, twice.
 */
function mayNotManage(what: string, role: string, tenants: readonly string[]): HttpError {
  const shown = clip(tenants.join(', '));
  return new HttpError(403, `${what} of ${shown}`, 'user.mayNotManage', { role, tenants: shown });
}

/**
 * People (admins, and managers for their tenants): list, create, change, disable. Changes go
 * through `submit` as commands; passwords are hashed before they are put in one.
 */
export function usersRouter(o: UsersRouterOptions): Router {
  const r = Router();
  r.use('/users', requireRole(o.auth, 'manageUsers'));
  const visible = (p: Principal, u: UserRecord) => mayManage(p, u.role, listOf(u.tenants));

  r.get('/users', (req, res) => {
    knownParams(req, ['workspace']);
    res.json({ users: [...o.directory.users.values()].filter((u) => visible(req.principal!, u)).map(userInfo) });
  });

  r.post('/users', express.json({ limit: 16_384 }), async (req, res) => {
    // People are the same in either workspace: the Admin page of a replay page sends its workspace.
    knownParams(req, ['workspace']);
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const b = parsed.data;
    if (!mayManage(req.principal!, b.role, b.tenants)) throw mayNotManage(`you may not create a ${b.role}`, b.role, b.tenants);
    // Names are global (sign-in takes a name alone), so a name another tenant's person holds is
    // refused too; one answer for every name taken or reserved, like it or not, in any tenant,
    // so the refusal says nothing of who holds it (docs/security.md, "Names of people").
    // The password is hashed before the command is applied: a look-alike person or token asked for meanwhile is refused too.
    if (looksLike(b.name, o.auth.principalNames()) || !o.names.claim(b.name, 'person')) throw new HttpError(409, `user name ${quote(b.name)} is not available: choose another`, 'user.exists', { name: clip(b.name) });
    try {
      const cmd: UserUpsert = { kind: 'user.upsert', name: b.name, role: b.role, tenants: b.tenants, teams: b.teams, agentId: b.agentId, lang: b.lang, password: await hashPassword(b.password), ...stampOf(req.principal!, o.wallClock()) };
      await o.submit(cmd);
    } finally {
      o.names.release(b.name, 'person');
    }
    res.status(201).json(userInfo(o.directory.users.get(b.name)!));
  });

  r.patch('/users/:name', express.json({ limit: 16_384 }), async (req, res) => {
    const name = String(req.params.name);
    const u = o.directory.users.get(name);
    // A user the caller may not manage answers like one that does not exist.
    if (!u || !visible(req.principal!, u)) throw new HttpError(404, `user ${quote(name)} not found`, 'user.notFound', { name: clip(name) });
    knownParams(req, ['workspace']);
    const parsed = changeBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const b = parsed.data;
    const role = b.role ?? u.role;
    const tenants = b.tenants ?? listOf(u.tenants);
    if (!mayManage(req.principal!, role, tenants)) throw mayNotManage(`you may not make ${quote(name)} a ${role}`, role, tenants);
    if (b.disabled && name === req.principal!.user) throw new HttpError(400, 'disabled: you cannot disable yourself', 'user.disableSelf');
    const stamp = stampOf(req.principal!, o.wallClock());
    if (b.role || b.tenants || b.teams || b.agentId !== undefined || b.lang !== undefined || b.password) {
      await o.submit({
        kind: 'user.upsert',
        name,
        role,
        tenants,
        teams: b.teams ?? (u.teams ? [...u.teams] : []),
        agentId: b.agentId === undefined ? u.agentId : b.agentId,
        lang: b.lang === undefined ? u.lang : b.lang,
        password: b.password ? await hashPassword(b.password) : null,
        ...stamp,
      });
    }
    if (b.disabled !== undefined) await o.submit({ kind: 'user.disable', name, disabled: b.disabled, ...stamp });
    res.json(userInfo(o.directory.users.get(name)!));
  });
  return r;
}
