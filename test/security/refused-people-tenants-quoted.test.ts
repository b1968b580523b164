/**
 * A refused person's tenants are quoted, not written out: POST and PATCH /users answer 403
 * `user.mayNotManage` naming the tenants asked for, and a body of 16 KiB (up to 200 tenants of up
 * to 200 characters) came back whole, twice (message and params): a 28,398-byte refusal to the
 * prober's 70 tenants of 200 characters. Bad input is named with at most a short prefix.
 */
import { describe, expect, it } from 'vitest';
import { ACME_ADMIN, ADMIN, acmeAdminServer } from '../helpers/acme-admin.ts';

const { call } = acmeAdminServer();
const PW = 'correct horse battery';
// 70 tenants of 200 characters: 14,210 characters joined, under the 16 KiB body limit.
const many = Array.from({ length: 70 }, (_, i) => `${String(i).padStart(3, '0')}${'t'.repeat(197)}`);
// The joined list's first 40 characters and an ellipsis (clip, QUOTE_MAX).
const shown = `000${'t'.repeat(37)}…`;

describe("a refused person's tenants, to an admin of acme alone", () => {
  it('POST /users names at most a short prefix of them', async () => {
    const res = await call('POST', '/users', ACME_ADMIN, { name: 'wide', role: 'analyst', tenants: many, password: PW });
    expect(res).toEqual({ status: 403, text: JSON.stringify({ error: `you may not create a analyst of ${shown}`, code: 'user.mayNotManage', params: { role: 'analyst', tenants: shown } }) });
  });

  it('PATCH /users/:name names at most a short prefix of them', async () => {
    expect((await call('POST', '/users', ADMIN, { name: 'acme-lead', role: 'teamLead', tenants: ['acme'], password: PW })).status).toBe(201);
    const res = await call('PATCH', '/users/acme-lead', ACME_ADMIN, { tenants: many });
    expect(res).toEqual({ status: 403, text: JSON.stringify({ error: `you may not make "acme-lead" a teamLead of ${shown}`, code: 'user.mayNotManage', params: { role: 'teamLead', tenants: shown } }) });
  });

  it('names a short list as before', async () => {
    const res = await call('POST', '/users', ACME_ADMIN, { name: 'two', role: 'analyst', tenants: ['acme', 'jade'], password: PW });
    expect(JSON.parse(res.text)).toEqual({ error: 'you may not create a analyst of acme, jade', code: 'user.mayNotManage', params: { role: 'analyst', tenants: 'acme, jade' } });
  });
});
