import type { AgentLogin, CallLegEvent, CallOutcome, CallQueued, ChannelCapacity, ConversationEvent, FloorEvent } from '../protocol/events.ts';
import type { EngineCounters, TeamName } from '../protocol/metrics.ts';
import { ACW, AgentTimeline, AUX, AVAILABLE, HOLD, MAX_CHANGES, OFFLINE, StateCodes, TALKING } from './agent-timeline.ts';
import {
  ABANDONED,
  ANSWERED,
  COUNTED_HANDLED,
  COUNTED_OFFER,
  COUNTED_OUTCOME,
  COUNTED_SETTLED,
  FLOWED_OUT,
  holdMs,
  isHandled,
  newLeg,
  NONE,
  type CallLeg,
} from './call-leg.ts';
import { CampaignBook } from './campaigns.ts';
import { forgetDeferredBefore, isDeferred, noteChannel, recordDeparture, recordHandled } from './backlog.ts';
import { lostWaitMs } from './lost-waits.ts';
import { AgentSlots, overCapacity } from './agent-slots.ts';
import { AvailableCount } from './available-count.ts';
import { availableAt, forgetAnswered, recount, reskill, serveAnswered, watchAvailability } from './queue-members.ts';
import { SettledLegs } from './settled-legs.ts';
import { agentsLeg, answeredBy, leftAt, leftEverywhere, legForOutcome, legForQueued, legsFull, linkLeg, MAX_LEGS_PER_CALL, unlinkLeg, waitingLegs } from './call-legs.ts';
import { PendingLeaves } from './pending-leaves.ts';
import { PendingSlotChecks } from './slot-checks.ts';
import { STEP_SLOTS } from './id-set.ts';
import { compareOrder, eventRank } from './event-rank.ts';
import { QueueHistory } from './ewt-history.ts';
import { IntervalClock } from './intervals.ts';
import { QueueBucket } from './queue-bucket.ts';
import { makeQueueConfig, QUEUE_DEFAULTS, type QueueConfig, type QueueDefaults, type QueueOverrides } from './queue-config.ts';
import { addWaiting, newCounters, removeWaiting, TenantFloor, type AgentRecord, type Anomaly, type LoginKey, type QueueState, type ScopeBefore } from './tenant-floor.ts';

export type { AgentRecord, Anomaly, QueueState } from './tenant-floor.ts';

/** An anomaly with the tenant it was counted against. */
export interface TenantAnomaly extends Anomaly {
  tenant: string;
}

/**
 * Anomalies `takeUntoldAnomalies` keeps between calls: a caller that applies events without
 * taking them (a tool, a test) must not grow the engine without end.
 */
export const MAX_UNTOLD = 1000;
export { TenantFloor } from './tenant-floor.ts';

export interface AgentConfig {
  id: string;
  tenant: string;
  name?: string;
  teamId?: string;
  queues?: string[];
  /** Contacts per channel the agent takes at once (overrides its queues' capacity). */
  capacity?: ChannelCapacity;
}

export interface EngineConfig {
  timezone: string;
  intervalMinutes: number;
  /** How long (ms of event time) a call event may wait for its `call.queued` before it is an anomaly. */
  reorderWindowMs: number;
  /** How many local days of detail to keep (today plus the days before). */
  retentionDays: number;
  tenants: { id: string; name: string }[];
  /** Team names by tenant and team id (config `teams`): shown instead of the id, never used to count. */
  teams: TeamName[];
  queues: (QueueOverrides & { id: string; tenant: string })[];
  agents: AgentConfig[];
  queueDefaults: QueueDefaults;
}

export const ENGINE_DEFAULTS: EngineConfig = {
  timezone: 'UTC',
  intervalMinutes: 30,
  reorderWindowMs: 5_000,
  retentionDays: 3,
  tenants: [],
  teams: [],
  queues: [],
  agents: [],
  queueDefaults: QUEUE_DEFAULTS,
};

/**
 * How far back (ms before the latest event) the queues' available counts answer: a call queued
 * earlier than that (a late event) reads the agents' timelines instead. Three minutes holds the
 * late events a live feed or the ingest load sends (seconds to half a minute), in a few hundred
 * kept steps for a queue of 400 agents.
 */
const AVAILABLE_HORIZON_MS = 3 * 60_000;
/**
 * Queues a tenant's events and forecast imports may register (configuration may add more): a
 * broken or hostile feed naming a new queue in every event (each one about 4 KB of state, and a
 * tile on every screen of the tenant) stops here with `too-many-queues`. The big floor's largest
 * tenant has 40 queues; the largest centres we know of a few hundred.
 */
export const MAX_QUEUES_PER_TENANT = 2000;
/** Agents a tenant's events and schedule imports may register, as for queues (`too-many-agents`); each is about 2 KB. */
export const MAX_AGENTS_PER_TENANT = 50_000;
/** Agents a schedule registers between two yields (about 1-2 ms). */
const STEP_AGENTS = 500;
/** How often (ms of event time) the counts fold what is older than the horizon. */
const AVAILABLE_FOLD_EVERY_MS = 30_000;
/**
 * How often (ms of event time) waits are looked at for being lost (lost-waits.ts): each look reads
 * every waiting call, so not every second; a ghost leaves the screens up to 5 min after its limit. Every path
 * that ends a wait past its limit ends it at the limit, so how often this runs changes when a
 * ghost leaves the screens, never the figures.
 */
const LOST_SCAN_EVERY_MS = 300_000;
/**
 * How often (ms of event time) answers past the reorder window are judged against capacity
 * between sweeps: a second's worth at once was 30-100 ms of one turn at 15,000 answers a second.
 */
const SLOT_CHECK_EVERY_MS = 100;
/** Agents and steps a fold may read to rebuild switched-off counts (queue-members.ts `recount`). */
const REBUILD_WORK_PER_FOLD = 65_536;

export const APPLIED = 0;
export const DUPLICATE = 1;
export const ANOMALY = 2;
export type ApplyOutcome = typeof APPLIED | typeof DUPLICATE | typeof ANOMALY;

type Problem = [reason: string, detail: string] | null;

/** Why a new queue is refused in a tenant that has MAX_QUEUES_PER_TENANT (an event's anomaly, a forecast import's refusal). */
export const queuesFullText = (queueId: string): string => `queue ${queueId} would be more than ${MAX_QUEUES_PER_TENANT} queues in the tenant`;
/** The anomaly of an event naming a new queue in a tenant that has MAX_QUEUES_PER_TENANT. */
const tooManyQueues = (queueId: string): Problem => ['too-many-queues', queuesFullText(queueId)];
/** Queues a login named that its tenant's MAX_QUEUES_PER_TENANT left out: the first of them, and how many. */
interface LeftOut {
  first: string;
  count: number;
}
const leftOut = (l: LeftOut | null, id: string): LeftOut => (l ? { first: l.first, count: l.count + 1 } : { first: id, count: 1 });
/** The anomaly of a login some of whose queues are left out (the login itself, and its other skills, stand). */
const loginLeavesOut = (agentId: string, l: LeftOut): Problem => ['too-many-queues', `${queuesFullText(l.first)}: agent ${agentId}'s login leaves out ${l.count} of its queues, its other skills stand`];
/** The anomaly of an event naming a new agent in a tenant that has MAX_AGENTS_PER_TENANT. */
const tooManyAgents = (agentId: string): Problem => ['too-many-agents', `agent ${agentId} would be more than ${MAX_AGENTS_PER_TENANT} agents in the tenant`];

