import { ev } from './events.ts';

/**
 * A mailbox `mail` of the default tenant on 2026-11-20 (Taipei): m1 queued 08:00 and still
 * waiting; m2 queued 09:00, answered by a1 at 09:10 (wait 600 s, within the 24 h target), ended
 * 09:15, wrapped 09:16. At 10:00: oldest age 7,200 s; in target today 1 / 1 = 100% over one item.
 * New events each call (fresh ids), for an engine or a server of its own.
 */
export function oneEmailAnswered(): Record<string, unknown>[] {
  return [
    ev('agent.login', '08:55:00', { agentId: 'a1', state: 'available', queues: ['mail'] }),
    ev('call.queued', '08:00:00', { callId: 'm1', queueId: 'mail', channel: 'email' }),
    ev('call.queued', '09:00:00', { callId: 'm2', queueId: 'mail', channel: 'email' }),
    ev('call.answered', '09:10:00', { callId: 'm2', queueId: 'mail', agentId: 'a1' }),
    ev('call.ended', '09:15:00', { callId: 'm2', agentId: 'a1' }),
    ev('call.wrapped', '09:16:00', { callId: 'm2', agentId: 'a1' }),
  ];
}
