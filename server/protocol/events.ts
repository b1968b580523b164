/**
 * Canonical events (DESIGN.md section 3) after validation: `ts` is always epoch milliseconds
 * and `tenant` is always set. The input form (ISO or epoch ts, optional tenant) is described
 * in docs/events.md and checked by server/ingest/validate-event.ts.
 */

export const CHANNELS = ['voice', 'chat', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Slots (contacts at once) per channel; a channel left out is not set here. */
export type ChannelCapacity = Partial<Record<Channel, number>>;

/** The most contacts of one channel an agent may be given at once (a sanity bound on input). */
export const MAX_CHANNEL_CAPACITY = 20;

export const DEQUEUE_REASONS = ['transfer', 'overflow', 'voicemail', 'callback', 'timeout'] as const;
export type DequeueReason = (typeof DEQUEUE_REASONS)[number];

/**
 * Added to the contract: what a dialler reports of one outbound attempt. `abandoned` is a
 * connected call (a person answered) that the dialler dropped because no agent took it.
 */
export const DIAL_RESULTS = ['connected', 'no-answer', 'busy', 'refused', 'failed', 'abandoned'] as const;
export type DialResult = (typeof DIAL_RESULTS)[number];

/** Added to the contract: how a connected contact ended, as the agent records it. */
export const DIAL_OUTCOMES = ['success', 'refusal', 'callback'] as const;
export type DialOutcome = (typeof DIAL_OUTCOMES)[number];

/** Agent states; `talking`, `hold` and `acw` follow from call events. */
export const AGENT_STATES = ['available', 'talking', 'hold', 'acw', 'aux', 'offline'] as const;
export type AgentStateName = (typeof AGENT_STATES)[number];

interface Base {
  id: string;
  /** Epoch milliseconds. */
  ts: number;
  tenant: string;
}

export interface CallQueued extends Base {
  type: 'call.queued';
  callId: string;
  queueId: string;
  channel: Channel;
  priority?: number;
}
export interface CallAnswered extends Base {
  type: 'call.answered';
  callId: string;
  queueId: string;
  agentId: string;
  /**
   * Added to the contract: an `outbound` contact was never offered to the queue, so it moves
   * the agent (talking, after-call work) but counts in no queue statistic. Default inbound.
   */
  direction?: 'inbound' | 'outbound';
}
export interface CallAbandoned extends Base {
  type: 'call.abandoned';
  callId: string;
  queueId: string;
}
export interface CallDequeued extends Base {
  type: 'call.dequeued';
  callId: string;
  queueId: string;
  reason: DequeueReason;
}
export interface CallHeld extends Base {
  type: 'call.held';
  callId: string;
  agentId: string;
}
export interface CallRetrieved extends Base {
  type: 'call.retrieved';
  callId: string;
  agentId: string;
}
export interface CallEnded extends Base {
  type: 'call.ended';
  callId: string;
  agentId: string;
}
export interface CallWrapped extends Base {
  type: 'call.wrapped';
  callId: string;
  agentId: string;
  disposition?: string;
}
export interface AgentLogin extends Base {
  type: 'agent.login';
  agentId: string;
  name?: string;
  teamId?: string;
  queues?: string[];
  state?: 'available' | 'aux';
  reason?: string;
  /**
   * Added to the contract: contacts the agent takes at once per channel for this session
   * (e.g. { voice: 1, chat: 3 }); channels left out keep the agent's or queue's configured capacity.
   */
  capacity?: ChannelCapacity;
}
export interface AgentStateChange extends Base {
  type: 'agent.state';
  agentId: string;
  state: 'available' | 'aux';
  reason?: string;
}
export interface AgentLogout extends Base {
  type: 'agent.logout';
  agentId: string;
}

/**
 * Added to the contract: one outbound dial attempt with its result, sent once the result is
 * known. A connected attempt's `callId` (default: `attemptId`) is the `callId` of the agent's
 * `call.answered` with `direction: "outbound"`, which carries the talk time.
 */
export interface DialAttempt extends Base {
  type: 'dial.attempt';
  attemptId: string;
  campaignId: string;
  result: DialResult;
  callId?: string;
  agentId?: string;
}
/** Added to the contract: the outcome of a connected attempt (success, refusal, callback). */
export interface DialOutcomeEvent extends Base {
  type: 'dial.outcome';
  attemptId: string;
  campaignId: string;
  outcome: DialOutcome;
  agentId?: string;
}

export type FloorEvent =
  | CallQueued
  | CallAnswered
  | CallAbandoned
  | CallDequeued
  | CallHeld
  | CallRetrieved
  | CallEnded
  | CallWrapped
  | AgentLogin
  | AgentStateChange
  | AgentLogout
  | DialAttempt
  | DialOutcomeEvent;

export type FloorEventType = FloorEvent['type'];

/** Events that happen on an answered call (they move the agent who took it). */
export type ConversationEvent = CallHeld | CallRetrieved | CallEnded | CallWrapped;

/** Events that end a call's wait in a queue. */
export type CallOutcome = CallAnswered | CallAbandoned | CallDequeued;

/** Events of one call's legs (each visit to a queue and the conversation after it). */
export type CallLegEvent = CallQueued | CallOutcome | ConversationEvent;

export const EVENT_TYPES: readonly FloorEventType[] = [
  'call.queued',
  'call.answered',
  'call.abandoned',
  'call.dequeued',
  'call.held',
  'call.retrieved',
  'call.ended',
  'call.wrapped',
  'agent.login',
  'agent.state',
  'agent.logout',
  'dial.attempt',
  'dial.outcome',
];

export const DEFAULT_TENANT = 'default';