/**
 * The live floor as pure state: `apply(event)` and `tick(ts)` are its only inputs. No I/O and no
 * wall clock. Each tenant's queues, agents, calls and event ids live in its own `TenantFloor`,
 * so ids are scoped by tenant. Everything the engine decides (counts, anomalies, ageing out)
 * follows from event times alone, so replaying the same events in any order within the reorder
 * window gives the same state; `tick` only moves `now`, the clock views read times in state and
 * waits from.
 */
export class Engine {
  readonly clock: IntervalClock;
  readonly config: EngineConfig;
  /** The clock views read: the latest event time or tick (epoch ms). */
  now = 0;
  /** The latest event time (epoch ms); drives ageing out, never ticks. (Read by engine-snapshot.ts.) */
  eventNow = 0;
  readonly tenants = new Map<string, TenantFloor>();
  /** Totals over every tenant. */
  readonly counters: EngineCounters = newCounters();
  /** Outbound campaigns (domain/campaigns.ts): dial attempts, outcomes and talk per local hour. */
  readonly campaigns: CampaignBook;
  /** The reason of the last ANOMALY outcome of `apply`. */
  lastAnomaly: Anomaly | null = null;
  /**
   * Anomalies recorded other than as an event's own ANOMALY outcome (judged by the sweep, or by
   * a parked event's partner arriving), oldest first, for the caller to log: the engine does no
   * I/O. At most MAX_UNTOLD kept; `untoldDropped` counts those past it.
   */
  private untold: TenantAnomaly[] = [];
  private untoldDropped = 0;
  /** Interned agent states of this engine's timelines. */
  readonly stateCodes = new StateCodes();
  /**
   * Bumped by every event applied or counted as a duplicate (anomalies are counted within one),
   * clock tick and queue or agent marked changed or added: a view built at one revision is still right while the
   * revision is unchanged (snapshot-cache.ts).
   */
  revision = 0;
  /** Queues and agents changed since the last `takeDirty()` (each flagged `dirty` once). */
  private dirtyQueues: QueueState[] = [];
  private dirtyAgents: AgentRecord[] = [];

  /** Legs settled in full, kept one reorder window for late repeats. */
  readonly settled = new SettledLegs();
  private lastTenant: TenantFloor | null = null;
  /** Answers whose fit within capacity is judged once the reorder window has passed. */
  readonly slotChecks = new PendingSlotChecks();
  /** Calls answered or abandoned while another of their legs may wait elsewhere, judged after the window. */
  readonly leaveChecks = new PendingLeaves();
  seenDayStart = -Infinity;
  /** Epoch ms the local day after `seenDayStart` starts (its first event turns the day at once). */
  private nextDayStart = -Infinity;
  lastSweep = 0;
  /** Event time (epoch ms) the available counts were last folded at. */
  private lastFold = -Infinity;
  private lastLostScan = -Infinity;
  /** Where the next fold starts rebuilding switched-off counts (an index among them). */
  private rebuildFrom = 0;

  constructor(config: Partial<EngineConfig> = {}) {
    this.config = { ...ENGINE_DEFAULTS, ...config };
    this.clock = new IntervalClock(this.config.timezone, this.config.intervalMinutes);
    this.campaigns = new CampaignBook(this.config.timezone);
    for (const t of this.config.tenants) this.tenant(t.id).name = t.name;
    for (const q of this.config.queues) this.addQueue(makeQueueConfig(q.id, q.tenant, q, this.config.queueDefaults));
    for (const a of this.config.agents) this.addAgent(a);
  }

  /** The tenant's floor, created on first sight. */
  tenant(id: string): TenantFloor {
    // A batch mostly holds one tenant's events: the last floor found answers without hashing.
    const last = this.lastTenant;
    if (last !== null && last.id === id) return last;
    let t = this.tenants.get(id);
    if (!t) this.tenants.set(id, (t = new TenantFloor(id, id)));
    this.lastTenant = t;
    return t;
  }

  /** A queue by tenant and id, or undefined. */
  queue(tenant: string, id: string): QueueState | undefined {
    return this.tenants.get(tenant)?.queues.get(id);
  }

  /** An agent by tenant and id, or undefined. */
  agent(tenant: string, id: string): AgentRecord | undefined {
    return this.tenants.get(tenant)?.agents.get(id);
  }

  /** Every queue of every tenant. */
  *allQueues(): IterableIterator<QueueState> {
    for (const t of this.tenants.values()) yield* t.queues.values();
  }

  /** Every agent of every tenant. */
  *allAgents(): IterableIterator<AgentRecord> {
    for (const t of this.tenants.values()) yield* t.agents.values();
  }

  /** How many queues and agents the floor holds. */
  size(): { queues: number; agents: number } {
    let queues = 0;
    let agents = 0;
    for (const t of this.tenants.values()) {
      queues += t.queues.size;
      agents += t.agents.size;
    }
    return { queues, agents };
  }

  /** Applies one validated event; returns APPLIED, DUPLICATE or ANOMALY (see `lastAnomaly`). */
  apply(ev: FloorEvent): ApplyOutcome {
    const t = this.tenant(ev.tenant);
    // A duplicate changes the counters a snapshot shows: a body cached at the revision before is stale.
    this.revision++;
    if (!t.seenIds.add(ev.id)) {
      t.counters.duplicates++;
      this.counters.duplicates++;
      return DUPLICATE;
    }
    this.advance(ev.ts);
    t.counters.accepted++;
    this.counters.accepted++;
    const problem = this.route(t, ev);
    if (problem === null) return APPLIED;
    this.recordAnomaly(t, ev, problem[0], problem[1], true);
    return ANOMALY;
  }

  /**
   * The anomalies recorded since the last call that were no event's own ANOMALY outcome (those
   * the caller has from `lastAnomaly`), oldest first, and how many past MAX_UNTOLD were not kept.
   */
  takeUntoldAnomalies(): { anomalies: TenantAnomaly[]; dropped: number } {
    const out = { anomalies: this.untold, dropped: this.untoldDropped };
    this.untold = [];
    this.untoldDropped = 0;
    return out;
  }

  /**
   * The late anomalies (judged by the sweep, no event's own) counted against `tenant` since the last call, by reason (null prototype; empty
   * for an unknown tenant): for the answer to a batch of its events (ingest-batch.ts).
   */
  takeUnreportedAnomalies(tenant: string): Record<string, number> {
    return this.tenants.get(tenant)?.takeUnreportedAnomalies() ?? (Object.create(null) as Record<string, number>);
  }

  /** Moves the view clock to `ts` (epoch ms) if later, so waits and times in state grow. */
  tick(ts: number): void {
    if (ts <= this.now) return;
    this.revision++;
    this.now = ts;
  }

  /** The queues and agents changed since the last call, for coalesced pushes. */
  takeDirty(): { queues: QueueState[]; agents: AgentRecord[]; moved: Map<AgentRecord, ScopeBefore> } {
    const out = { queues: this.dirtyQueues, agents: this.dirtyAgents, moved: new Map<AgentRecord, ScopeBefore>() };
    for (const q of out.queues) q.dirty = false;
    for (const a of out.agents) {
      a.dirty = false;
      const before = a.scopeBefore;
      if (before === undefined) continue;
      // Moved away and back within the cycle: no screen saw it leave.
      if (before.teamId !== a.teamId || !sameQueueSet(before.queues, a.servedQueues) || skillsChanged(a, before)) out.moved.set(a, before);
      a.scopeBefore = undefined;
    }
    this.dirtyQueues = [];
    this.dirtyAgents = [];
    return out;
  }

