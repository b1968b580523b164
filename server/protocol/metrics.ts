/** Shapes of the numbers the server derives (DESIGN.md section 4); the client imports these. */
import type { BacklogView } from './backlog.ts';
import type { CampaignHourRow } from './campaigns.ts';
import type { AgentStateName, Channel } from './events.ts';

export const SL_FORMULAS = ['excludeShortAbandons', 'answeredOnly', 'abandonsInSlMet', 'offeredBased'] as const;
export type SlFormula = (typeof SL_FORMULAS)[number];

/** A ratio 0..1, or null when its denominator is 0. */
export type Ratio = number | null;

export type ServiceLevels = Record<SlFormula, Ratio>;

/** Traffic-light status of one KPI against the queue's thresholds. */
export type Status = 'ok' | 'amber' | 'red' | 'none';

/** Call statistics of one interval (or a whole day) of one queue; calls count in their arrival interval. */
export interface QueueStatsRow {
  /** ISO-8601 with the centre's offset. */
  start: string;
  end: string;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  flowedOut: number;
  /** Calls of this interval still waiting now. */
  waiting: number;
  answeredInSL: number;
  /** Abandoned with wait <= SL threshold (the `abandonsInSlMet` numerator). */
  abandonedInSL: number;
  handled: number;
  serviceLevel: Ratio;
  serviceLevels: ServiceLevels;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: Ratio;
  maxWaitSeconds: number | null;
  /** Sums behind ASA and AHT, so every average can be explained (seconds). */
  waitSecondsAnswered: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
}

export interface QueueTargets {
  slThresholdSeconds: number;
  slTarget: number;
  slFormula: SlFormula;
  shortAbandonSeconds: number;
  asaTargetSeconds: number;
  abandonTarget: number;
}

export interface QueueThresholds {
  /** Service level at or above amber is ok; below red is red. */
  serviceLevel: { amber: number; red: number };
  /** Ratios; above amber turns amber, above red turns red (same for the rest). */
  abandonRate: { amber: number; red: number };
  asaSeconds: { amber: number; red: number };
  longestWaitSeconds: { amber: number; red: number };
  waiting: { amber: number; red: number };
}

export type AgentCounts = Record<'available' | 'talking' | 'hold' | 'acw' | 'aux' | 'offline', number> & {
  /** Agents in aux, by reason ('' when none was given). */
  auxByReason: Record<string, number>;
};

/**
 * A queue's agents by what they can do now across every channel, each agent once
 * (docs/metrics.md, "Agents on a queue tile"). Unlike `AgentCounts`, which counts the voice
 * state alone, an agent holding a chat or an email is on a contact here, not available.
 */
export interface AgentContactCounts {
  /** Ready (state `available`) with no contact open on any channel. */
  available: number;
  /** With at least one contact open: a call talking or on hold, or a slot of another channel in use (a chat or email, until it is wrapped). */
  onContact: number;
  /** In after-call work of a call, with no other contact open. */
  acw: number;
  /** In aux with no contact open. */
  aux: number;
  /** The `aux` ones by reason ('' when none was given). */
  auxByReason: Record<string, number>;
}

/**
 * A non-voice queue's slots now (docs/metrics.md, "Slots on a queue tile"). An agent's slots of a
 * channel are shared by every queue of that channel it serves, so `inUse` counts every contact of
 * the channel its agents hold, from this queue or another: capacity - inUse is what the queue can
 * still be given. `ofQueue` tells how many of those are this queue's own.
 */
export interface QueueSlots {
  channel: Channel;
  /** Contacts of the channel open among the counted agents, from any queue. */
  inUse: number;
  /** Slots those agents offer on the channel. */
  capacity: number;
  /** Of `inUse`, the contacts of this queue (added). */
  ofQueue: number;
}

/** Everything a wallboard tile shows for one queue. */
export interface QueueView {
  /** Unique across tenants (`scopedKey(tenant, id)`): what a client keys its state by. */
  key: string;
  id: string;
  tenant: string;
  name: string;
  targets: QueueTargets;
  thresholds: QueueThresholds;
  waiting: number;
  /** Epoch ms of the oldest call still waiting, so clients can tick the wait locally. */
  oldestWaitingSince: number | null;
  longestWaitSeconds: number | null;
  /** The queue's agents by voice state (`talking`, `hold`, `acw` follow calls only; a chat leaves its agent `available`). */
  agents: AgentCounts;
  /** The same agents by what they can do now across channels (added with channel capacity): what the tile shows. */
  agentsAcrossChannels: AgentContactCounts;
  interval: QueueStatsRow;
  today: QueueStatsRow;
  topDispositions: { disposition: string; count: number }[];
  /** Deferred queues (email and other work with a response target): the backlog; null for realtime queues. */
  backlog?: BacklogView | null;
  /**
   * For a queue of a channel other than voice (added with channel capacity): slots of that
   * channel in use now, and offered now, summed over the queue's skilled agents who are ready
   * or have a contact of that channel open (the sum of their board chips). null for a voice queue.
   */
  slots: QueueSlots | null;
  /**
   * A queue whose id is an outbound campaign of its tenant (its agents log in skilled for it and
   * answer its connects as outbound contacts): the campaign's day so far, which the tile shows
   * instead of inbound service figures. null (or absent, before this field was added) for an
   * inbound queue.
   */
  campaign?: QueueCampaignView | null;
  status: {
    waiting: Status;
    longestWait: Status;
    serviceLevelInterval: Status;
    serviceLevelToday: Status;
    asa: Status;
    abandonRate: Status;
  };
}

