/**
 * A tenant or team named twice in POST /tokens or POST /users is one: the records kept each once
 * already, but the command (and so the audit log's entry) kept the list as sent, so the log read
 * "user dupper: teamLead of acme, acme teams t1, t1". POST /displays made its list unique before.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, acmeAdminServer } from '../helpers/acme-admin.ts';

const { call } = acmeAdminServer();

const newest = async () => {
  const res = await call('GET', '/audit?limit=1', ADMIN);
  return (JSON.parse(res.text) as { entries: { tenants: string[]; detail: string; params: Record<string, unknown> }[] }).entries[0]!;
};

describe('a tenant or team named twice', () => {
  it('POST /users notes each once', async () => {
    expect((await call('POST', '/users', ADMIN, { name: 'dupper', role: 'teamLead', tenants: ['acme', 'acme'], teams: ['t1', 't1', 't2'], password: 'correct horse battery' })).status).toBe(201);
    const e = await newest();
    expect(e.tenants).toEqual(['acme']);
    expect(e.detail).toBe('user dupper: teamLead of acme teams t1, t2, password set');
    expect(e.params).toMatchObject({ tenants: ['acme'], teams: ['t1', 't2'] });
  });

  it('PATCH /users notes each once', async () => {
    expect((await call('PATCH', '/users/dupper', ADMIN, { tenants: ['jade', 'acme', 'jade'], teams: ['t3', 't3'] })).status).toBe(200);
    const e = await newest();
    expect(e.tenants).toEqual(['jade', 'acme']);
    expect(e.detail).toBe('user dupper: teamLead of jade, acme teams t3');
  });

  it('POST /tokens notes each once', async () => {
    const res = await call('POST', '/tokens', ADMIN, { name: 'dup-token', role: 'viewer', tenants: ['acme', 'acme', 'jade'] });
    expect(res.status).toBe(201);
    const id = (JSON.parse(res.text) as { id: string }).id;
    const e = await newest();
    expect(e.tenants).toEqual(['acme', 'jade']);
    expect(e.detail).toBe(`token ${id} "dup-token": viewer of acme, jade`);
  });
});
