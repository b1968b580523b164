import type { AdherenceLive, AdherenceReport } from '../protocol/adherence.ts';
import { teamKey } from '../protocol/keys.ts';
import type { LiveLists } from './adherence.ts';

/** Agents per page of adherence when none is asked for (HTTP and socket). */
export const ADHERENCE_PAGE_DEFAULT = 100;
/** Most agents one page of adherence may ask for: with ?detail, each costs a day's computation (about 0.1-1 ms). */
export const ADHERENCE_PAGE_MAX = 500;
/** Longest exceptions a live answer lists; `exceptionCount` says how many there are in all. */
export const EXCEPTIONS_SHOWN = 100;

/** A window of a list of agents: from `offset`, at most `limit` (0 to ADHERENCE_PAGE_MAX). */
export interface AdherencePage {
  offset: number;
  limit: number;
}

function window<T>(list: readonly T[], p: AdherencePage): { rows: T[]; offset: number } {
  const offset = Math.min(p.offset, list.length);
  return { rows: list.slice(offset, offset + p.limit), offset };
}

/**
 * One page of live adherence's agents and its EXCEPTIONS_SHOWN longest exceptions, with the
 * counts of all: the only place a live answer's counts are set, from the lists as narrowed.
 */
export function pageLive<T extends LiveLists>(live: T, p: AdherencePage): T & AdherenceLive {
  const { rows, offset } = window(live.agents, p);
  return {
    ...live,
    agents: rows,
    agentCount: live.agents.length,
    offset,
    scheduledCount: count(live.agents, (a) => a.status !== 'unscheduled'),
    exceptions: live.exceptions.slice(0, EXCEPTIONS_SHOWN),
    exceptionCount: live.exceptions.length,
    alertCount: count(live.exceptions, (e) => e.severity === 'alert'),
  };
}

/** How many of `list` `is` holds for, without a filtered copy (every push of every room counts them). */
function count<T>(list: readonly T[], is: (x: T) => boolean): number {
  let n = 0;
  for (const x of list) if (is(x)) n++;
  return n;
}

/** One page of a day's report's agents, with the count of all (teams and tenants are over all). */
export function pageReport(r: AdherenceReport, p: AdherencePage): AdherenceReport {
  const { rows, offset } = window(r.agents, p);
  return { ...r, agents: rows, agentCount: r.agents.length, offset };
}

/** Which agents of live adherence to keep: of one team (by id, in any tenant asked for) and/or one agent; absent keeps all. */
export interface LiveNarrowing {
  teamId?: string | null;
  agentId?: string | null;
}

/**
 * Live adherence of the team and agent asked for only: their agents and exceptions, and the teams
 * of the agents kept (so an unknown team keeps no team at all); all of it when neither is asked.
 * REST and sockets both narrow with it, so they answer alike.
 */
export function narrowLive<T extends LiveLists>(live: T, n: LiveNarrowing): T {
  const { teamId, agentId } = n;
  if (!teamId && !agentId) return live;
  const keep = (a: { agentId: string; teamId: string | null }) => (!teamId || a.teamId === teamId) && (!agentId || a.agentId === agentId);
  const agents = live.agents.filter(keep);
  const kept = new Set(agents.map((a) => teamKey(a.tenant, a.teamId)));
  return { ...live, agents, exceptions: live.exceptions.filter(keep), teams: live.teams.filter((t) => kept.has(teamKey(t.tenant, t.id))) };
}