/** The figures of a campaign's local day so far that its queue's tile shows (docs/metrics.md, "Outbound campaigns"). */
export type QueueCampaignView = Pick<CampaignHourRow, 'attempts' | 'contacts' | 'contactRate' | 'successes' | 'successPerContact' | 'abandoned' | 'abandonRate'>;

export interface AgentView {
  /** Unique across tenants (`scopedKey(tenant, id)`). */
  key: string;
  id: string;
  tenant: string;
  name: string;
  teamId: string | null;
  queues: string[];
  state: AgentStateName;
  reason: string | null;
  /** Epoch ms the current state began. */
  since: number;
  /** Queue of the contact the agent is on (or last handled). */
  queueId: string | null;
  callsHandledToday: number;
  /** Slots per channel the agent offers now or has contacts on (added with channel capacity). */
  channels: AgentChannelView[];
  /**
   * What the board shows and counts the agent as, as the queue tiles do (added): `state`, except
   * that an agent logged in with a chat, email or SMS open and no call talking or on hold is
   * `otherChannel` (on a contact), whatever its voice state.
   */
  boardState: AgentBoardState;
  /** Epoch ms `boardState` (with its aux reason) began: the board's time in state (added). */
  boardSince: number;
}

/**
 * The agent board's states (docs/metrics.md, "Agents on the board"): the voice states, with
 * `otherChannel` for an agent on a contact of another channel only. The queue tile's chips are
 * sums of these: on contact = talking + hold + otherChannel; avail, ACW and aux are the same.
 */
export const AGENT_BOARD_STATES = ['available', 'talking', 'hold', 'otherChannel', 'acw', 'aux', 'offline'] as const;
export type AgentBoardState = (typeof AGENT_BOARD_STATES)[number];

/**
 * A channel's slot state: `idle` no contact open, `busy` some slots in use, `full` every slot in
 * use, `over` more contacts than slots, `closed` nothing open and no slot offered (offline, aux,
 * or capacity 0).
 */
export const CHANNEL_SLOT_STATES = ['idle', 'busy', 'full', 'over', 'closed'] as const;
export type ChannelSlotState = (typeof CHANNEL_SLOT_STATES)[number];

/** One channel of an agent now. */
export interface AgentChannelView {
  channel: Channel;
  /** Contacts of the channel open now (answered, not yet released). */
  inUse: number;
  /** Slots the agent offers on the channel now. */
  capacity: number;
  state: ChannelSlotState;
  /** Epoch ms the channel's state began (time in state = now - since). */
  since: number;
  /**
   * The contacts open now by the queue they came from (added), by queue id: the channel's slots
   * are the agent's, shared by every queue of the channel it serves, so this tells whose
   * contacts fill them ('' for a contact whose queue is not known).
   */
  byQueue: { queueId: string; inUse: number }[];
}

/** One channel of an agent in one interval: slots in use over capacity offered. */
export interface AgentChannelIntervalRow {
  channel: Channel;
  /** Slot-seconds in use: the integral of contacts open on the channel. */
  slotSeconds: number;
  /** Slot-seconds offered while ready or on a contact (available, talking, hold, acw): capacity x time. */
  capacitySeconds: number;
  /** Slot-seconds offered while logged in (aux included). */
  loggedInCapacitySeconds: number;
  /** slotSeconds / capacitySeconds; null when 0 was offered. */
  occupancy: Ratio;
  /** slotSeconds / loggedInCapacitySeconds; null when 0 was offered. */
  utilization: Ratio;
}

export interface AgentIntervalRow {
  start: string;
  end: string;
  seconds: Record<'available' | 'talking' | 'hold' | 'acw' | 'aux' | 'offline', number>;
  loggedInSeconds: number;
  /** (talking + hold + acw) / (that + available); null when both are 0. */
  occupancy: Ratio;
  /** (talking + hold + acw) / logged-in time. */
  utilization: Ratio;
  callsHandled: number;
  /** Per channel the agent serves: slot occupancy and utilisation (added with channel capacity). */
  channels: AgentChannelIntervalRow[];
}

export interface EngineCounters {
  accepted: number;
  duplicates: number;
  anomalies: number;
  anomaliesByReason: Record<string, number>;
}

export interface Snapshot {
  /** Engine clock, epoch ms (time comes from events and clock ticks). */
  now: number;
  timezone: string;
  intervalMinutes: number;
  tenants: { id: string; name: string }[];
  /** The visible tenants' team names, as configured (added); a team not listed is shown by its id. */
  teams: TeamName[];
  queues: QueueView[];
  agents: AgentView[];
  counters: EngineCounters;
}

/** A team's name: team ids are scoped by tenant, so two clients may both name a "t1" (config `teams`). */
export interface TeamName {
  tenant: string;
  id: string;
  name: string;
}