  /** Registers a queue (or replaces its config), keeping its figures. */
  addQueue(config: QueueConfig): QueueState {
    this.revision++;
    const t = this.tenant(config.tenant);
    const existing = t.queues.get(config.id);
    if (existing) {
      existing.config = config;
      this.markQueue(existing);
      return existing;
    }
    const q: QueueState = { config, waiting: new Map(), waitingLatestTs: -Infinity, waitingLowestPriority: Infinity, buckets: new Map(), dispositions: new Map(), history: new QueueHistory(), agents: new Set(), available: new AvailableCount(), dirty: false };
    t.queues.set(config.id, q);
    this.markQueue(q);
    return q;
  }

  /**
   * A forecast's queue, registered unless it exists: null when the tenant already has
   * MAX_QUEUES_PER_TENANT (an analyst's forecasts for made-up queue ids made one each, past the cap).
   */
  planQueue(tenant: string, id: string): QueueState | null {
    this.revision++;
    return this.queueIn(this.tenant(tenant), id);
  }

  /**
   * Registers the queues a history import names, all or none, so a client's queues are known
   * (forecast from history, report, intraday) before their first live call: false (and nothing
   * registered) when the new ones would take the tenant past MAX_QUEUES_PER_TENANT.
   */
  planQueues(tenant: string, ids: readonly string[]): boolean {
    this.revision++;
    const t = this.tenant(tenant);
    const added = new Set<string>();
    for (const id of ids) if (!t.queues.has(id)) added.add(id);
    if (t.queues.size + added.size > MAX_QUEUES_PER_TENANT) return false;
    for (const id of added) this.queueIn(t, id);
    return true;
  }

  /** The agents of `agentIds` the tenant does not have yet, each once, STEP_AGENTS x 4 looked up a step; null when registering them would take it past MAX_AGENTS_PER_TENANT. */
  *newAgentsSteps(tenant: string, agentIds: readonly string[]): Generator<void, string[] | null> {
    const known = this.tenants.get(tenant)?.agents;
    const added = new Set<string>();
    for (let i = 0; i < agentIds.length; i++) {
      if (i > 0 && i % (4 * STEP_AGENTS) === 0) yield;
      if (!known?.has(agentIds[i])) added.add(agentIds[i]);
    }
    return (known?.size ?? 0) + added.size > MAX_AGENTS_PER_TENANT ? null : [...added];
  }

  /** Registers `newAgentsSteps`' answer, STEP_AGENTS a step: 20,000 new agents took 45-75 ms in one go. */
  *registerAgentsSteps(tenant: string, agentIds: readonly string[]): Generator<void, void> {
    const t = this.tenant(tenant);
    for (let i = 0; i < agentIds.length; i++) {
      if (i > 0 && i % STEP_AGENTS === 0) yield;
      this.markAgent(this.agentFor(t, agentIds[i]));
    }
  }

  /** `ensureQueue` for an event's queue: null when the tenant already has MAX_QUEUES_PER_TENANT. */
  private queueIn(t: TenantFloor, id: string): QueueState | null {
    const q = t.queues.get(id);
    if (q) return q;
    return t.queues.size >= MAX_QUEUES_PER_TENANT ? null : this.addQueue(makeQueueConfig(id, t.id, {}, this.config.queueDefaults));
  }

  /** Registers an agent from configuration (name, team, skills). */
  addAgent(a: AgentConfig): AgentRecord {
    this.revision++;
    const rec = this.agentFor(this.tenant(a.tenant), a.id);
    if (a.name) rec.name = a.name;
    if (a.teamId) rec.teamId = a.teamId;
    if (a.queues) this.setSkills(rec, a.queues);
    if (a.capacity) rec.slots.configured = a.capacity;
    this.markAgent(rec);
    return rec;
  }

  // ---- routing -------------------------------------------------------------------------

  /** Returns null when applied, or [reason code, detail] when the event is impossible. */
  private route(t: TenantFloor, ev: FloorEvent): Problem {
    switch (ev.type) {
      case 'call.queued': {
        const q = this.queueIn(t, ev.queueId);
        if (!q) return tooManyQueues(ev.queueId);
        // An email makes its queue deferred work (domain/backlog.ts) before the item is counted.
        noteChannel(q, ev.channel);
        return this.onQueued(t, ev, false, q);
      }
      case 'call.answered':
      case 'call.abandoned':
      case 'call.dequeued':
        return this.onOutcome(t, ev);
      case 'call.held':
      case 'call.retrieved':
      case 'call.ended':
      case 'call.wrapped':
        return this.onConversation(t, ev);
      case 'agent.login':
        // A method of its own: its closure over `ev` here made every event allocate a context.
        return this.onLogin(t, ev);
      case 'agent.state':
      case 'agent.logout': {
        const agent = this.agentIn(t, ev.agentId);
        if (!agent) return tooManyAgents(ev.agentId);
        if (ev.type === 'agent.logout') this.setState(agent, ev, OFFLINE, null, null);
        else this.setState(agent, ev, ev.state === 'available' ? AVAILABLE : AUX, ev.state === 'aux' ? (ev.reason ?? null) : null, null);
        return null;
      }
      case 'dial.attempt':
      case 'dial.outcome': {
        // The campaign's queue (its agents' skill) shows the campaign's figures on its tile.
        const q = t.queues.get(ev.campaignId);
        if (q) this.markQueue(q);
        return this.campaigns.apply(ev, this.eventNow);
      }
    }
  }

  private onLogin(t: TenantFloor, ev: AgentLogin): Problem {
    const agent = this.agentIn(t, ev.agentId);
    if (!agent) return tooManyAgents(ev.agentId);
    const rank = eventRank(ev);
    // A login that leaves out a field says nothing about it, so each of name, team and skills
    // follows the latest login in the canonical order that carries it, whatever arrived last.
    let key: LoginKey | null = null;
    const newer = (k: LoginKey | null) => !k || compareOrder(ev.ts, rank, ev.id, k.ts, k.rank, k.id) > 0;
    if (ev.name && newer(agent.nameKey)) {
      agent.nameKey = key ??= { ts: ev.ts, rank, id: ev.id };
      agent.name = ev.name;
    }
    if (ev.teamId && newer(agent.teamKey)) {
      agent.teamKey = key ??= { ts: ev.ts, rank, id: ev.id };
      if (agent.teamId !== ev.teamId) agent.scopeBefore ??= scopeNow(agent);
      agent.teamId = ev.teamId;
    }
    // Queues past the tenant's cap are left out, and said: the feed's answer counts the login an anomaly.
    let out: LeftOut | null = null;
    if (ev.queues && newer(agent.skillsKey)) {
      agent.skillsKey = key ??= { ts: ev.ts, rank, id: ev.id };
      out = this.setSkills(agent, ev.queues);
    } else if (ev.queues) {
      // The queues a login names exist whichever login wins, as they would had it come first.
      for (const id of new Set(ev.queues)) if (!this.queueIn(t, id)) out = leftOut(out, id);
    }
    agent.slots.login(ev.ts, rank, ev.id, ev.capacity ?? {}, ev.queues);
    this.setState(agent, ev, ev.state === 'available' ? AVAILABLE : AUX, ev.state === 'available' ? null : (ev.reason ?? null), null);
    return out && loginLeavesOut(agent.id, out);
  }

