import type { EngineCounters } from '../protocol/metrics.ts';
import type { CallLegEvent } from '../protocol/events.ts';
import type { AgentSlots } from './agent-slots.ts';
import type { AgentTimeline } from './agent-timeline.ts';
import type { AvailableCount } from './available-count.ts';
import type { DeferredBucket } from './backlog.ts';
import type { CallLeg } from './call-leg.ts';
import type { CallLegs } from './call-legs.ts';
import { IdSet } from './id-set.ts';
import type { QueueHistory } from './ewt-history.ts';
import type { QueueBucket } from './queue-bucket.ts';
import type { QueueConfig } from './queue-config.ts';

/**
 * A call waiting in a queue now: the engine keeps its leg (call-leg.ts) here, whose queue time
 * and priority do not change while it waits, so waiting allocates nothing of its own.
 */
export interface WaitingCall {
  /** Epoch ms the call was queued. */
  readonly queuedTs: number;
  /** Higher is served first; 0 when none was given. */
  readonly priority: number;
}

export interface QueueState {
  config: QueueConfig;
  /** Calls waiting now, by call id (put there with `addWaiting`). */
  waiting: Map<string, WaitingCall>;
  /**
   * The latest queue time (epoch ms) and the lowest priority of any call put in `waiting` since it
   * was last empty: bounds kept as calls leave, so a caller queued after every one of them, of a
   * priority none is below, is behind all of them without a walk of the list (engine.ts
   * `completionsAhead`).
   */
  waitingLatestTs: number;
  waitingLowestPriority: number;
  /** Interval start in epoch minutes (see `bucketKey`) -> sums of the calls that arrived in it. */
  buckets: Map<number, QueueBucket>;
  /** Local day start (epoch ms) -> disposition -> calls. */
  dispositions: Map<number, Map<string, number>>;
  /** Recent departures (waits, outcomes) and handle times, in settling order: the wait-time estimator's input. */
  history: QueueHistory;
  /** Agents serving the queue (skills from login or config, and whoever answered its calls); changed only through queue-members.ts. */
  agents: Set<AgentRecord>;
  /** How many of `agents` are available at each recent instant (follows their timelines). */
  available: AvailableCount;
  /** Changed since the last `takeDirty()`. */
  dirty: boolean;
  /** Deferred queues only: interval key (see `bucketKey`) -> departures and handling in that interval (domain/backlog.ts). */
  deferred?: Map<number, DeferredBucket>;
}

export interface AgentRecord {
  id: string;
  tenant: string;
  name: string;
  teamId: string | null;
  /** Queues the agent is skilled for (ids: `skillIds`). */
  queues: QueueState[];
  /** Queues whose `agents` hold this agent (its skills and the queues whose calls it answered). */
  servedQueues: QueueState[];
  /**
   * Queues whose calls the agent answered (null until the first; read through `answeredQueues`):
   * kept apart from the skills so a login that drops a skill leaves such a queue served, as an
   * answer arriving after it would. One queue, the usual case, is held bare: no array per agent.
   */
  answered: QueueState | QueueState[] | null;
  timeline: AgentTimeline;
  /** Contacts per channel and the capacity offered (agent-slots.ts). */
  slots: AgentSlots;
  /**
   * The latest agent.login in the canonical order that carried the name, the team, the skills
   * (one key object when one login set several; null while the configuration's holds). A login
   * that leaves a field out says nothing about it, so each field keeps its own latest login and
   * the outcome does not depend on arrival order.
   */
  nameKey: LoginKey | null;
  teamKey: LoginKey | null;
  skillsKey: LoginKey | null;
  dirty: boolean;
  /**
   * Its team, the queues that counted it (`servedQueues`) and its skills at the last
   * `takeDirty()`, while a login has moved or reskilled it since (undefined otherwise): a screen
   * of that team or those queues holds its row, and updates never remove one; an agent user's
   * board shows the queues of its skills.
   */
  scopeBefore: ScopeBefore | undefined;
}

/** Where an agent stood for screens scoped by team or queue before a login moved it (`AgentRecord.scopeBefore`). */
export interface ScopeBefore {
  teamId: string | null;
  queues: readonly QueueState[];
  /** Its skills (`AgentRecord.queues`). */
  skills: readonly QueueState[];
}

/** An agent.login's place in the canonical order (see compareOrder in event-rank.ts). */
export interface LoginKey {
  ts: number;
  rank: number;
  id: string;
}

export interface Anomaly {
  ts: number;
  eventId: string;
  reason: string;
  detail: string;
}

