import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenConfig } from '../config/config.ts';

export type Role = 'viewer' | 'analyst' | 'ingest' | 'admin';

/** Who is asking: a named token with a role and the tenants it may see (null: every tenant). */
export interface Principal {
  name: string;
  role: Role;
  tenants: ReadonlySet<string> | null;
}

/**
 * What each role may do. Viewers read; analysts read and change the plan (forecasts,
 * schedules, what-ifs); ingest tokens write events; admins do everything.
 */
export const can = {
  read: (p: Principal) => p.role !== 'ingest',
  plan: (p: Principal) => p.role === 'analyst' || p.role === 'admin',
  write: (p: Principal) => p.role === 'ingest' || p.role === 'admin',
  seeTenant: (p: Principal, tenant: string) => p.tenants === null || p.tenants.has(tenant),
};

const OPEN: Principal = { name: 'anonymous (open mode)', role: 'admin', tenants: null };

/**
 * Resolves bearer tokens to principals. With no tokens configured the server is in open mode
 * (every request may do everything), which index.ts announces loudly at start-up.
 */
export class Authenticator {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(tokens: TokenConfig[]) {
    this.entries = tokens.map((t) => ({
      digest: sha256(t.token),
      principal: { name: t.name, role: t.role, tenants: t.tenants.includes('*') ? null : new Set(t.tenants) },
    }));
  }

  get open(): boolean {
    return this.entries.length === 0;
  }

  /** The principal for a token, or null when the token is missing or unknown. */
  resolve(token: string | undefined | null): Principal | null {
    if (this.open) return OPEN;
    if (!token) return null;
    const digest = sha256(token);
    // Compare digests in constant time so a token cannot be guessed byte by byte.
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest)) return e.principal;
    return null;
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