  /**
   * A visit of the call to a queue begins. One that falls in a visit there still waiting is
   * parked until that visit ends (a flow-out back here whose dequeue is on its way) or the
   * reorder window passes (`final`: queued twice).
   */
  private onQueued(t: TenantFloor, ev: CallQueued, final = false, known: QueueState | null = null): Problem {
    const { callId, ts } = ev;
    // `known`: the queue route has just looked up (one map read an event, not two).
    const q = known ?? this.queueIn(t, ev.queueId);
    if (!q) return tooManyQueues(ev.queueId);
    const queueId = q.config.id;
    const head = t.calls.get(callId);
    let leg: CallLeg | null = null;
    if (head) {
      // Another queue's leg, or one here that ended before this queuing, is another visit: a leg of its own.
      let found = legForQueued(head, queueId, ts);
      // A queuing after the waiting visit's limit finds it lost and looks again, as after the scan (whichever runs first).
      if (found.waiting && this.loseIfPast(t, found.clash!, ts)) found = legForQueued(head, queueId, ts);
      if (found.clash) {
        if (found.waiting && !final) return this.park(t, ev);
        return ['queued-twice', `call ${callId} is already queued in ${queueId}`];
      }
      leg = found.fill;
    }
    if (!leg) {
      if (legsFull(head)) return ['too-many-legs', `call ${callId} is already in ${MAX_LEGS_PER_CALL} queues`];
      leg = newLeg(callId, q, this.eventNow);
      linkLeg(t.calls, leg, head);
    }
    leg.queuedTs = ts;
    leg.priority = ev.priority ?? 0;
    leg.channel = ev.channel;
    if (leg.agent) this.channelKnown(leg, leg.agent);
    if (leg.orphan) {
      leg.orphan = false;
      t.orphans.delete(leg);
    }
    this.settle(t, leg);
    // A call answered or abandoned elsewhere after this queuing has left here too (unless a dequeue comes in time).
    if (head && (head.next || head !== leg)) for (let l: CallLeg | null = head; l; l = l.next) if (leftEverywhere(l) && l.outcomeTs > ts) this.leaveChecks.push(t, callId, l.outcomeTs);
    // Outcomes here that came after the queue's last visit ended were waiting for this one.
    if (t.parked.has(callId)) this.unpark(t, callId, OUTCOMES_IN, queueId);
    return null;
  }

  /**
   * A visit's wait ends (answered, abandoned, flowed out). One that finds the queue's last visit
   * over before it is parked until a later queuing there arrives (the call was transferred back)
   * or the reorder window passes (`final`: it repeats that visit's outcome).
   */
  private onOutcome(t: TenantFloor, ev: CallOutcome, final = false): Problem {
    const q = this.queueIn(t, ev.queueId);
    if (!q) return tooManyQueues(ev.queueId);
    const head = t.calls.get(ev.callId);
    let leg = legForOutcome(head, ev.queueId, ev.ts);
    // A visit queued after this outcome is not the one it ends when an earlier queuing here waits parked.
    if (leg && leg.outcome === NONE && leg.queuedTs > ev.ts && !final && this.queuingParked(t, ev)) leg = null;
    // An outcome after the wait's limit finds it lost and looks again, as after the scan (whichever runs first).
    if (leg && leg.outcome === NONE && this.loseIfPast(t, leg, ev.ts)) leg = legForOutcome(head, ev.queueId, ev.ts);
    if (leg && leg.outcome !== NONE) {
      if (!final && leg.outcomeTs < ev.ts) return this.park(t, ev);
      // Never a visit that flowed out: legForOutcome passes those by (the call may come back to the queue).
      const was = leg.outcome === ANSWERED ? 'been answered' : 'abandoned';
      const verb = ev.type === 'call.answered' ? 'answered' : ev.type === 'call.abandoned' ? 'abandoned' : 'dequeued';
      return [verb === 'answered' && leg.outcome === ANSWERED ? 'answered-twice' : 'already-left-queue', `call ${ev.callId} ${verb} in ${ev.queueId}, but it had already ${was} there`];
    }
    if (!leg && legsFull(head)) return ['too-many-legs', `call ${ev.callId} is already in ${MAX_LEGS_PER_CALL} queues`];
    const agent = ev.type === 'call.answered' ? this.agentIn(t, ev.agentId) : null;
    if (ev.type === 'call.answered' && !agent) return tooManyAgents(ev.agentId);
    const outbound = ev.type === 'call.answered' && ev.direction === 'outbound';
    if (!leg) {
      leg = newLeg(ev.callId, q, this.eventNow);
      linkLeg(t.calls, leg, head);
      // An outbound contact is never queued: it only moves the agent, so it is no orphan.
      if (!outbound) {
        leg.orphan = true;
        t.orphans.add(leg);
      }
    }
    leg.outcomeTs = ev.ts;
    if (outbound) leg.outbound = true;
    leg.outcome = ev.type === 'call.answered' ? ANSWERED : ev.type === 'call.abandoned' ? ABANDONED : FLOWED_OUT;
    if (agent) {
      leg.agentId = agent.id;
      leg.agent = agent;
      // An answer of a day already turned (a late event) no longer makes the agent serve the queue.
      if (ev.ts >= this.seenDayStart) serveAnswered(q, agent);
      agent.slots.answer(leg.callId, leg.channel ?? null, ev.ts, ev.id, leg.queueId);
      this.slotChecks.push(t, agent, leg.callId, ev.ts, ev.id);
      this.contactState(leg, agent, ev, TALKING);
    }
    this.settle(t, leg);
    // Answered or abandoned here, the caller waits in no other queue: judged once the window has passed.
    if (leftEverywhere(leg) && head !== undefined && (head !== leg || leg.next !== null)) this.leaveChecks.push(t, ev.callId, ev.ts);
    if (t.parked.has(ev.callId)) {
      // The agent's conversation events, and a queuing here that waited for this visit to end.
      if (agent) this.unpark(t, ev.callId, CONVERSATIONS_OF, agent.id);
      this.unpark(t, ev.callId, QUEUINGS_IN, ev.queueId);
    }
    return null;
  }

  /**
   * Ends, as flowed out, each wait of the call that its answer or abandon in another queue before
   * `cut` (epoch ms) left behind with no call.dequeued of its own: a feed that never says the call
   * left the other queues would otherwise show it waiting there all day. Each ends at the earliest
   * such outcome after its queuing, whatever order the checks run in.
   */
  private leaveOthers(t: TenantFloor, callId: string, cut: number): void {
    const head = t.calls.get(callId);
    for (const w of waitingLegs(head)) {
      const at = leftAt(head, w);
      if (!(at < cut) || this.loseIfPast(t, w, at)) continue;
      w.outcome = FLOWED_OUT;
      w.outcomeTs = at;
      this.settle(t, w);
      // A queuing there that waited for this visit to end (the call came back) may go on.
      if (t.parked.has(callId)) this.unpark(t, callId, QUEUINGS_IN, w.queueId);
    }
  }

  /**
   * Whether waiting leg `w` had passed its queue's lost-wait limit by `ts` (epoch ms): if so it is
   * lost now. Every path that meets a wait after its limit asks this first, so the wait ends at
   * the limit whichever of them, or the scan, comes first.
   */
  private loseIfPast(t: TenantFloor, w: CallLeg, ts: number): boolean {
    if (!(ts > w.queuedTs + lostWaitMs(w.q.config))) return false;
    this.loseWait(t, w);
    return true;
  }

  /** Ends a wait that passed its queue's lost-wait limit, as flowed out at that limit (lost-waits.ts). */
  private loseWait(t: TenantFloor, w: CallLeg): void {
    const limit = lostWaitMs(w.q.config);
    w.outcome = FLOWED_OUT;
    w.outcomeTs = w.queuedTs + limit;
    this.settle(t, w);
    this.recordAnomaly(t, { id: '', ts: w.outcomeTs }, 'lost-wait', `call ${w.callId} waited in ${w.queueId} for ${limit / 1000} s with no outcome: ended as flowed out`);
    if (t.parked.has(w.callId)) this.unpark(t, w.callId, QUEUINGS_IN, w.queueId);
  }

