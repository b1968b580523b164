import { describe, expect, it } from 'vitest';
import { scopedKey } from '../../server/protocol/keys.ts';
import { scopeKey } from '../../server/views/snapshot.ts';

const LONG_TENANT = 'x'.repeat(200);
/** The most a subscribe lets a screen ask for: 200 teams, tenant and id each 200 characters. */
const widest = (last = 199) => new Set(Array.from({ length: 200 }, (_, i) => scopedKey(LONG_TENANT, `${i === 199 ? last : i}-`.padEnd(200, 'y'))));
const base = { tenants: new Set(['acme']), queues: null };

describe('scopeKey of a team screen', () => {
  it('stays short for the widest teams asked for (it held 81,619 characters, in every cache key of the scope)', () => {
    expect(scopeKey({ ...base, teams: widest() }).length).toBeLessThan(100);
  });

  it('is the same for the same teams in any order and with repeats, and another for any other set', () => {
    const red = scopedKey('acme', 'red');
    const blue = scopedKey('acme', 'blue');
    expect(scopeKey({ ...base, teams: new Set([red, blue]) })).toBe(scopeKey({ ...base, teams: new Set([blue, red, blue]) }));
    const keys = [
      scopeKey(base),
      scopeKey({ ...base, teams: new Set([red]) }),
      scopeKey({ ...base, teams: new Set([red, blue]) }),
      // Another tenant's team of the same id, and one whose id holds what would join two keys.
      scopeKey({ ...base, teams: new Set([scopedKey('bank', 'red')]) }),
      scopeKey({ ...base, teams: new Set([scopedKey('acme', 'red","4:acme/blue')]) }),
      scopeKey({ ...base, teams: widest() }),
      scopeKey({ ...base, teams: widest(200) }),
      scopeKey({ ...base, tenants: new Set(['bank']), teams: new Set([red]) }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
