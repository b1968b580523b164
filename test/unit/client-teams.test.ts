import { describe, expect, it } from 'vitest';
import type { LiveException } from '../../server/protocol/adherence.ts';
import { agentKey, boardTeams, longestFirst, teamLines, teamsOf } from '../../client/src/lib/client-teams.ts';

const NAMES = { acme: 'Acme Bank', beta: 'Beta Air' };
/** No team named: each shown by its id. */
const byId = (team: { id: string }) => team.id;

describe('team lines of a screen that may span clients', () => {
  it('keeps two clients\' team "t1" as two lines with two keys, each naming its client', () => {
    const lines = teamLines([{ tenant: 'beta', id: 't1' }, { tenant: 'acme', id: 't1' }, { tenant: 'acme', id: 't0' }], NAMES, true, byId, 'en');
    expect(lines.map((l) => [l.client, l.team.id])).toEqual([
      ['Acme Bank', 't0'],
      ['Acme Bank', 't1'],
      ['Beta Air', 't1'],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(3);
  });

  it('names no client on a screen of one client, and the tenant id for a client without a name', () => {
    expect(teamLines([{ tenant: 'acme', id: 't1' }], NAMES, false, byId, 'en').map((l) => l.client)).toEqual([null]);
    expect(teamLines([{ tenant: 'gamma', id: 't1' }, { tenant: 'acme', id: 't1' }], NAMES, true, byId, 'en').map((l) => l.client)).toEqual(['Acme Bank', 'gamma']);
  });

  it('keys that no choice of ids makes equal across clients', () => {
    // Joined with a bare '/', tenant "a/b" with team "c" and tenant "a" with team "b/c" would read alike.
    const lines = teamLines([{ tenant: 'a/b', id: 'c' }, { tenant: 'a', id: 'b/c' }], {}, true, byId, 'en');
    expect(lines[0].key).not.toBe(lines[1].key);
    expect(agentKey({ tenant: 'a/b', agentId: 'c' })).not.toBe(agentKey({ tenant: 'a', agentId: 'b/c' }));
  });

  // acme's teams by id t1..t5; jade's t1 is named too. Names in Latin and Han letters, with numbers.
  const TEAM_NAMES: Record<string, string> = { 'acme/t1': 'Team 10', 'acme/t2': 'Team 2', 'acme/t3': '高雄組', 'acme/t4': '台北組', 'acme/t5': '嘉義組', 'beta/t1': 'Alpha' };
  const named = (team: { tenant: string; id: string }) => TEAM_NAMES[`${team.tenant}/${team.id}`] ?? team.id;
  const ACME = [null, 't5', 't4', 't3', 't2', 't1', 't9'].map((id) => ({ tenant: 'acme', id }));
  /** A line as the lists show it: the team's name, or "-" for the agents of no team. */
  const shown = (l: { team: { id: string | null }; name: string }) => (l.team.id === null ? '-' : l.name);

  it("orders a client's teams by their names as the page's language orders words, the agents of no team after them", () => {
    // en: numbers inside by value (Team 2 before Team 10; the unnamed t9, shown by its id, before
    // both since digits come before letters), then Han by code point: 台 U+53F0, 嘉 U+5609, 高 U+9AD8.
    expect(teamLines(ACME, NAMES, false, named, 'en').map(shown)).toEqual(['t9', 'Team 2', 'Team 10', '台北組', '嘉義組', '高雄組', '-']);
    // zh-TW: Han first and by strokes: 台 5, 高 10, 嘉 14; then Latin as in en.
    expect(teamLines(ACME, NAMES, false, named, 'zh-TW').map(shown)).toEqual(['台北組', '高雄組', '嘉義組', 't9', 'Team 2', 'Team 10', '-']);
  });

  it("puts each client's agents of no team after that client's teams, before the next client's", () => {
    const teams = [null, 't1'].flatMap((id) => ['beta', 'acme'].map((tenant) => ({ tenant, id })));
    expect(teamLines(teams, NAMES, true, named, 'en').map((l) => [l.client, shown(l)])).toEqual([
      ['Acme Bank', 'Team 10'],
      ['Acme Bank', '-'],
      ['Beta Air', 'Alpha'],
      ['Beta Air', '-'],
    ]);
  });

  it('keeps a team whose id or name reads "(no team)", in either language, apart from the agents of no team', () => {
    // acme's team "(no team)" has no name (shown by its id); t2 is named as zh-TW words no team.
    const names: Record<string, string> = { 'acme/t2': '（無團隊）' };
    const teams = [null, '(no team)', 't2'].map((id) => ({ tenant: 'acme', id }));
    // The collator weighs '(' and the fullwidth '（' alike, so the words inside decide: Latin
    // before Han in en, Han first in zh-TW. The agents of no team come last in both.
    const own = ['(no team)', '(no team)'];
    const zh = ['t2', '（無團隊）'];
    for (const [locale, order] of [
      ['en', [own, zh]],
      ['zh-TW', [zh, own]],
    ] as const) {
      const lines = teamLines(teams, NAMES, false, (team) => names[`${team.tenant}/${team.id}`] ?? team.id, locale);
      expect(new Set(lines.map((l) => l.key)).size).toBe(3);
      expect(lines.map((l) => [l.team.id, l.name])).toEqual([...order, [null, '']]);
    }
  });

  it("keeps a client's teams together by client name before any team name, and two teams of one name in order of id", () => {
    const teams = ['t5', 'x2', 't4', 'x1', 't2'].map((id) => ({ tenant: 'acme', id }));
    teams.unshift({ tenant: 'beta', id: 't1' });
    const same = (team: { tenant: string; id: string }) => (team.id.startsWith('x') ? 'Team 2' : named(team));
    // Beta's "Alpha" comes after all of Acme Bank's; acme's x1, x2 and t2 are all "Team 2".
    expect(teamLines(teams, NAMES, true, same, 'en').map((l) => [l.client, l.team.id])).toEqual([
      ['Acme Bank', 't2'],
      ['Acme Bank', 'x1'],
      ['Acme Bank', 'x2'],
      ['Acme Bank', 't4'],
      ['Acme Bank', 't5'],
      ['Beta Air', 't1'],
    ]);
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

  it("offers a board the teams live adherence counts and those the configuration names, each once, ids scoped by tenant, the agents of no team left out", () => {
    const counted = [
      { tenant: 'acme', id: 't1' },
      { tenant: 'acme', id: null },
      { tenant: 'jade', id: 't1' },
    ];
    // acme's t1 is named too; acme's t2 has no scheduled agent; jade's t9 likewise.
    const named = [
      { tenant: 'acme', id: 't1', name: 'Team Taipei' },
      { tenant: 'acme', id: 't2', name: 'Team Kaohsiung' },
      { tenant: 'jade', id: 't9', name: 'Night desk' },
    ];
    expect(boardTeams(counted, named)).toEqual([
      { tenant: 'acme', id: 't1' },
      { tenant: 'jade', id: 't1' },
      { tenant: 'acme', id: 't2' },
      { tenant: 'jade', id: 't9' },
    ]);
    expect(boardTeams([], [])).toEqual([]);
  });
});

