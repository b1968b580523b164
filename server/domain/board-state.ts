import type { AgentBoardState } from '../protocol/metrics.ts';
import { HOLD, OFFLINE, TALKING, stateName } from './agent-timeline.ts';
import { stateSince } from './state-since.ts';
import type { AgentRecord } from './tenant-floor.ts';

/**
 * What the board and the queue tiles count the agent as at `t` (epoch ms; docs/metrics.md,
 * "Agents on the board"). Only voice contacts move the voice state (docs/events.md), so an
 * agent `available` (or in after-call work, or in aux finishing its chats) with a chat open is
 * `otherChannel`: on a contact, not free. A call talking or on hold shows as such whatever else
 * is open; an offline agent is offline. Two binary searches a channel at most.
 */
export function boardStateAt(a: AgentRecord, t: number): AgentBoardState {
  const state = a.timeline.stateAt(t);
  if (state === OFFLINE || state === TALKING || state === HOLD || !a.slots.otherThanVoiceOpenAt(t)) return stateName(state);
  return 'otherChannel';
}

/**
 * The agent's board state now (epoch ms) and since when: the stretch runs back over voice
 * changes and contacts of other channels taken or released while the board state (and an aux
 * reason) stayed the same, so an agent free again after its chats shows the time since the last
 * was wrapped, and one on chats the time since the first of an unbroken run was answered.
 */
export function boardNow(a: AgentRecord, now: number): { state: AgentBoardState; since: number } {
  const state = boardStateAt(a, now);
  const reason = state === 'aux' ? a.timeline.codeAt(now).reason : null;
  const since = stateSince(
    now,
    (t) => boardStateAt(a, t) === state && (state !== 'aux' || a.timeline.codeAt(t).reason === reason),
    (t, inclusive) => Math.max(a.timeline.changeBefore(t, inclusive), a.slots.otherThanVoiceChangeBefore(t, inclusive)),
  );
  return { state, since };
}
