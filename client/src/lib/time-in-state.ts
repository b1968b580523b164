import type { AgentBoardState } from '../../../server/protocol/metrics.ts';

/**
 * How long is too long in a state, for the agent board's colours (seconds):
 * on a contact, twice the queue's AHT today is amber and three times red (10 and 15 minutes
 * when there is no AHT yet); after-call work 2 and 5 minutes; a break 15 and 20, lunch 60 and
 * 70, any other aux 10 and 20 minutes. Available and offline are never flagged, nor an agent
 * on chats or emails (`otherChannel`): a chat agent keeps some open all day, one run after another.
 */
export function timeInStateStatus(state: AgentBoardState, reason: string | null, seconds: number, queueAhtSeconds: number | null): 'ok' | 'amber' | 'red' {
  let amber: number;
  let red: number;
  if (state === 'talking' || state === 'hold') {
    const aht = queueAhtSeconds ?? 300;
    amber = Math.max(2 * aht, 60);
    red = Math.max(3 * aht, 90);
  } else if (state === 'acw') {
    [amber, red] = [120, 300];
  } else if (state === 'aux') {
    [amber, red] = reason === 'break' ? [900, 1200] : reason === 'lunch' ? [3600, 4200] : [600, 1200];
  } else {
    return 'ok';
  }
  return seconds > red ? 'red' : seconds > amber ? 'amber' : 'ok';
}
