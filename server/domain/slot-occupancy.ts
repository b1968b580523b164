import type { Channel } from '../protocol/events.ts';
import type { AgentChannelIntervalRow, AgentChannelView, AgentContactCounts, ChannelSlotState } from '../protocol/metrics.ts';
import { ACW, AUX, AVAILABLE, HOLD, OFFLINE, TALKING } from './agent-timeline.ts';
import { ratio } from './service-level.ts';
import { queueChannel } from './queue-config.ts';
import type { AgentRecord, QueueState } from './tenant-floor.ts';

/** States in which the agent offers its slots for contacts (the occupancy denominator's states). */
const READY = new Set([AVAILABLE, TALKING, HOLD, ACW]);

/** How far back (ms) the time in a channel state is looked for; older states show this as their start. */
const SINCE_LOOKBACK_MS = 24 * 3_600_000;

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

/** Most changes walked back to find when a channel's state began (each costs one pass over the contacts). */
const SINCE_MAX_STEPS = 200;

/**
 * One channel of the agent now (epoch ms): contacts open, slots offered, state and since when.
 * The start of the state is found by walking back over the changes (contacts taken or released,
 * logins, voice states) while the state before each was the same; the walk looks back at most
 * SINCE_LOOKBACK_MS and SINCE_MAX_STEPS changes, and usually stops at the first.
 */
export function channelNow(a: AgentRecord, ch: Channel, now: number): AgentChannelView {
  const slots = a.slots;
  const inUse = slots.inUseAt(ch, now);
  const capacity = slots.capacityAt(ch, now, a.queues);
  const state = slotState(inUse, capacity, a.timeline.current().state);
  const stateAt = (t: number) => slotState(slots.inUseAt(ch, t), slots.capacityAt(ch, t, a.queues), a.timeline.stateAt(t));
  const changeBefore = (t: number, inclusive: boolean) => Math.max(slots.changeBefore(ch, t, inclusive), a.timeline.changeBefore(t, inclusive));
  // The state holds from `since` to now; step back while the stretch before it had the same state.
  let since = changeBefore(now, true);
  for (let step = 0; step < SINCE_MAX_STEPS && since > now - SINCE_LOOKBACK_MS; step++) {
    const earlier = changeBefore(since, false);
    if (earlier === -Infinity || stateAt(earlier) !== state) break;
    since = earlier;
  }
  return { channel: ch, inUse, capacity, state, since: Number.isFinite(since) ? since : 0 };
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
 * null for a voice queue.
 */
export function queueSlots(q: QueueState, now: number): { channel: Channel; inUse: number; capacity: number } | null {
  const ch = queueChannel(q.config);
  if (ch === 'voice') return null;
  let inUse = 0;
  let capacity = 0;
  for (const a of q.agents) {
    if (!a.queues.includes(q)) continue;
    const open = a.slots.inUseAt(ch, now);
    if (open === 0 && !READY.has(a.timeline.current().state)) continue;
    inUse += open;
    capacity += a.slots.capacityAt(ch, now, a.queues);
  }
  return { channel: ch, inUse, capacity };
}

/**
 * The queue's agents at `now` (epoch ms) by what they can do across channels: on a contact
 * (a call talking or on hold, or a chat or email open) before anything else, then after-call
 * work, available, aux; offline agents are left out. The voice state alone would call an agent
 * with three chats open available (docs/events.md: only voice contacts move the state).
 */
export function agentsAcrossChannels(q: QueueState, now: number): AgentContactCounts {
  const counts: AgentContactCounts = { available: 0, onContact: 0, acw: 0, aux: 0, auxByReason: Object.create(null) as Record<string, number> };
  for (const a of q.agents) {
    const cur = a.timeline.current();
    if (cur.state === OFFLINE) continue;
    if (cur.state === TALKING || cur.state === HOLD || a.slots.otherThanVoiceOpenAt(now)) counts.onContact++;
    else if (cur.state === ACW) counts.acw++;
    else if (cur.state === AVAILABLE) counts.available++;
    else {
      counts.aux++;
      const reason = cur.reason ?? '';
      counts.auxByReason[reason] = (counts.auxByReason[reason] ?? 0) + 1;
    }
  }
  return counts;
}
