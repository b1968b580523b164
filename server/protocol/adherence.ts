/** Adherence shapes shared by server and client; times ISO with the centre's offset, durations in seconds. */
import type { AgentStateName } from './events.ts';
import type { Ratio } from './metrics.ts';

export interface AdherenceFigures {
  scheduledSeconds: number;
  adherentSeconds: number;
  exceptionSeconds: number;
  adherence: Ratio;
  conformance: Ratio;
  plannedShrinkage: Ratio;
  actualShrinkage: Ratio;
}

export interface AdherenceException {
  start: string;
  end: string;
  scheduled: string;
  actual: string;
  seconds: number;
  /** Still going on now. */
  open: boolean;
}

export interface AgentAdherenceReport extends AdherenceFigures {
  agentId: string;
  name: string;
  teamId: string | null;
  tenant: string;
  /** 'unscheduled' agents have no segment that day and count in no total. */
  status: 'scheduled' | 'unscheduled';
  exceptions: AdherenceException[];
  /** With ?detail=intervals: the same figures per interval. */
  intervals?: (AdherenceFigures & { start: string; end: string })[];
  /** With ?detail=timeline: scheduled segments and actual states, for drawing. */
  timeline?: { scheduled: TimelineBar[]; actual: TimelineBar[] };
}

export interface TimelineBar {
  start: number;
  end: number;
  /** Activity (scheduled lane) or state (actual lane). */
  label: string;
  reason?: string | null;
}

export interface GroupAdherence extends AdherenceFigures {
  /** The tenant's id. */
  id: string;
  agents: number;
}

/**
 * A team's figures: team ids are scoped by tenant, so two clients' "t1" are two teams. The
 * scheduled agents of no team are one group of `id` null, as their `teamId` is: no text can
 * stand for them, since any text may be some team's id (a team "(no team)" is a team).
 */
export interface TeamAdherence extends AdherenceFigures {
  tenant: string;
  /** The team's id as configured; null for the agents of no team. */
  id: string | null;
  agents: number;
}

export interface AdherenceReport {
  date: string;
  /** Epoch ms of the local day's start and end. */
  dayStart: number;
  dayEnd: number;
  timezone: string;
  now: number;
  graceSeconds: number;
  severeSeconds: number;
  /** One page of the agents (by name), from `offset` of `agentCount`. */
  agents: AgentAdherenceReport[];
  /** Agents of the whole list the page is taken from (every agent the filters and role keep). */
  agentCount: number;
  offset: number;
  /** Over every agent of the list, not only the page's. */
  teams: TeamAdherence[];
  tenants: GroupAdherence[];
}

export type LiveStatus = 'in' | 'grace' | 'warn' | 'alert' | 'unscheduled';

export interface LiveAgent {
  agentId: string;
  name: string;
  teamId: string | null;
  tenant: string;
  scheduled: string | null;
  state: AgentStateName;
  reason: string | null;
  status: LiveStatus;
  /** Epoch ms since which the agent has been in (or out of) adherence. */
  since: number;
}

export interface QueueImpact {
  queueId: string;
  queueName: string;
  /** Scheduled + what-ifs − required in the current interval. */
  netAgents: number | null;
  projectedServiceLevel: Ratio;
}

export interface LiveException extends LiveAgent {
  seconds: number;
  severity: 'warn' | 'alert';
  impact: QueueImpact[];
}

/** Live adherence of one tenant: how it is pushed, and how a subscription is answered. */
export type TenantAdherence = AdherenceLive & { tenant: string };

export interface AdherenceLive {
  now: number;
  graceSeconds: number;
  severeSeconds: number;
  /** One page of the agents (by name), from `offset` of `agentCount`. */
  agents: LiveAgent[];
  agentCount: number;
  offset: number;
  /**
   * Agents of the whole list with a schedule today (every status but 'unscheduled'): the ones
   * adherence is checked for, within the caller's role limits, team and agent filters. An agent
   * user gets no team figures, so only this says whether it is scheduled.
   */
  scheduledCount: number;
  /** Out of adherence past the grace, longest first: at most the EXCEPTIONS_SHOWN longest of `exceptionCount`. */
  exceptions: LiveException[];
  exceptionCount: number;
  /** How many of all the exceptions are alerts (past the severe threshold). */
  alertCount: number;
  /** Adherence so far today per team, over every agent of the list. */
  teams: TeamAdherence[];
}
