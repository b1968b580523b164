import { describe, expect, it } from 'vitest';
import { NamesInFlight } from '../../server/auth/names-in-flight.ts';

describe('NamesInFlight', () => {
  it("lets a person's name clash with any look-alike being created, a token's only with a person's", () => {
    const n = new NamesInFlight();
    expect(n.claim('Bob', 'person')).toBe(true);
    expect(n.claim('BOB', 'token')).toBe(false);
    expect(n.claim('ｂｏｂ', 'person')).toBe(false);
    n.release('Bob', 'person');
    expect(n.claim('bob', 'token')).toBe(true);
    // Tokens may share a name; a person may not take one being given to a token.
    expect(n.claim('Bob', 'token')).toBe(true);
    expect(n.claim('bob', 'person')).toBe(false);
    n.release('bob', 'token');
    expect(n.claim('bob', 'person')).toBe(false);
    n.release('Bob', 'token');
    expect(n.claim('bob', 'person')).toBe(true);
  });
});
