import { scopedKey } from '../../../server/protocol/keys.ts';
import type { TeamName } from '../../../server/protocol/metrics.ts';

// Team names (config `teams`) as the snapshot sends them: only the viewer's tenants'. Pure, no
// page language, so the unit tests read it without the Svelte runtime.

/** Team names by `scopedKey(tenant, id)`; a later entry wins (a config file's name over the simulator's). */
export function teamNameMap(teams: readonly TeamName[]): Record<string, string> {
  return Object.fromEntries(teams.map((team) => [scopedKey(team.tenant, team.id), team.name]));
}

/**
 * A person's team (People page) by name: a person's teams are ids within their tenants, so the
 * name is looked up in those (every tenant listed when they have '*'); the id when none of them
 * names it, or two of them name it differently. `teams` holds only tenants the viewer may see.
 */
export function personTeamName(teams: readonly TeamName[], personTenants: readonly string[], id: string): string {
  const all = personTenants.includes('*');
  // One entry a team, the later winning as in teamNameMap.
  const latest = [...new Map(teams.map((team) => [scopedKey(team.tenant, team.id), team])).values()];
  const names = new Set(latest.filter((team) => team.id === id && (all || personTenants.includes(team.tenant))).map((team) => team.name));
  return names.size === 1 ? [...names][0] : id;
}
