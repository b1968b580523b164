import { describe, expect, it } from 'vitest';
import type { LiveException } from '../../server/protocol/adherence.ts';
import { agentKey, longestFirst, teamLines, teamsOf } from '../../client/src/lib/client-teams.ts';

const NAMES = { acme: 'Acme Bank', beta: 'Beta Air' };

describe('team lines of a screen that may span clients', () => {
  it('keeps two clients\' team "t1" as two lines with two keys, each naming its client', () => {
    const lines = teamLines([{ tenant: 'beta', id: 't1' }, { tenant: 'acme', id: 't1' }, { tenant: 'acme', id: 't0' }], NAMES, true);
    expect(lines.map((l) => [l.client, l.team.id])).toEqual([
      ['Acme Bank', 't0'],
      ['Acme Bank', 't1'],
      ['Beta Air', 't1'],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(3);
  });

  it('names no client on a screen of one client, and the tenant id for a client without a name', () => {
    expect(teamLines([{ tenant: 'acme', id: 't1' }], NAMES, false).map((l) => l.client)).toEqual([null]);
    expect(teamLines([{ tenant: 'gamma', id: 't1' }, { tenant: 'acme', id: 't1' }], NAMES, true).map((l) => l.client)).toEqual(['Acme Bank', 'gamma']);
  });

  it('keys that no choice of ids makes equal across clients', () => {
    // Joined with a bare '/', tenant "a/b" with team "c" and tenant "a" with team "b/c" would read alike.
    const lines = teamLines([{ tenant: 'a/b', id: 'c' }, { tenant: 'a', id: 'b/c' }], {}, true);
    expect(lines[0].key).not.toBe(lines[1].key);
    expect(agentKey({ tenant: 'a/b', agentId: 'c' })).not.toBe(agentKey({ tenant: 'a', agentId: 'b/c' }));
  });

  it('takes each distinct team of some agents once, per client, leaving out agents of no team', () => {
    const agents = [
      { tenant: 'acme', teamId: 't1' },
      { tenant: 'acme', teamId: 't1' },
      { tenant: 'beta', teamId: 't1' },
      { tenant: 'beta', teamId: null },
    ];
    expect(teamsOf(agents)).toEqual([
      { tenant: 'acme', id: 't1' },
      { tenant: 'beta', id: 't1' },
    ]);
  });
});

describe('exceptions of several clients', () => {
  const out = (tenant: string, agentId: string, seconds: number) => ({ tenant, agentId, seconds }) as LiveException;

  it('merges each client\'s longest-first list into one longest first, so the top lines are the longest anywhere', () => {
    // acme: 900 s, 400 s; beta: 1,200 s, 100 s. Side by side the first three would be 900, 400, 1,200.
    const merged = longestFirst([
      [out('acme', 'a1', 900), out('acme', 'a2', 400)],
      [out('beta', 'a1', 1200), out('beta', 'a2', 100)],
    ]);
    expect(merged.slice(0, 3).map((e) => [e.tenant, e.agentId, e.seconds])).toEqual([
      ['beta', 'a1', 1200],
      ['acme', 'a1', 900],
      ['acme', 'a2', 400],
    ]);
    expect(new Set(merged.map(agentKey)).size).toBe(4);
  });
});
