import { describe, expect, it } from 'vitest';
import { bringsNewTenant } from '../../client/src/lib/version-gap.ts';

describe('bringsNewTenant', () => {
  const tenants = [{ id: 'acme' }, { id: 'jade' }];

  it('is false for an update of queues and agents of tenants the screen lists, and for an empty one', () => {
    expect(bringsNewTenant(tenants, { queues: [{ tenant: 'acme' }], agents: [{ tenant: 'jade' }] })).toBe(false);
    expect(bringsNewTenant(tenants, { queues: [], agents: [] })).toBe(false);
  });

  it("is true for a queue or an agent of a tenant the screen does not list (a client's first events)", () => {
    expect(bringsNewTenant(tenants, { queues: [{ tenant: 'acme' }, { tenant: 'nova' }], agents: [] })).toBe(true);
    expect(bringsNewTenant(tenants, { queues: [], agents: [{ tenant: 'nova' }] })).toBe(true);
    // A fresh screen lists no tenant: the very first queue is new.
    expect(bringsNewTenant([], { queues: [{ tenant: 'acme' }], agents: [] })).toBe(true);
  });
});
