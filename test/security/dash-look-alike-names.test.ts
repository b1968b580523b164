/**
 * A name with another dash where a principal's has a hyphen reads the same: the prober made the
 * person "root‐token" (U+2010 HYPHEN) beside the token "root-token", and the audit log then showed
 * two principals of one look. NFKC keeps U+2010 (and makes U+2011 one), U+2012-U+2015 and the
 * minus sign U+2212 apart from "-", so foldName reads them as "-".
 */
import { describe, expect, it } from 'vitest';
import { foldName, looksLike } from '../../server/auth/principal-name.ts';
import { ADMIN, acmeAdminServer } from '../helpers/acme-admin.ts';

const { call } = acmeAdminServer();
const PW = 'correct horse battery';

describe('dashes in names', () => {
  it.each([
    ['\u2010', 'hyphen'],
    ['\u2011', 'non-breaking hyphen'],
    ['\u2012', 'figure dash'],
    ['\u2013', 'en dash'],
    ['\u2014', 'em dash'],
    ['\u2212', 'minus sign'],
    ['\ufe63', 'small hyphen-minus'],
    ['\uff0d', 'fullwidth hyphen-minus'],
  ])('folds %s (%s) as "-"', (dash) => {
    expect(foldName(`root${dash}admin`)).toBe('root-admin');
    expect(looksLike(`root${dash}admin`, ['root-admin'])).toBe(true);
  });

  it('keeps other punctuation apart', () => {
    expect(looksLike('root_admin', ['root-admin'])).toBe(false);
    expect(looksLike('root.admin', ['root-admin'])).toBe(false);
  });

  it("POST /users refuses a person named as a token with another dash, as it refuses the token's own name", async () => {
    // acmeAdminServer's all-tenant token is named "root-admin".
    const own = await call('POST', '/users', ADMIN, { name: 'root-admin', role: 'analyst', tenants: ['acme'], password: PW });
    const dashed = await call('POST', '/users', ADMIN, { name: 'root\u2010admin', role: 'analyst', tenants: ['acme'], password: PW });
    expect(own.status).toBe(409);
    expect(dashed).toEqual({ status: 409, text: JSON.stringify({ error: 'user name "root\u2010admin" is not available: choose another', code: 'user.exists', params: { name: 'root\u2010admin' } }) });
  });
});
