import { ev } from './events.ts';

/**
 * The worked example of docs/metrics.md: seven calls queued 09:00-09:30 (Asia/Taipei) in q1,
 * SL threshold 20 s, short abandons under 5 s, observed at 09:31:00.
 *   c1 wait 10 answered, talk 180, acw 30      c5 wait 300 flowed out (voicemail)
 *   c2 wait 30 answered, talk 240, acw 30      c6 wait 20 answered, talk 240 + hold 60, acw 60
 *   c3 wait 3 abandoned (short)                c7 queued 09:29:50, still waiting (70 s at 09:31)
 *   c4 wait 40 abandoned
 */
export const workedExample = [
  ev('agent.login', '08:55:00', { agentId: 'a1', state: 'available', queues: ['q1'] }),
  ev('agent.login', '08:55:00', { agentId: 'a2', state: 'available', queues: ['q1'] }),
  ev('call.queued', '09:00:00', { callId: 'c1', queueId: 'q1' }),
  ev('call.answered', '09:00:10', { callId: 'c1', queueId: 'q1', agentId: 'a1' }),
  ev('call.ended', '09:03:10', { callId: 'c1', agentId: 'a1' }),
  ev('call.wrapped', '09:03:40', { callId: 'c1', agentId: 'a1', disposition: 'billing' }),
  ev('call.queued', '09:01:00', { callId: 'c2', queueId: 'q1' }),
  ev('call.answered', '09:01:30', { callId: 'c2', queueId: 'q1', agentId: 'a2' }),
  ev('call.queued', '09:02:00', { callId: 'c3', queueId: 'q1' }),
  ev('call.abandoned', '09:02:03', { callId: 'c3', queueId: 'q1' }),
  ev('call.queued', '09:03:00', { callId: 'c4', queueId: 'q1' }),
  ev('call.abandoned', '09:03:40', { callId: 'c4', queueId: 'q1' }),
  ev('call.queued', '09:04:00', { callId: 'c5', queueId: 'q1' }),
  ev('call.ended', '09:05:30', { callId: 'c2', agentId: 'a2' }),
  ev('call.queued', '09:05:00', { callId: 'c6', queueId: 'q1' }),
  ev('call.wrapped', '09:06:00', { callId: 'c2', agentId: 'a2', disposition: 'billing' }),
  ev('call.answered', '09:05:20', { callId: 'c6', queueId: 'q1', agentId: 'a1' }),
  ev('call.held', '09:06:00', { callId: 'c6', agentId: 'a1' }),
  ev('call.retrieved', '09:07:00', { callId: 'c6', agentId: 'a1' }),
  ev('call.dequeued', '09:09:00', { callId: 'c5', queueId: 'q1', reason: 'voicemail' }),
  ev('call.ended', '09:10:20', { callId: 'c6', agentId: 'a1' }),
  ev('call.wrapped', '09:11:20', { callId: 'c6', agentId: 'a1', disposition: 'refund' }),
  ev('call.queued', '09:29:50', { callId: 'c7', queueId: 'q1' }),
];
