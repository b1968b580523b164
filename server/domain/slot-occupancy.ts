import type { Channel } from '../protocol/events.ts';
import type { AgentChannelIntervalRow, AgentChannelView, AgentContactCounts, ChannelSlotState, QueueSlots } from '../protocol/metrics.ts';
import { ACW, AUX, AVAILABLE, HOLD, OFFLINE, TALKING } from './agent-timeline.ts';
import { boardStateAt } from './board-state.ts';
import { stateSince } from './state-since.ts';
import { ratio } from './service-level.ts';
import { queueChannel } from './queue-config.ts';
import type { AgentRecord, QueueState } from './tenant-floor.ts';

/** States in which the agent offers its slots for contacts (the occupancy denominator's states). */
const READY = new Set([AVAILABLE, TALKING, HOLD, ACW]);

/**
 * Slot occupancy and utilisation of one channel of an agent in [from, min(to, now)) (epoch ms):
 * slot-seconds in use over capacity x seconds offered, split exactly at `from` and `to`.
 * Offered time is the voice timeline's ready time (available, talking, hold, acw) for occupancy
 * and its logged-in time (aux included) for utilisation, as the voice metrics count them.
 */
export function channelIntervalRow(a: AgentRecord, ch: Channel, from: number, to: number, now: number): AgentChannelIntervalRow {
  let slotMs = 0;
  for (const p of a.slots.use(ch, from, to, now)) slotMs += p.inUse * (p.end - p.start);
  let readyMs = 0;
  let loggedInMs = 0;
  a.timeline.forEachSegment(from, to, now, (seg) => {
    const ready = READY.has(seg.state);
    if (!ready && seg.state !== AUX) return;
    a.slots.forEachCapacity(ch, seg.start, seg.end, a.queues, (s, e, capacity) => {
      loggedInMs += capacity * (e - s);
      if (ready) readyMs += capacity * (e - s);
    });
  });
  return {
    channel: ch,
    slotSeconds: slotMs / 1000,
    capacitySeconds: readyMs / 1000,
    loggedInCapacitySeconds: loggedInMs / 1000,
    occupancy: ratio(slotMs, readyMs),
    utilization: ratio(slotMs, loggedInMs),
  };
}

/** The slot state of a channel from contacts open, slots offered and the voice timeline's state. */
export function slotState(inUse: number, capacity: number, state: number): ChannelSlotState {
  if (inUse > capacity) return 'over';
  if (inUse > 0) return inUse === capacity ? 'full' : 'busy';
  return state === OFFLINE || state === AUX || capacity === 0 ? 'closed' : 'idle';
}

/**
 * One channel of the agent now (epoch ms): contacts open (by queue), slots offered, state and
 * since when. The start of the state is found by walking back over the changes (contacts taken
 * or released, logins, voice states) while the state before each was the same (stateSince).
 */
export function channelNow(a: AgentRecord, ch: Channel, now: number): AgentChannelView {
  const slots = a.slots;
  const inUse = slots.inUseAt(ch, now);
  const capacity = slots.capacityAt(ch, now, a.queues);
  const state = slotState(inUse, capacity, a.timeline.current().state);
  const since = stateSince(
    now,
    (t) => slotState(slots.inUseAt(ch, t), slots.capacityAt(ch, t, a.queues), a.timeline.stateAt(t)) === state,
    (t, inclusive) => Math.max(slots.changeBefore(ch, t, inclusive), a.timeline.changeBefore(t, inclusive)),
  );
  const byQueue = inUse === 0 ? [] : [...slots.openByQueue(ch, now)].map(([queueId, n]) => ({ queueId, inUse: n }));
  byQueue.sort((x, y) => (x.queueId < y.queueId ? -1 : x.queueId > y.queueId ? 1 : 0));
  return { channel: ch, inUse, capacity, state, since, byQueue };
}

/** Every channel the agent offers now or has contacts on, as the agent view shows them. */
export function agentChannels(a: AgentRecord, now: number): AgentChannelView[] {
  return a.slots.channels(now, a.queues).map((ch) => channelNow(a, ch, now));
}

/** Slot occupancy of each channel the agent serves, in [from, to) (epoch ms). */
export function agentChannelRows(a: AgentRecord, from: number, to: number, now: number): AgentChannelIntervalRow[] {
  return a.slots.channels(now, a.queues).map((ch) => channelIntervalRow(a, ch, from, to, now));
}

/**
 * Slots of a non-voice queue's channel at `now` (epoch ms) among its skilled agents who are ready
 * or have a contact of that channel open (one in aux finishing its chats included, so every
 * contact open is counted): contacts open and capacity, the sum of those agents' board chips.
 * An agent's slots are shared by every queue of the channel it serves, so a chat it took from
 * another queue fills a slot this queue could have had: `inUse` counts it (capacity - inUse is
 * what this queue can still be given) and `ofQueue` counts only this queue's own contacts, so a
 * tile can say whose they are (docs/metrics.md, "Slots on a queue tile"). null for a voice queue.
 */
export function queueSlots(q: QueueState, now: number): QueueSlots | null {
  const ch = queueChannel(q.config);
  if (ch === 'voice') return null;
  let inUse = 0;
  let capacity = 0;
  let ofQueue = 0;
  for (const a of q.agents) {
    if (!a.queues.includes(q)) continue;
    const open = a.slots.inUseAt(ch, now);
    if (open === 0 && !READY.has(a.timeline.stateAt(now))) continue;
    inUse += open;
    capacity += a.slots.capacityAt(ch, now, a.queues);
    // The open contacts are a handful an agent: this stays O(agents of the queue).
    if (open > 0) ofQueue += a.slots.openOfQueue(ch, q.config.id, now);
  }
  return { channel: ch, inUse, capacity, ofQueue };
}

/**
 * The queue's agents at `now` (epoch ms) by what they can do across channels, as the board
 * shows them (boardStateAt): on a contact (a call talking or on hold, or a chat or email open)
 * before anything else, then after-call work, available, aux; offline agents are left out. The
 * voice state alone would call an agent with three chats open available (docs/events.md: only
 * voice contacts move the state).
 */
export function agentsAcrossChannels(q: QueueState, now: number): AgentContactCounts {
  const counts: AgentContactCounts = { available: 0, onContact: 0, acw: 0, aux: 0, auxByReason: Object.create(null) as Record<string, number> };
  for (const a of q.agents) {
    switch (boardStateAt(a, now)) {
      case 'offline':
        break;
      case 'talking':
      case 'hold':
      case 'otherChannel':
        counts.onContact++;
        break;
      case 'acw':
        counts.acw++;
        break;
      case 'available':
        counts.available++;
        break;
      case 'aux': {
        counts.aux++;
        const reason = a.timeline.codeAt(now).reason ?? '';
        counts.auxByReason[reason] = (counts.auxByReason[reason] ?? 0) + 1;
      }
    }
  }
  return counts;
}
