import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personTeamName, personTeams, teamNameMap } from '../../client/src/lib/team-names.ts';
import { ConfigError, loadConfig } from '../../server/config/config.ts';
import { scopedKey } from '../../server/protocol/keys.ts';

/** Loads a config file holding `content` (the environment empty). */
function withFile(content: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'fb-teams-'));
  const path = join(dir, 'floorboard.config.json');
  writeFileSync(path, JSON.stringify(content));
  return () => loadConfig({ FLOORBOARD_CONFIG: path }, dir);
}

describe('team names in the config file', () => {
  it('reads teams: [{ id, tenant, name }], the same id in two tenants being two teams', () => {
    const c = withFile({ teams: [{ id: 't1', tenant: 'acme', name: 'Team Taipei' }, { id: 't1', tenant: 'jade', name: 'Cards North' }] })();
    expect(c.teams).toEqual([
      { id: 't1', tenant: 'acme', name: 'Team Taipei' },
      { id: 't1', tenant: 'jade', name: 'Cards North' },
    ]);
    // None configured: none, and every team is shown by its id.
    expect(loadConfig({}, '/nonexistent').teams).toEqual([]);
  });

  it('stops with a message naming the bad field: no name, an empty name, an unknown field, not a list', () => {
    expect(withFile({ teams: [{ id: 't1', tenant: 'acme' }] })).toThrow(ConfigError);
    expect(withFile({ teams: [{ id: 't1', tenant: 'acme' }] })).toThrow(/teams\.0\.name: /);
    expect(withFile({ teams: [{ id: 't1', tenant: 'acme', name: 'ok' }, { id: 't2', tenant: 'acme', name: '   ' }] })).toThrow(/teams\.1\.name: must not be empty/);
    expect(withFile({ teams: [{ id: 't1', tenant: 'acme', name: 'A', colour: 'red' }] })).toThrow(/teams\.0: unknown field\(s\): colour/);
    expect(withFile({ teams: [{ id: '', tenant: 'acme', name: 'A' }] })).toThrow(/teams\.0\.id: /);
    expect(withFile({ teams: { t1: 'Team Taipei' } })).toThrow(/teams: /);
  });

  it('refuses a team named twice in one tenant, saying which', () => {
    const load = withFile({ teams: [{ id: 't1', tenant: 'acme', name: 'Team Taipei' }, { id: 't1', tenant: 'acme', name: 'Team Tainan' }] });
    expect(load).toThrow(/teams: team "t1" of tenant "acme" appears twice/);
  });
});

describe('team names on the page', () => {
  const teams = [
    { tenant: 'acme', id: 't1', name: 'Team Taipei' },
    { tenant: 'jade', id: 't1', name: 'Cards North' },
    { tenant: 'jade', id: 't9', name: 'Loans' },
    // A config file's name after the simulator's: the later wins.
    { tenant: 'jade', id: 't9', name: 'Loans South' },
  ];

  it('looks a name up by tenant and id', () => {
    const names = teamNameMap(teams);
    expect(names[scopedKey('acme', 't1')]).toBe('Team Taipei');
    expect(names[scopedKey('jade', 't1')]).toBe('Cards North');
    expect(names[scopedKey('jade', 't9')]).toBe('Loans South');
    expect(names[scopedKey('acme', 't9')]).toBeUndefined();
  });

  it("names a person's team from their own tenants only, else shows the id", () => {
    expect(personTeamName(teams, ['acme'], 't1')).toBe('Team Taipei');
    expect(personTeamName(teams, ['jade'], 't1')).toBe('Cards North');
    expect(personTeamName(teams, ['jade'], 't9')).toBe('Loans South');
    // acme has no t9: jade's name is not borrowed.
    expect(personTeamName(teams, ['acme'], 't9')).toBe('t9');
    // Every tenant: t1 has two names, so neither is right; t9 has one.
    expect(personTeamName(teams, ['*'], 't1')).toBe('t1');
    expect(personTeamName(teams, ['*'], 't9')).toBe('Loans South');
    expect(personTeamName([], ['acme'], 't1')).toBe('t1');
  });

  it("lists a person's teams by name in the page's language's order, each with its id", () => {
    const named = [...teams, { tenant: 'jade', id: 't2', name: '高雄組' }, { tenant: 'jade', id: 't3', name: '台北組' }];
    // Ids t9, t1, t3, t2, t4 are Loans South, Cards North, 台北組, 高雄組 and (no name) t4.
    const ids = ['t9', 't1', 't3', 't2', 't4'];
    expect(personTeams(named, ['jade'], ids, 'en')).toEqual([
      { id: 't1', name: 'Cards North' },
      { id: 't9', name: 'Loans South' },
      { id: 't4', name: 't4' },
      { id: 't3', name: '台北組' },
      { id: 't2', name: '高雄組' },
    ]);
    // zh-TW: Han names first (台 5 strokes before 高 10), then Latin.
    expect(personTeams(named, ['jade'], ids, 'zh-TW').map((team) => team.name)).toEqual(['台北組', '高雄組', 'Cards North', 'Loans South', 't4']);
  });
});
