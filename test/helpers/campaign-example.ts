import { ev } from './events.ts';

/**
 * The outbound worked example of docs/metrics.md ("Outbound campaigns"): campaign `survey` of
 * tenant `jade` on 2026-11-20, Asia/Taipei. Agents a1 and a2 are skilled for `survey`; a3 is
 * not (its time is no campaign's). Attempts d1-d8 fall in 09:00-10:00, d9-d10 in 10:00-11:00.
 */
export function campaignExample(): Record<string, unknown>[] {
  const jade = { tenant: 'jade' };
  const attempt = (at: string, attemptId: string, result: string, extra: Record<string, unknown> = {}) => ev('dial.attempt', at, { ...jade, attemptId, campaignId: 'survey', result, ...extra });
  const outcome = (at: string, attemptId: string, o: string) => ev('dial.outcome', at, { ...jade, attemptId, campaignId: 'survey', outcome: o });
  const talk = (callId: string, agentId: string, from: string, to: string) => [
    ev('call.answered', from, { ...jade, callId, queueId: 'survey', agentId, direction: 'outbound' }),
    ev('call.ended', to, { ...jade, callId, agentId }),
  ];
  return [
    ev('agent.login', '09:00:00', { ...jade, agentId: 'a1', queues: ['survey'], state: 'available' }),
    ev('agent.login', '09:00:00', { ...jade, agentId: 'a3', queues: ['inbound'], state: 'available' }),
    ev('agent.login', '09:30:00', { ...jade, agentId: 'a2', queues: ['survey'], state: 'available' }),
    attempt('09:05:00', 'd1', 'connected', { agentId: 'a1' }),
    ...talk('d1', 'a1', '09:05:00', '09:08:00'),
    outcome('09:08:30', 'd1', 'success'),
    attempt('09:10:00', 'd2', 'no-answer'),
    attempt('09:12:00', 'd3', 'busy'),
    attempt('09:15:00', 'd4', 'refused'),
    attempt('09:20:00', 'd5', 'failed'),
    attempt('09:25:00', 'd6', 'abandoned'),
    attempt('09:30:00', 'd7', 'connected', { callId: 'c7' }),
    ...talk('c7', 'a2', '09:30:00', '09:31:00'),
    outcome('09:31:10', 'd7', 'refusal'),
    ev('agent.state', '09:45:00', { ...jade, agentId: 'a2', state: 'aux', reason: 'break' }),
    ev('agent.state', '09:55:00', { ...jade, agentId: 'a2', state: 'available' }),
    attempt('09:59:50', 'd8', 'connected'),
    ...talk('d8', 'a1', '09:59:50', '10:02:50'),
    outcome('10:03:10', 'd8', 'success'),
    attempt('10:00:00', 'd9', 'connected'),
    ...talk('d9', 'a2', '10:00:00', '10:02:00'),
    outcome('10:02:05', 'd9', 'callback'),
    attempt('10:10:00', 'd10', 'no-answer'),
    ev('agent.logout', '10:15:00', { ...jade, agentId: 'a2' }),
    ev('agent.logout', '10:30:00', { ...jade, agentId: 'a1' }),
    ev('agent.logout', '11:00:00', { ...jade, agentId: 'a3' }),
  ];
}
