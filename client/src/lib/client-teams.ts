import type { LiveException } from '../../../server/protocol/adherence.ts';
import { scopedKey, teamKey } from '../../../server/protocol/keys.ts';
import { byName } from './team-names.ts';

/** A team as its tenant knows it: ids are scoped by tenant, so two clients may both have a "t1". Id null: the agents of no team. */
export interface TeamRef {
  tenant: string;
  id: string | null;
}

/** A team's line on a screen that may span clients. */
export interface TeamLine<T extends TeamRef> {
  /** Tenant and team: unique across clients, for keyed lists and lookups; the agents of no team apart from any team, whatever its id or name. */
  key: string;
  /** The client's name to show beside the team's; null on a screen of one client, where it would say nothing. */
  client: string | null;
  team: T;
  /** The team's name as `teamName` gave it; '' for the agents of no team (teamLabel words them). */
  name: string;
}

/**
 * Teams of one or several clients as lines, each keyed by tenant and team and naming its client
 * when `severalClients`; in order of client name, so a client's teams stay together, then of the
 * team's name as shown (`teamName`) in the page's language's order (`locale`), ties by id; the
 * agents of no team, not a team, after all of a client's teams, whatever the teams are called.
 */
export function teamLines<T extends TeamRef>(
  teams: readonly T[],
  clientNames: Readonly<Record<string, string>>,
  severalClients: boolean,
  teamName: (team: { tenant: string; id: string }) => string,
  locale: string,
): TeamLine<T>[] {
  const lines = teams.map((team) => ({
    key: teamKey(team.tenant, team.id),
    client: severalClients ? (clientNames[team.tenant] ?? team.tenant) : null,
    team,
    name: team.id === null ? '' : teamName({ tenant: team.tenant, id: team.id }),
  }));
  const names = byName(locale);
  const noTeam = (l: { team: T }) => (l.team.id === null ? 1 : 0);
  return lines.sort(
    (a, b) =>
      names({ name: a.client ?? '', id: a.team.tenant }, { name: b.client ?? '', id: b.team.tenant }) ||
      noTeam(a) - noTeam(b) ||
      names({ name: a.name, id: a.team.id ?? '' }, { name: b.name, id: b.team.id ?? '' }),
  );
}

/**
 * The teams a team picker offers: those of `teams` (live adherence's rows of every team; neither
 * the floor nor live adherence holds every agent) of the chosen client (every client when ''),
 * the agents of no team left out, as `teamLines`; named with their client when several are shown.
 */
export function pickerTeams<T extends TeamRef>(
  teams: readonly T[],
  tenant: string,
  clientNames: Readonly<Record<string, string>>,
  clientCount: number,
  teamName: (team: { tenant: string; id: string }) => string,
  locale: string,
): TeamLine<T & { id: string }>[] {
  const named = teams.filter((g): g is T & { id: string } => g.id !== null && (!tenant || g.tenant === tenant));
  return teamLines(named, clientNames, !tenant && clientCount > 1, teamName, locale);
}

/**
 * The teams a board's picker may offer: those live adherence counts (its scheduled agents' teams)
 * and those the configuration names (a floor that imports no schedules still has its named
 * teams), each once by tenant and team.
 */
export function boardTeams(counted: readonly TeamRef[], named: readonly { tenant: string; id: string }[]): TeamRef[] {
  const by = new Map<string, TeamRef>();
  for (const g of [...counted, ...named]) if (g.id !== null) by.set(teamKey(g.tenant, g.id), { tenant: g.tenant, id: g.id });
  return [...by.values()];
}

/** Each distinct team of some agents (those without one left out), as refs. */
export function teamsOf(agents: readonly { tenant: string; teamId: string | null }[]): { tenant: string; id: string }[] {
  const by = new Map<string, { tenant: string; id: string }>();
  for (const a of agents) if (a.teamId) by.set(scopedKey(a.tenant, a.teamId), { tenant: a.tenant, id: a.teamId });
  return [...by.values()];
}

/** Exceptions of several clients, each client's list longest first, merged longest first overall. */
export function longestFirst(lists: readonly (readonly LiveException[])[]): LiveException[] {
  return lists.flat().sort((a, b) => b.seconds - a.seconds);
}

/** The key of an agent's line on a screen that may span clients (agent ids are scoped by tenant too). */
export const agentKey = (a: { tenant: string; agentId: string }): string => scopedKey(a.tenant, a.agentId);
