/**
 * Commands: the only way users, sessions, displays, tokens and the audit log change. Each
 * carries every id and timestamp it needs, decided before submission, so applying one is
 * deterministic on every replica and after a restart. Secrets never appear: only sha256 hashes
 * (hex) of tokens and scrypt hashes of passwords.
 */
import type { Role } from './roles.ts';
import type { PersonLang, PrincipalKind, UserProfile } from './people.ts';

/** Who submitted a command (a user name, a token name, or `cli (login)`), and when (epoch ms). */
export interface Stamp {
  at: number;
  by: string;
  /** What `by` is (names alone can look alike); absent in commands logged before it was recorded. */
  byKind?: PrincipalKind;
}

/** An scrypt password hash: parameters kept so they can be raised later without breaking old hashes. */
export interface PasswordHash {
  algo: 'scrypt';
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
  N: number;
  r: number;
  p: number;
}

export interface DisplayCreate extends Stamp {
  kind: 'display.create';
  id: string;
  name: string;
  tenants: string[];
  /** sha256 of the display token, hex. */
  tokenHash: string;
  rotationSeconds: number;
  lang: PersonLang;
}
export interface DisplayRevoke extends Stamp {
  kind: 'display.revoke';
  id: string;
}

/** Creates a user or changes one; a missing password keeps the old one. */
export interface UserUpsert extends Stamp, UserProfile {
  kind: 'user.upsert';
  name: string;
  password: PasswordHash | null;
}
export interface UserDisable extends Stamp {
  kind: 'user.disable';
  name: string;
  disabled: boolean;
}

export interface SessionOpen extends Stamp {
  kind: 'session.open';
  /** sha256 of the session cookie's value, hex. */
  idHash: string;
  user: string;
  /** Epoch ms after which the session is refused. */
  expires: number;
}
export interface SessionClose extends Stamp {
  kind: 'session.close';
  idHash: string;
}

/** A bearer token for machines (ingest feeds, scripts), shown once when created. */
export interface TokenCreate extends Stamp {
  kind: 'token.create';
  id: string;
  name: string;
  role: Role;
  tenants: string[];
  tokenHash: string;
}
export interface TokenRevoke extends Stamp {
  kind: 'token.revoke';
  id: string;
}

/** A change made elsewhere (the plan) written to the audit log. */
export interface AuditNote extends Stamp {
  kind: 'audit.note';
  /** Tenants the change touched; empty when unknown (then only admins see it). */
  tenants: string[];
  action: string;
  detail: string;
}

/** A tenant's settings, all given (a missing one would be ambiguous on replay). */
export interface TenantSettingsSet extends Stamp {
  kind: 'tenant.settings';
  tenant: string;
  /** Whether client viewers of this tenant see agent names (off: ids only). */
  clientViewerAgentNames: boolean;
}

export type Command = DisplayCreate | DisplayRevoke | UserUpsert | UserDisable | SessionOpen | SessionClose | TokenCreate | TokenRevoke | AuditNote | TenantSettingsSet;
export type CommandKind = Command['kind'];

/** Hands a command to whatever applies it (today the in-memory directory; later the durable log). */
export type Submit = (cmd: Command) => Promise<void>;
