import type { Channel } from '../protocol/events.ts';
import type { AgentChannelIntervalRow, AgentChannelView, ChannelSlotState } from '../protocol/metrics.ts';
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
  const skills = a.queues.map((q) => q.config);
  let slotMs = 0;
  for (const p of a.slots.use(ch, from, to, now)) slotMs += p.inUse * (p.end - p.start);
  let readyMs = 0;
  let loggedInMs = 0;
  a.timeline.forEachSegment(from, to, now, (seg) => {
    const ready = READY.has(seg.state);
    if (!ready && seg.state !== AUX) return;
    a.slots.forEachCapacity(ch, seg.start, seg.end, skills, (s, e, capacity) => {
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

/** One channel of the agent now (epoch ms): contacts open, slots offered, state and since when. */
export function channelNow(a: AgentRecord, ch: Channel, now: number): AgentChannelView {
  const skills = a.queues.map((q) => q.config);
  const inUse = a.slots.inUseAt(ch, now);
  const capacity = a.slots.capacityAt(ch, now, skills);
  const state = slotState(inUse, capacity, a.timeline.current().state);
  // Walk the merged step functions back from now while the state stays the same.
  const from = now - SINCE_LOOKBACK_MS;
  const use = a.slots.use(ch, from, now, now);
  const caps: [number, number][] = [];
  a.slots.forEachCapacity(ch, from, now, skills, (s, _e, c) => caps.push([s, c]));
  const voice: [number, number][] = [];
  a.timeline.forEachSegment(from, now, now, (seg) => voice.push([seg.start, seg.state]));
  const bounds = [...new Set([...use.map((p) => p.start), ...caps.map((c) => c[0]), ...voice.map((v) => v[0])])].sort((x, y) => x - y);
  let since = now;
  let iu = use.length - 1;
  let ic = caps.length - 1;
  let iv = voice.length - 1;
  for (let b = bounds.length - 1; b >= 0; b--) {
    const t = bounds[b];
    while (iu > 0 && use[iu].start > t) iu--;
    while (ic > 0 && caps[ic][0] > t) ic--;
    while (iv > 0 && voice[iv][0] > t) iv--;
    if (slotState(use[iu]?.inUse ?? 0, caps[ic]?.[1] ?? capacity, voice[iv]?.[1] ?? OFFLINE) !== state) break;
    since = t;
  }
  return { channel: ch, inUse, capacity, state, since };
}

/** Every channel the agent offers now or has contacts on, as the agent view shows them. */
export function agentChannels(a: AgentRecord, now: number): AgentChannelView[] {
  return a.slots.channels(now, a.queues.map((q) => q.config)).map((ch) => channelNow(a, ch, now));
}

/** Slot occupancy of each channel the agent serves, in [from, to) (epoch ms). */
export function agentChannelRows(a: AgentRecord, from: number, to: number, now: number): AgentChannelIntervalRow[] {
  return a.slots.channels(now, a.queues.map((q) => q.config)).map((ch) => channelIntervalRow(a, ch, from, to, now));
}

/**
 * Slots of a non-voice queue's channel at `now` (epoch ms) among its skilled agents who are ready
 * or on a contact: contacts open and capacity offered. null for a voice queue.
 */
export function queueSlots(q: QueueState, now: number): { channel: Channel; inUse: number; capacity: number } | null {
  const ch = queueChannel(q.config);
  if (ch === 'voice') return null;
  let inUse = 0;
  let capacity = 0;
  for (const a of q.agents) {
    if (!a.queues.includes(q) || !READY.has(a.timeline.current().state)) continue;
    inUse += a.slots.inUseAt(ch, now);
    capacity += a.slots.capacityAt(ch, now, a.queues.map((x) => x.config));
  }
  return { channel: ch, inUse, capacity };
}