/** How many anomalies each tenant keeps for inspection. */
const RECENT_ANOMALIES = 100;

/** Counters keyed by outside input (anomaly reasons) use a null prototype, so `__proto__` is just a key. */
export function newCounters(): EngineCounters {
  return { accepted: 0, duplicates: 0, anomalies: 0, anomaliesByReason: Object.create(null) as Record<string, number> };
}

/**
 * Everything of one tenant (client): its queues, agents, calls and the ids it has sent. Ids
 * are looked up only inside their tenant's floor, so two tenants may use the same ids and
 * neither can see, claim or disturb the other's.
 */
export class TenantFloor {
  readonly queues = new Map<string, QueueState>();
  readonly agents = new Map<string, AgentRecord>();
  /** Each call's legs, by call id (call-legs.ts). */
  readonly calls: CallLegs = new Map();
  /** Legs answered, abandoned or flowed out before their call.queued arrived. */
  readonly orphans = new Set<CallLeg>();
  /**
   * Events waiting for a partner, by call id, since `at` (event time): conversation events for
   * their agent's answer, a queuing for the end of a visit to the same queue it overlaps, an
   * outcome after the queue's last visit ended for that visit's queuing (engine.ts).
   */
  readonly parked = new Map<string, { at: number; events: CallLegEvent[] }>();
  /** Event ids of the current and the previous local day (dedupe). */
  seenIds = new IdSet();
  readonly counters = newCounters();
  /**
   * The latest anomalies and up to as many before them, newest last: trimmed to the latest
   * RECENT_ANOMALIES once it holds twice that, as shifting the oldest off at each was 0.4 us an
   * anomaly (the ingest load makes one of nine answers in ten: 4% of the engine's time).
   */
  private recent: Anomaly[] = [];
  /**
   * Anomalies judged late (by the sweep once the reorder window has passed, while applying any
   * tenant's events) since a feed's answer last took them, by reason (null prototype): they wait
   * here for the answer to this tenant's next batch. An event's own anomalies are not counted
   * here: its batch's answer has them already.
   */
  unreportedAnomalies: Record<string, number> = Object.create(null) as Record<string, number>;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  /** The latest RECENT_ANOMALIES anomalies, newest last (a copy). */
  get recentAnomalies(): Anomaly[] {
    return this.recent.slice(-RECENT_ANOMALIES);
  }

  /** Sets the latest anomalies, newest last (a restore). */
  restoreRecentAnomalies(anomalies: readonly Anomaly[]): void {
    this.recent = anomalies.slice(-RECENT_ANOMALIES);
  }

  /** Whether the event id was already seen (today or yesterday). */
  seen(id: string): boolean {
    return this.seenIds.has(id);
  }

  /** Counts an anomaly against this tenant; a `late` one also waits for the next batch's answer. */
  noteAnomaly(a: Anomaly, late: boolean): void {
    this.counters.anomalies++;
    this.counters.anomaliesByReason[a.reason] = (this.counters.anomaliesByReason[a.reason] ?? 0) + 1;
    this.recent.push(a);
    if (this.recent.length >= 2 * RECENT_ANOMALIES) this.recent = this.recent.slice(-RECENT_ANOMALIES);
    if (late) this.unreportedAnomalies[a.reason] = (this.unreportedAnomalies[a.reason] ?? 0) + 1;
  }

  /** The late anomalies counted since the last call, by reason (null prototype), and none after it. */
  takeUnreportedAnomalies(): Record<string, number> {
    const out = this.unreportedAnomalies;
    this.unreportedAnomalies = Object.create(null) as Record<string, number>;
    return out;
  }
}

/** Takes a call out of its queue's waiting list; an emptied list's bounds start again, so one late or low-priority caller does not turn the shortcut off for the rest of the day. */
export function removeWaiting(q: QueueState, callId: string): void {
  if (q.waiting.delete(callId) && q.waiting.size === 0) {
    q.waitingLatestTs = -Infinity;
    q.waitingLowestPriority = Infinity;
  }
}

/** Puts a waiting call in its queue's list, keeping the list's bounds (`waitingLatestTs`, `waitingLowestPriority`). */
export function addWaiting(q: QueueState, callId: string, w: WaitingCall): void {
  q.waiting.set(callId, w);
  if (w.queuedTs > q.waitingLatestTs) q.waitingLatestTs = w.queuedTs;
  if (w.priority < q.waitingLowestPriority) q.waitingLowestPriority = w.priority;
}
