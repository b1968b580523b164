import { foldName } from './principal-name.ts';

type Kind = 'person' | 'token';

/**
 * Names of people and tokens being created, folded as principal-name.ts compares them. A
 * creation checks the names that exist, then awaits (a password hash, the log append) before its
 * record exists: two requests at once for "bob" and "BOB" would both pass the check. A person's
 * name may clash with nothing; a token's only with a person's (tokens may share a name).
 */
export class NamesInFlight {
  private readonly held = new Map<string, Record<Kind, number>>();

  /** Holds `name` for a creation of `kind`; false, holding nothing, when a look-alike being created clashes with it. */
  claim(name: string, kind: Kind): boolean {
    const key = foldName(name);
    const h = this.held.get(key) ?? { person: 0, token: 0 };
    if (h.person > 0 || (kind === 'person' && h.token > 0)) return false;
    h[kind]++;
    this.held.set(key, h);
    return true;
  }

  /** Lets go of a name `claim` held, once its creation is done or failed. */
  release(name: string, kind: Kind): void {
    const key = foldName(name);
    const h = this.held.get(key);
    if (!h) return;
    h[kind]--;
    if (h.person + h.token <= 0) this.held.delete(key);
  }
}
