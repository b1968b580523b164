import type { SpecialDay } from '../domain/forecast/calendar.ts';
import type { SlCounts } from '../domain/service-level.ts';

/**
 * History keeps closed intervals, not raw events: one row per (tenant, queue, interval start)
 * and one per (tenant, agent, interval start). Times are epoch ms; durations are seconds.
 */

/** The sums of one queue's calls that arrived in one interval (definitions: docs/metrics.md). */
export interface QueueIntervalRollup extends SlCounts {
  tenant: string;
  queueId: string;
  /** Epoch ms of the interval start. */
  intervalStart: number;
  /** Real length of the interval in minutes (15 or 30). */
  intervalMinutes: number;
  handled: number;
  waitSecondsAnswered: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  /** Longest wait of a call of the interval, seconds; 0 when nothing was offered. */
  maxWaitSeconds: number;
  /** Handled calls by disposition (call reason). */
  dispositions: Record<string, number>;
  /** Agents logged in for the queue over the interval (FTE, a k-skilled agent 1/k); null when not recorded. */
  staffedAgents?: number | null;
}

/** Seconds an agent spent in each state in one interval, and calls handled in it. */
export interface AgentIntervalRollup {
  tenant: string;
  agentId: string;
  intervalStart: number;
  intervalMinutes: number;
  availableSeconds: number;
  talkingSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  auxSeconds: number;
  offlineSeconds: number;
  callsHandled: number;
}

/**
 * One outbound campaign's dial attempts placed in one local hour and what came of them
 * (domain/campaigns.ts `CampaignHour`: every figure counts in the hour of its attempt).
 */
export interface CampaignHourRollup {
  tenant: string;
  campaignId: string;
  /** Epoch ms of the local hour start. */
  intervalStart: number;
  attempts: number;
  /** Attempts that reached someone (result `connected`). */
  contacts: number;
  successes: number;
  refusals: number;
  callbacks: number;
  /** Connected contacts the dialler dropped (no agent free). */
  abandoned: number;
  /** Agent talk time of the hour's contacts. */
  talkSeconds: number;
}

/** Rows pruned by `HistoryStore.prune`. */
export interface PruneResult {
  queueRows: number;
  agentRows: number;
  campaignRows: number;
}

/**
 * Long-lived interval history. Upserts are idempotent (the last write of a key wins, so two
 * replicas closing the same interval leave one row); reads are half-open ranges [from, to) in
 * epoch ms, ordered by interval start.
 */
export interface HistoryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes queue interval rows, replacing any row with the same (tenant, queueId, intervalStart). */
  upsertQueueIntervals(rows: readonly QueueIntervalRollup[]): Promise<void>;
  /** Writes agent interval rows, replacing any row with the same (tenant, agentId, intervalStart). */
  upsertAgentIntervals(rows: readonly AgentIntervalRollup[]): Promise<void>;
  /** A queue's rows with from <= intervalStart < to (epoch ms), oldest first. */
  queueIntervals(tenant: string, queueId: string, from: number, to: number): Promise<QueueIntervalRollup[]>;
  /** An agent's rows with from <= intervalStart < to (epoch ms), oldest first. */
  agentIntervals(tenant: string, agentId: string, from: number, to: number): Promise<AgentIntervalRollup[]>;
  /**
   * Handled calls by disposition of each of the tenant's queues over [from, to) epoch ms (a
   * local day: the call reasons of that day), summed from the interval rows. A queue with no
   * rows in the range is absent (not known); one with rows but no reasons maps to {}. Every row
   * counts, one left inside a longer row too: its reasons are its own, not the longer row's
   * (history places reasons by when calls were wrapped; see queue-rows-once.ts).
   */
  queueDispositions(tenant: string, from: number, to: number): Promise<Map<string, Record<string, number>>>;
  /** Writes campaign hour rows, replacing any row with the same (tenant, campaignId, intervalStart). */
  upsertCampaignHours(rows: readonly CampaignHourRollup[]): Promise<void>;
  /** Every campaign's hour rows of the tenant with from <= intervalStart < to (epoch ms), by campaign then hour. */
  campaignHours(tenant: string, from: number, to: number): Promise<CampaignHourRollup[]>;
  /** Every (tenant, queueId) with history, sorted. */
  queues(): Promise<{ tenant: string; queueId: string }[]>;
  /** The tenant's special-days calendar as last saved, or null when it was never saved. */
  specialDays(tenant: string): Promise<SpecialDay[] | null>;
  /** Replaces the tenant's special-days calendar. */
  setSpecialDays(tenant: string, days: readonly SpecialDay[]): Promise<void>;
  /** Deletes rows with intervalStart < before (epoch ms). */
  prune(before: number): Promise<PruneResult>;
  close(): Promise<void>;
}

/** History is kept at least this long (a year and a month, so last year's same month is there). */
export const RETENTION_DAYS = 400;

/** The prune cut-off for `now` (epoch ms): rows starting before it are older than the retention. */
export function retentionCutoff(now: number, days = RETENTION_DAYS): number {
  return now - days * 86_400_000;
}
