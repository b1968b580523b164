import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenConfig } from '../config/config.ts';
import type { Directory, UserRecord } from '../domain/directory.ts';
import type { Stamp } from '../protocol/commands.ts';
import { OPEN_MODE_NAME, type PrincipalKind } from '../protocol/people.ts';
import { PLAN_ROLES, type Role } from '../protocol/roles.ts';

export type { Role } from '../protocol/roles.ts';

/** Who is asking: a person, a token or a display, with a role and the tenants it may see (null: every tenant). */
export interface Principal {
  name: string;
  role: Role;
  tenants: ReadonlySet<string> | null;
  /** Teams a team lead (or agent) is limited to; null or missing: every team of the tenants. */
  teams?: ReadonlySet<string> | null;
  /** The agent a signed-in agent is. */
  agentId?: string | null;
  /** Set for a TV display. */
  displayId?: string;
  /** Set for a signed-in person. */
  user?: string;
}

const keys = new WeakMap<Principal, string>();
/**
 * One string per principal, the same on every request and socket of it: a token, a display or a
 * signed-in person (by role, name, user, display and tenants). Per-principal limits key by it
 * (the hub's admission line, the connection cap). The tenants are part of it because tokens are
 * named freely: two clients' viewer tokens both named "wallboard" were one requester, one
 * client's flood holding up the other's screens and its screens filling the other's connection
 * cap. Kept per principal object, so a busy socket does not build it again.
 */
export function principalKey(p: Principal): string {
  let key = keys.get(p);
  if (key === undefined) keys.set(p, (key = JSON.stringify([p.role, p.name, p.user ?? null, p.displayId ?? null, p.tenants ? [...p.tenants].sort() : null])));
  return key;
}

const READERS: ReadonlySet<Role> = new Set(['agent', 'teamLead', 'manager', 'analyst', 'clientViewer', 'admin', 'viewer']);
const PLANNERS: ReadonlySet<Role> = new Set(PLAN_ROLES);

/**
 * What each role may do. Readers read (each within its tenants, teams and own agent);
 * analysts, managers and admins change the plan; ingest tokens write events; managers manage
 * the users of their tenants and read their audit log; admins do everything; a display reads
 * only the TV figures of its tenants.
 */
export const can = {
  read: (p: Principal) => READERS.has(p.role),
  /** The feed's anomalies name any agent, call and queue of a tenant: not for roles that see only some of them. */
  readFeed: (p: Principal) => READERS.has(p.role) && p.role !== 'teamLead' && p.role !== 'agent',
  plan: (p: Principal) => PLANNERS.has(p.role),
  write: (p: Principal) => p.role === 'ingest' || p.role === 'admin',
  admin: (p: Principal) => p.role === 'admin',
  manageUsers: (p: Principal) => p.role === 'admin' || p.role === 'manager',
  readAudit: (p: Principal) => p.role === 'admin' || p.role === 'manager',
  tv: (p: Principal) => p.role === 'display' || READERS.has(p.role),
  seeTenant: (p: Principal, tenant: string) => p.tenants === null || p.tenants.has(tenant),
  /** Every tenant the principal sees is in `tenants` (null: all tenants). */
  coverTenants: (p: Principal, tenants: readonly string[]) => p.tenants === null || (!tenants.includes('*') && tenants.every((t) => p.tenants!.has(t))),
};

const OPEN: Principal = { name: OPEN_MODE_NAME, role: 'admin', tenants: null };

/** What kind of principal `p` is, for the records that name it (audit `byKind`, what-if `createdByKind`). */
export function principalKind(p: Principal): PrincipalKind {
  if (p.user !== undefined) return 'person';
  if (p.displayId !== undefined) return 'display';
  return p === OPEN ? 'openMode' : 'token';
}

/** Who did something when (epoch ms), as commands record it. */
export function stampOf(p: Principal, at: number): Stamp {
  return { at, by: p.name, byKind: principalKind(p) };
}

/** The principal of a signed-in user. */
export function userPrincipal(u: UserRecord): Principal {
  return { name: u.name, role: u.role, tenants: u.tenants, teams: u.teams, agentId: u.agentId, user: u.name };
}

/**
 * Resolves bearer tokens (FLOORBOARD_TOKENS, then displays and machine tokens of the
 * directory) and session cookies to principals. With no configured token and no user the
 * server is in open mode (every request may do everything), which index.ts announces loudly
 * at start-up; a revoked display's token is refused even then.
 */