  /** Ends every realtime wait whose lost-wait limit came before `cut` (epoch ms). */
  private loseStaleWaits(cut: number): void {
    for (const t of this.tenants.values()) {
      for (const q of t.queues.values()) {
        if (q.waiting.size === 0) continue;
        const limit = lostWaitMs(q.config);
        if (limit === Infinity) continue;
        // Keys, not entries: each entry would be a [key, value] array (9 B per event of the simulated day).
        let due: string[] | null = null;
        for (const callId of q.waiting.keys()) if (q.waiting.get(callId)!.queuedTs + limit < cut) (due ??= []).push(callId);
        if (due === null) continue;
        for (const callId of due) for (const l of waitingLegs(t.calls.get(callId))) if (l.q === q && l.outcome === NONE) this.loseWait(t, l);
      }
    }
  }

  /** Whether a queuing of the call in the outcome's queue, by the outcome's time, waits parked. */
  private queuingParked(t: TenantFloor, ev: CallOutcome): boolean {
    const p = t.parked.get(ev.callId);
    return p !== undefined && p.events.some((x) => x.type === 'call.queued' && x.queueId === ev.queueId && x.ts <= ev.ts);
  }

  /** Keeps `ev` until its partner arrives or the reorder window passes (sweep); judged at once beyond MAX_PARKED. */
  private park(t: TenantFloor, ev: CallLegEvent): Problem {
    let p = t.parked.get(ev.callId);
    if (!p) t.parked.set(ev.callId, (p = { at: this.eventNow, events: [] }));
    if (p.events.length >= MAX_PARKED) return this.applyLeg(t, ev, true);
    p.events.push(ev);
    return null;
  }

  /** Applies a call's event; `final` once the reorder window has passed, when it waits no more. */
  private applyLeg(t: TenantFloor, ev: CallLegEvent, final: boolean): Problem {
    if (ev.type === 'call.queued') return this.onQueued(t, ev, final);
    if (isOutcome(ev)) return this.onOutcome(t, ev, final);
    return this.onConversation(t, ev, final);
  }

  /**
   * Applies a conversation event to the leg its agent answered. One that finds none (the answer
   * may still be on its way: the call may be waiting in another queue, or have left one before an
   * answer in the next, or another agent's answer came first), or that comes after the agent's
   * conversation ended (the call came back to it), is parked until that agent answers the call or
   * the reorder window passes; `final`, when it has passed, applies or judges it as it is.
   */
  private onConversation(t: TenantFloor, ev: ConversationEvent, final = false): Problem {
    const head = t.calls.get(ev.callId);
    const leg = agentsLeg(head, ev.agentId, ev.ts, final);
    if (!final && (!leg || afterConversation(leg, ev))) return this.park(t, ev);
    if (!leg) {
      const by = answeredBy(head);
      if (by === null) return ['never-answered', `${ev.type} for call ${ev.callId}, which was never answered`];
      return ['agent-mismatch', `${ev.type} by ${ev.agentId} for call ${ev.callId}, answered by ${by}`];
    }
    // The agent who answered is kept on the call.
    const agent = leg.agent ?? this.agentIn(t, ev.agentId);
    if (!agent) return tooManyAgents(ev.agentId);
    const acw = leg.q.config.afterCallWork;
    switch (ev.type) {
      case 'call.held':
        if (leg.holds && leg.holds.length >= MAX_HOLDS) return ['too-many-holds', `call ${ev.callId} has ${MAX_HOLDS} holds kept; this one is dropped`];
        // A literal of one: `[]` and a push allocate room for 17 (a hold is rare, a second rarer).
        if (leg.holds) leg.holds.push(ev.ts);
        else leg.holds = [ev.ts];
        this.contactState(leg, agent, ev, HOLD);
        this.recountHold(leg);
        break;
      case 'call.retrieved':
        if (leg.retrieves && leg.retrieves.length >= MAX_HOLDS) return ['too-many-holds', `call ${ev.callId} has ${MAX_HOLDS} retrieves kept; this one is dropped`];
        if (leg.retrieves) leg.retrieves.push(ev.ts);
        else leg.retrieves = [ev.ts];
        this.contactState(leg, agent, ev, TALKING);
        this.recountHold(leg);
        break;
      case 'call.ended':
        if (!Number.isNaN(leg.endedTs)) return ['ended-twice', `call ${ev.callId} ended twice`];
        leg.endedTs = ev.ts;
        // An outbound contact's conversation is its campaign's talk time.
        if (leg.outbound) this.campaigns.talk(t.id, leg.callId, Math.max(0, ev.ts - leg.outcomeTs), this.eventNow);
        this.contactState(leg, agent, ev, acw ? ACW : AVAILABLE);
        if (!acw) agent.timeline.addHandled(ev.ts);
        break;
      case 'call.wrapped':
        if (!Number.isNaN(leg.wrappedTs)) return ['wrapped-twice', `call ${ev.callId} wrapped twice`];
        leg.wrappedTs = ev.ts;
        leg.disposition = ev.disposition ?? null;
        // After-call work ends: the agent is ready again unless an agent.state says otherwise.
        this.contactState(leg, agent, ev, AVAILABLE);
        if (acw) agent.timeline.addHandled(ev.ts);
        break;
    }
    this.releaseSlot(leg, agent, acw);
    this.settle(t, leg);
    if (Number.isNaN(leg.queuedTs) && !leg.orphan && isHandled(leg, acw)) unlinkLeg(t.calls, leg);
    return null;
  }

  /**
   * Replays the call's parked events that `kind` and `key` release (their partner came; see
   * `releases`), in the canonical order. A kind and a key, not a predicate: a closure made by
   * the caller put a context on every event it applied, parked or not.
   */
  private unpark(t: TenantFloor, callId: string, kind: Release, key: string): void {
    const p = t.parked.get(callId);
    if (!p) return;
    const taken = p.events.filter((ev) => releases(kind, key, ev));
    if (taken.length === 0) return;
    // The others wait on for their own partners.
    if (taken.length === p.events.length) t.parked.delete(callId);
    else p.events = p.events.filter((ev) => !releases(kind, key, ev));
    for (const ev of inCanonicalOrder(taken)) {
      const problem = this.applyLeg(t, ev, false);
      if (problem) this.recordAnomaly(t, ev, problem[0], problem[1]);
    }
    // One parked again keeps the time it first waited from.
    const again = t.parked.get(callId);
    if (again && again.at > p.at) again.at = p.at;
  }

  /** A hold reported after the call was counted moves time from talk to hold in its bucket. */
  private recountHold(leg: CallLeg): void {
    if (!(leg.counted & COUNTED_HANDLED)) return;
    const b = leg.bucket!;
    const delta = holdMs(leg) - leg.countedHoldMs;
    leg.countedHoldMs += delta;
    b.holdMs += delta;
    b.talkMs -= delta;
  }

  // ---- call settlement -----------------------------------------------------------------

