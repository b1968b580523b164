import type { AgentView } from '../../../server/protocol/metrics.ts';

/**
 * The queues whose contacts an agent on chats or emails (`otherChannel`) holds, with how many
 * each, merged over its channels other than voice: the board's Queue column shows them instead
 * of the queue of its last call, so on another queue's board it is plain whose contacts fill
 * its shared slots. null for anyone else (the column shows the call's queue).
 */
export function contactQueues(a: AgentView): { queueId: string; inUse: number }[] | null {
  if (a.boardState !== 'otherChannel') return null;
  const open = new Map<string, number>();
  for (const c of a.channels) if (c.channel !== 'voice') for (const q of c.byQueue) open.set(q.queueId, (open.get(q.queueId) ?? 0) + q.inUse);
  return open.size > 0 ? [...open].map(([queueId, inUse]) => ({ queueId, inUse })) : null;
}
