import type { AgentView } from '../../../server/protocol/metrics.ts';

/**
 * The queues whose contacts an agent on chats or emails (`otherChannel`) holds, with how many
 * each, merged over its channels other than voice: the board's Queue column shows them instead
 * of the queue of its last call, so on another queue's board it is plain whose contacts fill
 * its shared slots. Most contacts first (ties in channel order); null for anyone else (the
 * column shows the call's queue).
 */
export function contactQueues(a: AgentView): { queueId: string; inUse: number }[] | null {
  if (a.boardState !== 'otherChannel') return null;
  const open = new Map<string, number>();
  for (const c of a.channels) if (c.channel !== 'voice') for (const q of c.byQueue) open.set(q.queueId, (open.get(q.queueId) ?? 0) + q.inUse);
  // Most contacts first: the column shows the first whole and only counts the others (firstAndRest).
  return open.size > 0 ? [...open].map(([queueId, inUse]) => ({ queueId, inUse })).sort((x, y) => y.inUse - x.inUse) : null;
}

/**
 * A cell that names one thing and counts the rest: the board's Queue column shows the first of an
 * agent's queues whole and a "+N" badge for the others (listed in its title), so a chat agent
 * with contacts of four queues reads "Loans 2 +3" rather than a list cut off mid-word.
 */
export function firstAndRest(items: readonly string[]): { first: string; rest: string[] } {
  return { first: items[0] ?? '', rest: items.slice(1) };
}