  /** Counts whatever the leg's known events now allow, each part exactly once. */
  private settle(t: TenantFloor, leg: CallLeg): void {
    if (Number.isNaN(leg.queuedTs)) return;
    const q = leg.q;
    const cfg = q.config;
    let b = leg.bucket;
    if (!b) {
      const key = bucketKey(this.clock.intervalStart(leg.queuedTs));
      b = q.buckets.get(key) ?? null;
      if (!b) q.buckets.set(key, (b = new QueueBucket()));
      leg.bucket = b;
    }
    this.markQueue(q);
    if (!(leg.counted & COUNTED_OFFER)) {
      leg.counted |= COUNTED_OFFER;
      b.offered++;
      if (leg.outcome === NONE) {
        leg.behind = q.waiting.size > MAX_COUNTED_AHEAD ? undefined : completionsAhead(q, leg.priority, leg.queuedTs);
        // The leg itself: its queue time and priority stay as they are while it waits (a WaitingCall each was 40 B a call).
        addWaiting(q, leg.callId, leg);
      }
    }
    if (leg.outcome !== NONE && !(leg.counted & COUNTED_OUTCOME)) {
      leg.counted |= COUNTED_OUTCOME;
      removeWaiting(q, leg.callId);
      const wait = Math.max(0, leg.outcomeTs - leg.queuedTs);
      if (wait > b.maxWaitMs) b.maxWaitMs = wait;
      const inSL = wait <= cfg.slThresholdSeconds * 1000;
      if (leg.outcome === ANSWERED) {
        b.answered++;
        b.waitMsAnswered += wait;
        if (inSL) b.answeredInSL++;
      } else if (leg.outcome === ABANDONED) {
        b.abandoned++;
        if (wait < cfg.shortAbandonSeconds * 1000) b.shortAbandoned++;
        if (inSL) b.abandonedInSL++;
      } else {
        b.flowedOut++;
      }
      if (isDeferred(cfg)) recordDeparture(q, bucketKey(this.clock.intervalStart(leg.outcomeTs)), leg.outcome, wait);
      // A lost wait (it lasted the whole limit) says nothing of how long callers wait.
      if (leg.outcome !== FLOWED_OUT || wait < lostWaitMs(cfg)) q.history.recordDeparture(leg.outcome === ANSWERED ? 'answered' : leg.outcome === ABANDONED ? 'abandoned' : 'flowedOut', wait / 1000, leg.behind);
    }
    if (leg.outcome === ANSWERED && !(leg.counted & COUNTED_HANDLED) && isHandled(leg, cfg.afterCallWork)) {
      leg.counted |= COUNTED_HANDLED;
      const hold = holdMs(leg);
      leg.countedHoldMs = hold;
      b.handled++;
      b.holdMs += hold;
      b.talkMs += Math.max(0, leg.endedTs - leg.outcomeTs - hold);
      if (cfg.afterCallWork) b.acwMs += Math.max(0, leg.wrappedTs - leg.endedTs);
      const handleEnd = cfg.afterCallWork ? leg.wrappedTs : leg.endedTs;
      q.history.recordHandle(Math.max(0, handleEnd - leg.outcomeTs) / 1000);
      if (isDeferred(cfg)) recordHandled(q, bucketKey(this.clock.intervalStart(handleEnd)), Math.max(0, handleEnd - leg.outcomeTs));
      if (leg.disposition) {
        const dayStart = this.clock.dayOf(leg.queuedTs).start;
        let counts = q.dispositions.get(dayStart);
        if (!counts) q.dispositions.set(dayStart, (counts = new Map()));
        counts.set(leg.disposition, (counts.get(leg.disposition) ?? 0) + 1);
      }
    }
    const done = leg.outcome !== NONE && (leg.outcome !== ANSWERED || leg.counted & COUNTED_HANDLED);
    if (done && !(leg.counted & COUNTED_SETTLED)) {
      leg.counted |= COUNTED_SETTLED;
      this.settled.push(leg, t, this.eventNow);
    }
  }

  // ---- channel slots (agent-slots.ts) --------------------------------------------------

  /**
   * Moves the agent's voice timeline for a contact event; a contact of another channel holds a
   * slot instead (agent-slots.ts) and leaves the voice state alone. While the channel is not
   * known yet (its call.queued is late) the contact counts as voice, and the change is noted
   * so that `channelKnown` can undo it.
   */
  private contactState(leg: CallLeg, agent: AgentRecord, ev: FloorEvent, state: number): void {
    if (leg.channel !== undefined && leg.channel !== 'voice') {
      // A chat taken or released moves the agent on every tile that counts it, not only its own queue's.
      this.markServed(agent);
      this.markQueue(leg.q);
      return;
    }
    this.setState(agent, ev, state, null, leg.q);
    if (Number.isNaN(leg.queuedTs)) {
      const span = agent.slots.spans.get(leg.callId);
      if (span) (span.provisional ??= []).push([ev.ts, ev.id]);
    }
  }

  /** The late call.queued gave the channel of an answered contact: set it, undoing voice states of another channel. */
  private channelKnown(leg: CallLeg, agent: AgentRecord): void {
    const span = agent.slots.spans.get(leg.callId);
    if (!span) return;
    agent.slots.setChannel(span, leg.channel ?? 'voice');
    if (span.channel !== 'voice' && span.provisional) for (const [ts, id] of span.provisional) agent.timeline.unset(ts, id);
    span.provisional = null;
    this.markServed(agent);
  }

  /** A contact's slot is released when it is wrapped (ended when its queue has no after-call work). */
  private releaseSlot(leg: CallLeg, agent: AgentRecord, acw: boolean): void {
    const span = agent.slots.spans.get(leg.callId);
    if (span && span.start === leg.outcomeTs) agent.slots.release(span, acw ? leg.wrappedTs : leg.endedTs);
  }

  /** Judges answers older than `cut` (epoch ms): beyond capacity is an anomaly (the contact still counts). */
  private checkSlots(cut: number): void {
    this.slotChecks.takeBefore(cut, (t, agent, callId, ts, eventId) => {
      this.judgedFloor = t;
      this.judgedAgent = agent;
      const detail = overCapacity(agent.slots, agent.id, callId, this.judgedSkills);
      if (detail) this.recordAnomaly(t, { id: eventId, ts }, 'over-capacity', detail);
    });
  }

  /**
   * The floor and agent of the answer `checkSlots` judges, read by `judgedSkills`: one function
   * for every check instead of a closure each (an answer's check was 30-50 B of the day's
   * allocations per event with its skills array).
   */
  private judgedFloor: TenantFloor | null = null;
  private judgedAgent: AgentRecord | null = null;
  private readonly judgedSkills = (at: number): readonly QueueState[] => this.skillsAt(this.judgedFloor!, this.judgedAgent!, at);
  /** The queues `skillsAt` found, reused: its one caller reads them before the next call. */
  private readonly skillsScratch: QueueState[] = [];

  /**
   * The queues `agent` was skilled for at `ts` (epoch ms): those of its latest login then that
   * named any; else, when no login ever named any, its skills now (configured, or none); else
   * (a login named some only after `ts`) its configured skills, whatever that login set since.
   * The list is only good until the next call.
   */
  private skillsAt(t: TenantFloor, agent: AgentRecord, ts: number): readonly QueueState[] {
    const ids = agent.slots.skillsAt(ts) ?? (agent.skillsKey ? this.configuredSkills(agent) : null);
    if (!ids) return agent.queues;
    const out = this.skillsScratch;
    let n = 0;
    for (const id of ids) {
      const q = t.queues.get(id);
      if (q) out[n++] = q;
    }
    // Shortened in place: V8 keeps the backing store unless it would be mostly empty.
    out.length = n;
    return out;
  }

  /** The queue ids the configuration gives `agent` (none when it gives none). */
  private configuredSkills(agent: AgentRecord): readonly string[] {
    return this.config.agents.find((a) => a.tenant === agent.tenant && a.id === agent.id)?.queues ?? [];
  }

  // ---- agents, queues ------------------------------------------------------------------

  private setState(agent: AgentRecord, ev: FloorEvent, state: number, reason: string | null, q: QueueState | null): void {
    if (!agent.timeline.set(ev.ts, eventRank(ev), ev.id, state, reason, q ? q.config.id : null)) {
      this.recordAnomaly(this.tenant(agent.tenant), ev, 'timeline-full', `agent ${agent.id} has ${MAX_CHANGES} state changes kept; this one is dropped`);
      return;
    }
    this.markServed(agent);
    if (q) this.markQueue(q);
  }

