import { scopedKey } from '../../../server/protocol/keys.ts';
import type { TeamName } from '../../../server/protocol/metrics.ts';
import { collatorFor } from './collator.ts';

// Team names (config `teams`) as the snapshot sends them: only the viewer's tenants'. Pure, the
// page language passed in, so the unit tests read it without the Svelte runtime.

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

/**
 * Orders things by the name a page shows for them, as readers of `locale` (the page's language)
 * order words (collatorFor); ties (two teams of one name) by id, so no order depends on which
 * arrived first.
 */
export function byName(locale: string): (a: { name: string; id: string }, b: { name: string; id: string }) => number {
  const collator = collatorFor(locale);
  return (a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
}

/** A person's teams (ids within their tenants, `personTenants`), each by the name `personTeamName` finds, in the order of `byName(locale)`. */
export function personTeams(teams: readonly TeamName[], personTenants: readonly string[], ids: readonly string[], locale: string): { id: string; name: string }[] {
  return ids.map((id) => ({ id, name: personTeamName(teams, personTenants, id) })).sort(byName(locale));
}
