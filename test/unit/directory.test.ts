import { describe, expect, it } from 'vitest';
import { Directory } from '../../server/domain/directory.ts';
import type { Command } from '../../server/protocol/commands.ts';

const T0 = Date.parse('2026-11-20T09:00:00+08:00');
const HASH = { algo: 'scrypt' as const, salt: 'c2FsdA==', hash: 'aGFzaA==', N: 32768, r: 8, p: 1 };
const user = (name: string, over: Partial<Extract<Command, { kind: 'user.upsert' }>> = {}): Command => ({ kind: 'user.upsert', name, role: 'agent', tenants: ['acme'], teams: [], agentId: null, lang: null, password: HASH, at: T0, by: 'admin', ...over });

describe('Directory (the reducer of people, sessions, displays and tokens)', () => {
  it('gives the same state to every replica that applies the same commands', () => {
    const log: Command[] = [
      user('ana', { role: 'teamLead', teams: ['t1'] }),
      { kind: 'display.create', id: 'd1', name: 'Lobby', tenants: ['acme'], tokenHash: 'ab', rotationSeconds: 15, lang: null, at: T0 + 1, by: 'admin' },
      { kind: 'session.open', idHash: 's1', user: 'ana', expires: T0 + 3600_000, at: T0 + 2, by: 'ana' },
      { kind: 'display.revoke', id: 'd1', at: T0 + 3, by: 'admin' },
    ];
    const a = new Directory();
    const b = new Directory();
    for (const c of log) a.apply(c);
    for (const c of structuredClone(log)) b.apply(c);
    expect(a.audit).toEqual(b.audit);
    expect([...a.displays.values()]).toEqual([...b.displays.values()]);
    expect(a.displays.get('d1')!.revokedAt).toBe(T0 + 3);
    // Sessions are not audited: 3 entries (user, display create, display revoke).
    expect(a.audit.map((e) => e.action)).toEqual(['user.upsert', 'display.create', 'display.revoke']);
  });

  it('refuses a session after its expiry, of a disabled user, and after a password change', () => {
    const d = new Directory();
    d.apply(user('bo'));
    d.apply({ kind: 'session.open', idHash: 's', user: 'bo', expires: T0 + 1000, at: T0, by: 'bo' });
    expect(d.sessionUser('s', T0 + 999)?.name).toBe('bo');
    expect(d.sessionUser('s', T0 + 1000)).toBeUndefined();
    d.apply({ kind: 'session.open', idHash: 's2', user: 'bo', expires: T0 + 9000, at: T0, by: 'bo' });
    d.apply({ kind: 'user.disable', name: 'bo', disabled: true, at: T0 + 1, by: 'admin' });
    expect(d.sessionUser('s2', T0 + 2)).toBeUndefined();
    expect(d.sessionCount('bo')).toBe(0);
    d.apply({ kind: 'user.disable', name: 'bo', disabled: false, at: T0 + 2, by: 'admin' });
    d.apply({ kind: 'session.open', idHash: 's3', user: 'bo', expires: T0 + 9000, at: T0 + 3, by: 'bo' });
    // Changing only the language keeps the session; a new password ends it.
    d.apply(user('bo', { password: null, lang: 'zh-TW', at: T0 + 4 }));
    expect(d.sessionUser('s3', T0 + 5)?.lang).toBe('zh-TW');
    expect(d.users.get('bo')!.password).toEqual(HASH);
    d.apply(user('bo', { at: T0 + 6 }));
    expect(d.sessionUser('s3', T0 + 7)).toBeUndefined();
  });

  it('ignores commands about things that do not exist, or a second create of one id', () => {
    const d = new Directory();
    expect(d.apply({ kind: 'display.revoke', id: 'nope', at: T0, by: 'x' })).toBe(false);
    expect(d.apply({ kind: 'session.open', idHash: 'h', user: 'ghost', expires: T0 + 1, at: T0, by: 'x' })).toBe(false);
    const create: Command = { kind: 'token.create', id: 't1', name: 'feed', role: 'ingest', tenants: ['acme'], tokenHash: 'h1', at: T0, by: 'x' };
    expect(d.apply(create)).toBe(true);
    expect(d.apply({ ...create, name: 'again' })).toBe(false);
    expect(d.tokens.get('t1')!.name).toBe('feed');
    expect(d.audit).toHaveLength(1);
  });

  it('files each entry under the tenants it touched, so a manager sees only those', () => {
    const d = new Directory();
    d.apply(user('ana', { tenants: ['*'] }));
    d.apply(user('bo', { tenants: ['acme', 'jade'] }));
    d.apply({ kind: 'user.disable', name: 'bo', disabled: true, at: T0, by: 'x' });
    d.apply({ kind: 'audit.note', tenants: ['acme'], action: 'plan', detail: 'PUT /forecasts/q1/2026-11-20', at: T0, by: 'plan1' });
    expect(d.audit.map((e) => [e.action, e.tenants])).toEqual([
      ['user.upsert', []],
      ['user.upsert', ['acme', 'jade']],
      ['user.disable', ['acme', 'jade']],
      ['plan', ['acme']],
    ]);
    expect(JSON.stringify(d.audit)).not.toContain(HASH.hash);
  });

  it('keeps a tenant\'s client-viewer name setting: off by default, changed, audited once, rebuilt from its commands', () => {
    const d = new Directory();
    expect([d.agentNamesShown('acme'), d.agentNamesShown('jade')]).toEqual([false, false]);
    const on: Command = { kind: 'tenant.settings', tenant: 'acme', clientViewerAgentNames: true, at: T0, by: 'mgr' };
    expect(d.apply(on)).toBe(true);
    // The same value again changes nothing, so it is neither kept nor audited twice.
    expect(d.apply({ ...on, at: T0 + 1 })).toBe(false);
    expect([d.agentNamesShown('acme'), d.agentNamesShown('jade')]).toEqual([true, false]);
    expect(d.audit.at(-1)).toEqual({ at: T0, by: 'mgr', action: 'tenant.settings', tenants: ['acme'], detail: 'tenant acme: client viewers see agent names', params: { tenant: 'acme', clientViewerAgentNames: true } });
    d.apply({ ...on, clientViewerAgentNames: false, at: T0 + 2 });
    expect(d.agentNamesShown('acme')).toBe(false);
    expect(d.audit.map((e) => e.detail)).toEqual(['tenant acme: client viewers see agent names', 'tenant acme: client viewers do not see agent names']);
    // A snapshot's commands, loaded into an empty directory (a restart, another replica), give the same answer.
    const again = new Directory();
    again.load(structuredClone(d.toJSON()));
    expect(again.agentNamesShown('acme')).toBe(false);
    again.apply({ ...on, at: T0 + 3 });
    expect(again.agentNamesShown('acme')).toBe(true);
  });
});