export class Authenticator {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(
    tokens: TokenConfig[],
    private readonly directory: Directory | null = null,
    /** Real time, epoch ms: session expiry. */
    private readonly clock: () => number = Date.now,
  ) {
    this.entries = tokens.map((t) => ({
      digest: sha256(t.token),
      principal: { name: t.name, role: t.role, tenants: t.tenants.includes('*') ? null : new Set(t.tenants) },
    }));
  }

  /** Whether client viewers of a tenant may see agent names (the tenant's setting; off without a directory). */
  agentNamesShown(tenant: string): boolean {
    return this.directory?.agentNamesShown(tenant) ?? false;
  }

  /**
   * Every name a principal of this server carries or has carried: configured tokens, tokens made
   * on the Admin page (revoked ones too: old records name them), displays as they sign in,
   * people, and open mode's.
   */
  *principalNames(): Iterable<string> {
    for (const e of this.entries) yield e.principal.name;
    yield OPEN_MODE_NAME;
    if (!this.directory) return;
    for (const t of this.directory.tokens.values()) yield t.name;
    for (const d of this.directory.displays.values()) yield `display ${d.name}`;
    yield* this.directory.users.keys();
  }

  /** Whether a configured token, or a principal of the directory (Directory.grantsTenant), is granted `tenant` by name. */
  grantsTenant(tenant: string): boolean {
    for (const e of this.entries) if (e.principal.tenants?.has(tenant)) return true;
    return this.directory?.grantsTenant(tenant) ?? false;
  }

  get open(): boolean {
    return this.entries.length === 0 && !this.directory?.hasUsers;
  }

  /** The principal for a token, or null when the token is missing, unknown or revoked. */
  resolve(token: string | undefined | null): Principal | null {
    const digest = token ? sha256(token) : null;
    if (digest) {
      // Compare digests in constant time so a token cannot be guessed byte by byte.
      for (const e of this.entries) if (timingSafeEqual(e.digest, digest)) return e.principal;
      // Directory lookups are by the digest itself: timing reveals nothing about the token.
      const hex = digest.toString('hex');
      const d = this.directory?.displayByTokenHash(hex);
      if (d) return d.revokedAt === null ? { name: `display ${d.name}`, role: 'display', tenants: new Set(d.tenants), displayId: d.id } : null;
      const t = this.directory?.tokenByTokenHash(hex);
      if (t) return t.revokedAt === null ? { name: t.name, role: t.role, tenants: t.tenants } : null;
    }
    return this.open ? OPEN : null;
  }

  /** The principal of a session cookie's value, or null when missing, unknown, expired or its user disabled. */
  session(cookie: string | undefined): Principal | null {
    if (!cookie || !this.directory) return null;
    const u = this.directory.sessionUser(sha256Hex(cookie), this.clock());
    return u ? userPrincipal(u) : null;
  }

  /**
   * What a socket admitted with `bearer` or `cookieHeader` keeps to be checked again when the
   * directory changes (`stillValid`): a made token's or a session's hash ('t:' or 's:' and the
   * hex), or null for what no command ends (configured tokens, open mode) or what is cut by its
   * own command (displays). A revoked token, a disabled person or a closed session refused every
   * new request but left their open sockets on the floor's feed.
   */
  credential(bearer: string | undefined, cookieHeader: string | undefined): string | null {
    if (!this.directory) return null;
    if (bearer) {
      const hex = sha256Hex(bearer);
      return this.directory.tokenByTokenHash(hex) ? `t:${hex}` : null;
    }
    const cookie = cookieValue(cookieHeader, SESSION_COOKIE);
    return cookie ? `s:${sha256Hex(cookie)}` : null;
  }

  /** Whether a `credential` still signs in: its token not revoked, its session open and its person not disabled. */
  stillValid(credential: string): boolean {
    const hex = credential.slice(2);
    if (credential.startsWith('t:')) return this.directory?.tokenByTokenHash(hex)?.revokedAt === null;
    return this.directory?.sessionUser(hex, this.clock()) !== undefined;
  }

  /**
   * Who is asking: a bearer token when one is sent (machines, displays), else the session
   * cookie, else open mode when the server is in it.
   */
  principal(bearer: string | undefined, cookieHeader: string | undefined): Principal | null {
    if (bearer) return this.resolve(bearer);
    return this.session(cookieValue(cookieHeader, SESSION_COOKIE)) ?? this.resolve(undefined);
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** sha256 of a secret as hex: what commands and the directory store instead of the secret. */
export function sha256Hex(s: string): string {
  return sha256(s).toString('hex');
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'fb_session';

/** One cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
