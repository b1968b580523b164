import { skillsChanged, type AgentRecord } from '../domain/engine.ts';
import type { ScopeBefore } from '../domain/tenant-floor.ts';

/**
 * Whether a screen of an agent user follows a reskill of this cycle: given the user's ACD agent
 * id (none for other roles) and the tenants it watches (null: every tenant).
 */
export type ReskilledUsers = (agent: string | null | undefined, tenants: ReadonlySet<string> | null) => boolean;

/**
 * The agent users a push cycle's reskills concern (`moved` as `Engine.takeDirty` gives it: agent
 * to where it stood; only agents whose skills changed count): those whose agent id is such an
 * agent's in one of their tenants. null when no agent's skills changed.
 */
export function reskilledUsers(moved: ReadonlyMap<AgentRecord, ScopeBefore>): ReskilledUsers | null {
  // Reskilled agents' tenants by agent id: each screen is asked about its one agent.
  const reskilled = new Map<string, Set<string>>();
  for (const [a, before] of moved) {
    if (!skillsChanged(a, before)) continue;
    let tenants = reskilled.get(a.id);
    if (!tenants) reskilled.set(a.id, (tenants = new Set()));
    tenants.add(a.tenant);
  }
  if (!reskilled.size) return null;
  return (agent, tenants) => {
    const where = agent ? reskilled.get(agent) : undefined;
    return !!where && (!tenants || [...where].some((t) => tenants.has(t)));
  };
}