  /** Marks the agent and every queue that counts it (`servedQueues`: its skills and the queues whose calls it answered): their tiles count it by state and contacts open. */
  private markServed(agent: AgentRecord): void {
    this.markAgent(agent);
    for (const q of agent.servedQueues) this.markQueue(q);
  }

  private markQueue(q: QueueState): void {
    this.revision++;
    if (q.dirty) return;
    q.dirty = true;
    this.dirtyQueues.push(q);
  }

  private markAgent(a: AgentRecord): void {
    this.revision++;
    if (a.dirty) return;
    a.dirty = true;
    this.dirtyAgents.push(a);
  }

  /** Rebuilds every queue's available count from its agents' timelines (after a restore loaded them). */
  recountAvailable(): void {
    this.revision++;
    for (const q of this.allQueues()) recount(q, this.eventNow - AVAILABLE_HORIZON_MS);
  }

  /** Replaces an agent's skills with queues of its own tenant (registered on first sight, up to the tenant's limit); what the limit left out, or null. */
  private setSkills(agent: AgentRecord, queueIds: readonly string[]): LeftOut | null {
    for (const old of agent.queues) this.markQueue(old);
    agent.scopeBefore ??= scopeNow(agent);
    const next: QueueState[] = [];
    const t = this.tenant(agent.tenant);
    let out: LeftOut | null = null;
    for (const id of new Set(queueIds)) {
      const q = this.queueIn(t, id);
      if (!q) {
        out = leftOut(out, id);
        continue;
      }
      this.markQueue(q);
      next.push(q);
    }
    reskill(agent, next);
    return out;
  }

  /** `agentFor` for an event's agent: null when the tenant already has MAX_AGENTS_PER_TENANT. */
  private agentIn(t: TenantFloor, agentId: string): AgentRecord | null {
    return t.agents.get(agentId) ?? (t.agents.size >= MAX_AGENTS_PER_TENANT ? null : this.agentFor(t, agentId));
  }

  /** The tenant's agent, registered on first sight. */
  agentFor(t: TenantFloor, agentId: string): AgentRecord {
    let a = t.agents.get(agentId);
    if (!a) {
      a = { id: agentId, tenant: t.id, name: agentId, teamId: null, queues: [], servedQueues: [], answered: null, timeline: new AgentTimeline(this.stateCodes), slots: new AgentSlots(), nameKey: null, teamKey: null, skillsKey: null, dirty: false, scopeBefore: undefined };
      watchAvailability(a);
      t.agents.set(agentId, a);
      this.markAgent(a);
    }
    return a;
  }

  // ---- clock, sweeping, anomalies ------------------------------------------------------

  private advance(ts: number): void {
    if (ts > this.now) this.now = ts;
    if (ts <= this.eventNow) return;
    const before = this.eventNow;
    this.eventNow = ts;
    // A new local day turns at its first event, not up to a second later: answers of the new day
    // must not be taken for the old day's (forgetAnswered).
    if (ts - this.lastSweep >= 1000 || ts >= this.nextDayStart) this.sweep();
    // Between sweeps, answers that left the reorder window are judged at each new tenth of a
    // second of event time; the schedule follows only the event clock, which snapshots keep, so a
    // restored engine judges at the same events as one that never stopped.
    else if (Math.floor(ts / SLOT_CHECK_EVERY_MS) !== Math.floor(before / SLOT_CHECK_EVERY_MS) && this.slotChecks.length > 0) {
      this.checkSlots(ts - this.config.reorderWindowMs);
    }
  }

  /**
   * After a restore (engine-snapshot.ts): the next local day's start as the last sweep left it, so
   * the restored engine sweeps at the same events as one that never stopped (not at its first).
   */
  resumeSweeps(): void {
    this.revision++;
    this.nextDayStart = this.lastSweep > 0 ? this.clock.dayOf(this.lastSweep).end : -Infinity;
  }

  /** Runs at most once a second of event time: ages out orphans, settled legs and old ids. */
  private sweep(): void {
    const now = this.eventNow;
    this.lastSweep = now;
    const window = this.config.reorderWindowMs;
    // Dedupe tables being moved (after a growth or a new day) go on moving though their tenants
    // are quiet; one budget for all, as every tenant's day turns at once.
    let moveSlots = STEP_SLOTS;
    for (const t of this.tenants.values()) {
      if (moveSlots > 0) moveSlots -= t.seenIds.step(moveSlots);
      // Most tenants have nothing waiting: skip their maps without making iterators.
      if (t.orphans.size === 0 && t.parked.size === 0) continue;
      for (const leg of t.orphans) {
        if (now - leg.firstSeen <= window) continue;
        t.orphans.delete(leg);
        leg.orphan = false;
        // An answered orphan stays so its conversation still moves the agent (it is never
        // counted), unless that is over: nothing would take it out later.
        if (leg.outcome !== ANSWERED || isHandled(leg, leg.q.config.afterCallWork)) unlinkLeg(t.calls, leg);
        this.recordAnomaly(t, { id: '', ts: leg.outcomeTs }, 'never-queued', `call ${leg.callId} left ${leg.queueId} but was never queued`);
      }
      for (const [id, p] of t.parked) {
        if (now - p.at <= window) continue;
        t.parked.delete(id);
        for (const ev of inCanonicalOrder(p.events)) {
          const problem = this.applyLeg(t, ev, true);
          if (problem) this.recordAnomaly(t, ev, problem[0], problem[1]);
        }
      }
    }
    if (this.leaveChecks.length > 0) this.leaveChecks.takeBefore(now - window, (t, callId) => this.leaveOthers(t, callId, now - window));
    if (now - this.lastLostScan >= LOST_SCAN_EVERY_MS) {
      this.lastLostScan = now;
      this.loseStaleWaits(now - window);
    }
    this.campaigns.sweep(now, window, (tenant, ts, reason, detail) => this.recordAnomaly(this.tenant(tenant), { id: '', ts }, reason, detail));
    this.settled.forgetOlder(now, window);
    // Folding is only memory housekeeping (answers never depend on it): every 30 s of event time is enough.
    if (now - this.lastFold >= AVAILABLE_FOLD_EVERY_MS) {
      this.lastFold = now;
      this.foldAvailable(now - AVAILABLE_HORIZON_MS, true);
    }
    if (this.slotChecks.length > 0) this.checkSlots(now - window);
    const day = this.clock.dayOf(now);
    const today = day.start;
    if (today > this.seenDayStart) {
      // Ids are remembered for the current and the previous local day.
      if (this.seenDayStart !== -Infinity) {
        for (const t of this.tenants.values()) t.seenIds.newDay();
      }
      this.seenDayStart = today;
      this.forgetAnswered();
      this.forgetBefore(this.retentionCut(today));
    }
    this.nextDayStart = day.end;
  }

  /**
   * Start (epoch ms) of the oldest local day kept while `ts` (epoch ms) is in today: today and
   * the `retentionDays` - 1 days before it. The plan (fold.ts) forgets its days at the same cut,
   * so a day's forecast and schedule go with its actuals.
   */
  retentionCut(ts: number): number {
    return this.clock.dayOf(this.clock.dayOf(ts).start - (this.config.retentionDays - 1) * 86_400_000).start;
  }

  /**
   * An agent serves a queue whose call it answered for the rest of that local day: an overflow
   * helper of yesterday is not counted among today's agents of the queue (unless skilled for it).
   */
  private forgetAnswered(): void {
    for (const t of this.tenants.values()) {
      for (const a of t.agents.values()) if (a.answered !== null) for (const q of forgetAnswered(a)) this.markQueue(q);
    }
  }

