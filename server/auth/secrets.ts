import { randomBytes } from 'node:crypto';

/** A new secret for a bearer token, display or session: 32 random bytes, base64url, with a prefix saying what it is. */
export function newSecret(prefix: 'fbd' | 'fbt' | 'fbs'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** A short random id (12 hex digits) with a prefix, for displays and tokens. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
