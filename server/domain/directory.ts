import type { Role } from '../protocol/roles.ts';
import type { Command, PasswordHash } from '../protocol/commands.ts';
import type { PrincipalKind } from '../protocol/people.ts';
import { auditParams, type AuditParams } from './audit-params.ts';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from './tenant-settings.ts';

export interface UserRecord {
  name: string;
  role: Role;
  /** null: every tenant ('*'). */
  tenants: ReadonlySet<string> | null;
  /** null: every team of the tenants. */
  teams: ReadonlySet<string> | null;
  agentId: string | null;
  lang: 'en' | 'zh-TW' | null;
  password: PasswordHash | null;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface DisplayRecord {
  id: string;
  name: string;
  tenants: string[];
  tokenHash: string;
  rotationSeconds: number;
  lang: 'en' | 'zh-TW' | null;
  createdAt: number;
  createdBy: string;
  /** Epoch ms; null while the display is on. */
  revokedAt: number | null;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  tenants: ReadonlySet<string> | null;
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface SessionRecord {
  user: string;
  opened: number;
  expires: number;
}

export interface AuditEntry {
  at: number;
  by: string;
  /** What `by` is; absent for a command logged before kinds were recorded. */
  byKind?: PrincipalKind;
  /** The command's kind, or for a note the action it names (`plan`). */
  action: string;
  /** Tenants the change touched; empty: only admins see it. */
  tenants: string[];
  /** What changed, without secrets (English, for machines and logs). */
  detail: string;
  /** The same as fields, so a screen can word it in its own language. */
  params: AuditParams;
}

/** Kinds that are not written to the audit log (sign-in and sign-out are too frequent and not a change of rights). */
const UNAUDITED = new Set<Command['kind']>(['session.open', 'session.close']);

const setOf = (list: string[]): ReadonlySet<string> | null => (list.includes('*') ? null : new Set(list));
const listOf = (s: ReadonlySet<string> | null): string[] => (s ? [...s] : ['*']);

/**
 * Users, sessions, displays and machine tokens, changed only by `apply(command)`: a pure
 * reducer (no clock, no randomness, no I/O), so every replica that applies the same commands
 * in the same order holds the same directory. Commands that refer to something missing are
 * ignored (the route checked first; a replayed log may hold a stale one).
 */
export class Directory {
  readonly users = new Map<string, UserRecord>();
  readonly displays = new Map<string, DisplayRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly displayByHash = new Map<string, DisplayRecord>();
  private readonly tokenByHash = new Map<string, TokenRecord>();
  readonly audit: AuditEntry[] = [];
  /** Settings of tenants that changed any from the defaults. */
  private readonly settings = new Map<string, TenantSettings>();

  /** The commands that changed something, in order: the directory is their fold (snapshots keep these). */
  private readonly applied: Command[] = [];

  /** The directory as data for a snapshot: the commands that built it. */
  toJSON(): Command[] {
    return this.applied;
  }

  /** Rebuilds the directory from `toJSON`'s commands (into an empty one). */
  load(commands: Command[]): void {
    for (const cmd of commands) this.apply(cmd);
  }

  /** Applies one command; returns whether it changed anything. */
  apply(cmd: Command): boolean {
    const changed = this.reduce(cmd);
    if (changed) this.applied.push(cmd);
    if (changed && !UNAUDITED.has(cmd.kind)) this.audit.push({ at: cmd.at, by: cmd.by, byKind: cmd.byKind, action: cmd.kind === 'audit.note' ? cmd.action : cmd.kind, tenants: this.tenantsOf(cmd), detail: describe(cmd), params: auditParams(cmd) });
    return changed;
  }

  private reduce(cmd: Command): boolean {
    switch (cmd.kind) {
      case 'display.create': {
        if (this.displays.has(cmd.id) || this.displayByHash.has(cmd.tokenHash)) return false;
        const d: DisplayRecord = { id: cmd.id, name: cmd.name, tenants: [...cmd.tenants], tokenHash: cmd.tokenHash, rotationSeconds: cmd.rotationSeconds, lang: cmd.lang, createdAt: cmd.at, createdBy: cmd.by, revokedAt: null };
        this.displays.set(d.id, d);
        this.displayByHash.set(d.tokenHash, d);
        return true;
      }
      case 'display.revoke': {
        const d = this.displays.get(cmd.id);
        if (!d || d.revokedAt !== null) return false;
        d.revokedAt = cmd.at;
        return true;
      }
      case 'user.upsert': {
        const old = this.users.get(cmd.name);
        const password = cmd.password ?? old?.password ?? null;
        this.users.set(cmd.name, {
          name: cmd.name,
          role: cmd.role,
          tenants: setOf(cmd.tenants),
          teams: cmd.teams.length ? new Set(cmd.teams) : null,
          agentId: cmd.agentId,
          lang: cmd.lang,
          password,
          disabled: old?.disabled ?? false,
          createdAt: old?.createdAt ?? cmd.at,
          updatedAt: cmd.at,
        });
        // A changed password or role ends the user's sessions, so old rights do not linger.
        if (old && (cmd.password || old.role !== cmd.role)) this.closeSessionsOf(cmd.name);
        return true;
      }
      case 'user.disable': {
        const u = this.users.get(cmd.name);
        if (!u || u.disabled === cmd.disabled) return false;
        u.disabled = cmd.disabled;
        u.updatedAt = cmd.at;
        if (cmd.disabled) this.closeSessionsOf(cmd.name);
        return true;
      }
      case 'session.open':
        if (!this.users.has(cmd.user)) return false;
        this.sessions.set(cmd.idHash, { user: cmd.user, opened: cmd.at, expires: cmd.expires });
        return true;
      case 'session.close':
        return this.sessions.delete(cmd.idHash);
      case 'token.create': {
        if (this.tokens.has(cmd.id) || this.tokenByHash.has(cmd.tokenHash)) return false;
        const t: TokenRecord = { id: cmd.id, name: cmd.name, role: cmd.role, tenants: setOf(cmd.tenants), tokenHash: cmd.tokenHash, createdAt: cmd.at, revokedAt: null };
        this.tokens.set(t.id, t);
        this.tokenByHash.set(t.tokenHash, t);
        return true;
      }
      case 'token.revoke': {
        const t = this.tokens.get(cmd.id);
        if (!t || t.revokedAt !== null) return false;
        t.revokedAt = cmd.at;
        return true;
      }
      case 'audit.note':
        return true;
      case 'tenant.settings': {
        const old = this.tenantSettings(cmd.tenant);
        if (old.clientViewerAgentNames === cmd.clientViewerAgentNames) return false;
        this.settings.set(cmd.tenant, { clientViewerAgentNames: cmd.clientViewerAgentNames });
        return true;
      }
    }
  }

  /** A tenant's settings (the defaults until one is set). */
  tenantSettings(tenant: string): TenantSettings {
    return this.settings.get(tenant) ?? DEFAULT_TENANT_SETTINGS;
  }

  /** Whether client viewers of a tenant may see its agents' names. */
  agentNamesShown(tenant: string): boolean {
    return this.tenantSettings(tenant).clientViewerAgentNames;
  }

  /**
   * Whether a person (enabled or not), a token made on the Admin page or a display, neither
   * revoked, is granted `tenant` by name ('*' names none). A scan of them all: asked only when an
   * all-tenant caller names a tenant the floor does not know.
   */
  grantsTenant(tenant: string): boolean {
    for (const u of this.users.values()) if (u.tenants?.has(tenant)) return true;
    for (const t of this.tokens.values()) if (t.revokedAt === null && t.tenants?.has(tenant)) return true;
    for (const d of this.displays.values()) if (d.revokedAt === null && d.tenants.includes(tenant)) return true;
    return false;
  }

  /** The display holding a token hash, revoked or not (a revoked one must be refused, not mistaken for open mode). */
  displayByTokenHash(hash: string): DisplayRecord | undefined {
    return this.displayByHash.get(hash);
  }

  /** The machine token with this hash, revoked or not. */
  tokenByTokenHash(hash: string): TokenRecord | undefined {
    return this.tokenByHash.get(hash);
  }

  /** The enabled user of a live session at `now` (epoch ms), or undefined. */
  sessionUser(idHash: string, now: number): UserRecord | undefined {
    const s = this.sessions.get(idHash);
    if (!s || s.expires <= now) return undefined;
    const u = this.users.get(s.user);
    return u && !u.disabled ? u : undefined;
  }

  /** Sessions open for a user (any expiry), for tests and the admin page. */
  sessionCount(user: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.user === user) n++;
    return n;
  }

  /** Whether any person can sign in: with none the server may run in open mode. */
  get hasUsers(): boolean {
    return this.users.size > 0;
  }

  private closeSessionsOf(user: string): void {
    for (const [k, s] of this.sessions) if (s.user === user) this.sessions.delete(k);
  }

  private tenantsOf(cmd: Command): string[] {
    switch (cmd.kind) {
      case 'display.create':
      case 'token.create':
      case 'user.upsert':
      case 'audit.note':
        return cmd.tenants.filter((t) => t !== '*');
      case 'display.revoke':
        return this.displays.get(cmd.id)?.tenants ?? [];
      case 'token.revoke':
        return listOf(this.tokens.get(cmd.id)?.tenants ?? null).filter((t) => t !== '*');
      case 'user.disable':
        return listOf(this.users.get(cmd.name)?.tenants ?? null).filter((t) => t !== '*');
      case 'tenant.settings':
        return [cmd.tenant];
      default:
        return [];
    }
  }
}

/** A one-line account of a command for the audit log; hashes and passwords are left out. */
function describe(cmd: Command): string {
  switch (cmd.kind) {
    case 'display.create':
      return `display ${cmd.id} "${cmd.name}" for ${cmd.tenants.join(', ')}, rotating every ${cmd.rotationSeconds} s`;
    case 'display.revoke':
      return `display ${cmd.id} switched off`;
    case 'user.upsert':
      return `user ${cmd.name}: ${cmd.role} of ${cmd.tenants.join(', ')}${cmd.teams.length ? ` teams ${cmd.teams.join(', ')}` : ''}${cmd.password ? ', password set' : ''}`;
    case 'user.disable':
      return `user ${cmd.name} ${cmd.disabled ? 'disabled' : 'enabled'}`;
    case 'token.create':
      return `token ${cmd.id} "${cmd.name}": ${cmd.role} of ${cmd.tenants.join(', ')}`;
    case 'token.revoke':
      return `token ${cmd.id} revoked`;
    case 'audit.note':
      return cmd.detail;
    case 'tenant.settings':
      return `tenant ${cmd.tenant}: client viewers ${cmd.clientViewerAgentNames ? 'see' : 'do not see'} agent names`;
    default:
      return cmd.kind;
  }
}