  /**
   * Folds every queue's available count before `cut` (epoch ms): older instants read the
   * timelines. With `rebuild`, counts that were switched off are rebuilt from `cut` on, until
   * REBUILD_WORK_PER_FOLD agents and steps have been read (the rest wait for a later fold).
   */
  foldAvailable(cut: number, rebuild: boolean): void {
    this.revision++;
    const off: QueueState[] = [];
    // Plain loops, not allQueues(): a fold runs every 30 s of event time over every queue, and
    // the generator's result objects were a sixth of the bytes the engine allocated in a day.
    for (const t of this.tenants.values()) {
      for (const q of t.queues.values()) {
        if (q.available.on) q.available.foldBefore(cut);
        else off.push(q);
      }
    }
    if (!rebuild || off.length === 0) return;
    // Each fold starts where the last one stopped, so counts that keep failing cannot starve the rest.
    let budget = REBUILD_WORK_PER_FOLD;
    let k = 0;
    for (; k < off.length && budget > 0; k++) budget -= recount(off[(this.rebuildFrom + k) % off.length], cut, budget);
    this.rebuildFrom = (this.rebuildFrom + k) % off.length;
  }

  /** Drops buckets and timeline detail older than the retention. */
  private forgetBefore(cut: number): void {
    // A trimmed timeline reads offline before its first kept change (at or before cut): the
    // counts must not answer for those instants.
    this.foldAvailable(cut + 1, false);
    for (const q of this.allQueues()) {
      for (const key of q.buckets.keys()) if (key < bucketKey(cut)) q.buckets.delete(key);
      for (const start of q.dispositions.keys()) if (start < cut) q.dispositions.delete(start);
      forgetDeferredBefore(q, bucketKey(cut));
    }
    for (const a of this.allAgents()) {
      a.timeline.trimBefore(cut);
      a.slots.trimBefore(cut);
    }
    this.campaigns.forgetBefore(cut);
  }

  /** Counts an anomaly against `t`; one that is not `own` (the applied event's outcome) waits in `untold`. */
  private recordAnomaly(t: TenantFloor, ev: { id: string; ts: number }, reason: string, detail: string, own = false): void {
    const anomaly: Anomaly = { ts: ev.ts, eventId: ev.id, reason, detail };
    this.lastAnomaly = anomaly;
    if (!own) {
      if (this.untold.length < MAX_UNTOLD) this.untold.push({ ...anomaly, tenant: t.id });
      else this.untoldDropped++;
    }
    t.noteAnomaly(anomaly, !own);
    this.counters.anomalies++;
    this.counters.anomaliesByReason[reason] = (this.counters.anomaliesByReason[reason] ?? 0) + 1;
  }
}

/**
 * Whether `ev` comes after the conversation of `leg` was over (its end; for a wrap-up, its
 * wrap-up, or its end where the queue has no after-call work): it is of a later answer of the
 * same agent. (A comparison with an unknown time, NaN, is false.)
 */
function afterConversation(leg: CallLeg, ev: ConversationEvent): boolean {
  if (ev.type === 'call.wrapped') return ev.ts > (leg.q.config.afterCallWork ? leg.wrappedTs : leg.endedTs);
  return ev.ts > leg.endedTs;
}

/** A call's events sorted in the canonical order (event-rank.ts). */
function inCanonicalOrder(events: CallLegEvent[]): CallLegEvent[] {
  return events.sort((a, b) => compareOrder(a.ts, eventRank(a), a.id, b.ts, eventRank(b), b.id));
}

/** What an arrival releases of its call's parked events: outcomes or queuings in queue `key`, or conversation events of agent `key`. */
const OUTCOMES_IN = 0;
const QUEUINGS_IN = 1;
const CONVERSATIONS_OF = 2;
type Release = typeof OUTCOMES_IN | typeof QUEUINGS_IN | typeof CONVERSATIONS_OF;

/** Whether parked `ev` is one that `kind` and `key` release (see `unpark`). */
function releases(kind: Release, key: string, ev: CallLegEvent): boolean {
  if (kind === OUTCOMES_IN) return isOutcome(ev) && ev.queueId === key;
  if (kind === QUEUINGS_IN) return ev.type === 'call.queued' && ev.queueId === key;
  return isConversation(ev) && ev.agentId === key;
}

function isOutcome(ev: CallLegEvent): ev is CallOutcome {
  return ev.type === 'call.answered' || ev.type === 'call.abandoned' || ev.type === 'call.dequeued';
}

function isConversation(ev: CallLegEvent): ev is ConversationEvent {
  return ev.type === 'call.held' || ev.type === 'call.retrieved' || ev.type === 'call.ended' || ev.type === 'call.wrapped';
}

/**
 * Bucket key of an interval starting at `start` (epoch ms): whole minutes since the epoch, a
 * small integer, so map lookups never box a double.
 */
export function bucketKey(start: number): number {
  return Math.floor(start / 60_000);
}

/**
 * Events of one call kept waiting for their partners at once. Each outcome or answer of the call
 * looks through them, so a feed parking 20,000 for one call and then sending as many outcomes
 * took 0.6 s (growing with the square); a real call has a handful.
 */
const MAX_PARKED = 256;

/**
 * Holds (and retrieves) one conversation keeps. A hold after the call was counted recounts its
 * hold time over all of them (sorting them when they came out of order), so a feed sending
 * 40,000 holds for one call took 32 s of one turn; no real call is put on hold a hundred times.
 */
const MAX_HOLDS = 100;

/**
 * Callers waiting in a queue beyond which a new caller's place is not counted (it is recorded as
 * unknown, and the wait estimate's history leaves it out): counting walks every waiting call
 * (about 2 ns each), and a feed queueing 150,000 calls in one queue without answers made each
 * `call.queued` cost 0.3 ms, 25 s in all. No estimate from history means anything that far back.
 */
const MAX_COUNTED_AHEAD = 10_000;

/**
 * Completions a caller of `priority` queued at `ts` (epoch ms) waits for: its place behind the
 * callers then waiting with equal or higher priority, less the queue's agents available at
 * `ts` (as domain/ewt.ts `completionsNeeded` counts it). Agent states are read at `ts`, so an
 * event that arrives late still sees the floor as it was when it happened.
 */
export function completionsAhead(q: QueueState, priority: number, ts: number): number {
  let ahead = 0;
  // Queued after every caller waiting, none of them of a lower priority (a feed in order, without
  // priorities): behind each of them. A walk of 5,000 waiting per queued call held the loop
  // hundreds of ms for a flood of batches (attacker probe).
  if (q.waitingLowestPriority >= priority && q.waitingLatestTs <= ts) ahead = q.waiting.size;
  else for (const w of q.waiting.values()) if (w.priority >= priority && w.queuedTs <= ts) ahead++;
  return ahead + 1 - availableAt(q, ts);
}

/** Ids of the queues an agent is skilled for. */
export function skillIds(a: AgentRecord): string[] {
  return a.queues.map((q) => q.config.id);
}

/** Whether an agent is skilled for a queue. */
export function hasSkill(a: AgentRecord, queueId: string): boolean {
  return a.queues.some((q) => q.config.id === queueId);
}

/** The agent's team and the queues that count it, as screens scoped by team or queue see it now, and its skills, as its agent user's board does. */
function scopeNow(a: AgentRecord): ScopeBefore {
  return { teamId: a.teamId, queues: [...a.servedQueues], skills: [...a.queues] };
}

/** Whether a moved agent (`takeDirty().moved`) has other skills than before, in any order: its agent users' boards show other queues. */
export function skillsChanged(a: AgentRecord, before: ScopeBefore): boolean {
  return !sameQueueSet(before.skills, a.queues);
}

/** Whether two lists of distinct queues hold the same queues, in any order. */
function sameQueueSet(a: readonly QueueState[], b: readonly QueueState[]): boolean {
  return a.length === b.length && a.every((q) => b.includes(q));
}
