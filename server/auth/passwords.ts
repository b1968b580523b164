import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHash } from '../protocol/commands.ts';

/** scrypt cost: N = 2^15 with r = 8 needs 32 MiB and about 50-100 ms a hash on a server core (OWASP's minimum is 2^17 with r = 8, p = 1 or equivalent; 2^15 keeps sign-in bursts cheap while staying far above a fast hash). */
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 128 * p.N * p.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a password with a fresh 16-byte salt (scrypt from node:crypto). */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS);
  return { algo: 'scrypt', salt: salt.toString('base64'), hash: key.toString('base64'), ...PARAMS };
}

/** Whether `password` matches the hash; compares in constant time. */
export async function verifyPassword(password: string, h: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(h.hash, 'base64');
  const key = await derive(password, Buffer.from(h.salt, 'base64'), h);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, checked for unknown users so they take as long as known ones. */
export const DUMMY_HASH: PasswordHash = { algo: 'scrypt', salt: Buffer.alloc(SALT_BYTES).toString('base64'), hash: Buffer.alloc(KEY_BYTES).toString('base64'), ...PARAMS };
