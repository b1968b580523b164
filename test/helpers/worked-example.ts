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

/**
 * The worked example with six more calls in q1's 09:00 interval, so its service level counts ten
 * calls (MIN_SL_CALLS) and is judged. Each is answered by a1 or a2, talks 60 s and wraps up in 10 s;
 * three within 20 s (5 s waits) and three late (30 s):
 *   c8  09:12 wait 5 (a1)    c9  09:14 wait 30 (a2)    c10 09:16 wait 5 (a1)
 *   c11 09:18 wait 30 (a2)   c12 09:20 wait 5 (a1)     c13 09:22 wait 30 (a2)
 * At 09:31: offered 13; answered 3 + 6 = 9, abandoned 2 (1 short), 1 flowed out, c7 waiting.
 *   SL = answeredInSL / (answered + abandoned − short) = (2 + 3) / (9 + 2 − 1) = 5 / 10 = 50%, as before.
 *   abandon rate = (2 − 1) / (13 − 1) = 1 / 12 = 8.3%.
 */
export const workedExampleTenCalls = [
  ...workedExample,
  ...[8, 9, 10, 11, 12, 13].flatMap((n, i) => {
    const callId = `c${n}`;
    const agentId = i % 2 ? 'a2' : 'a1';
    const wait = i % 2 ? 30 : 5;
    const at = (s: number) => `09:${String(12 + 2 * i + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    return [
      ev('call.queued', at(0), { callId, queueId: 'q1' }),
      ev('call.answered', at(wait), { callId, queueId: 'q1', agentId }),
      ev('call.ended', at(wait + 60), { callId, agentId }),
      ev('call.wrapped', at(wait + 70), { callId, agentId }),
    ];
  }),
];
