import { ev } from './events.ts';

/** Call `i` of q1, queued at `hh`:(2i):00 and answered by a1 after 30 s (outside the 20 s threshold), who talks 20 s and wraps up in 5 s. */
export function lateCall(hh: string, i: number): Record<string, unknown>[] {
  const at = (s: number) => `${hh}:${String(i * 2).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  const callId = `c${hh}-${i}`;
  return [
    ev('call.queued', at(0), { callId, queueId: 'q1' }),
    ev('call.answered', at(30), { callId, queueId: 'q1', agentId: 'a1' }),
    ev('call.ended', at(50), { callId, agentId: 'a1' }),
    ev('call.wrapped', at(55), { callId, agentId: 'a1' }),
  ];
}
