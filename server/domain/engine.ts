import type { FloorEvent } from '../protocol/events.ts';
import type { EngineCounters } from '../protocol/metrics.ts';
import { ACW, AgentTimeline, AUX, AVAILABLE, HOLD, OFFLINE, TALKING } from './agent-timeline.ts';
import { IdSet } from './id-set.ts';
import { IntervalClock } from './intervals.ts';
import { QueueBucket } from './queue-bucket.ts';
import { makeQueueConfig, QUEUE_DEFAULTS, type QueueConfig, type QueueDefaults, type QueueOverrides } from './queue-config.ts';

export interface AgentConfig {
  id: string;
  tenant: string;
  name?: string;
  teamId?: string;
  queues?: string[];
}

export interface EngineConfig {
  timezone: string;
  intervalMinutes: number;
  /** How long (ms of event time) a call event may wait for its `call.queued` before it is an anomaly. */
  reorderWindowMs: number;
  /** How many local days of detail to keep (today plus the days before). */
  retentionDays: number;
  tenants: { id: string; name: string }[];
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
  queues: [],
  agents: [],
  queueDefaults: QUEUE_DEFAULTS,
};

export const APPLIED = 0;
export const DUPLICATE = 1;
export const ANOMALY = 2;
export type ApplyOutcome = typeof APPLIED | typeof DUPLICATE | typeof ANOMALY;

const NONE = 0;
const ANSWERED = 1;
const ABANDONED = 2;
const FLOWED_OUT = 3;

const COUNTED_OFFER = 1;
const COUNTED_OUTCOME = 2;
const COUNTED_HANDLED = 4;
const COUNTED_SETTLED = 8;

type ConversationEvent = FloorEvent & { type: 'call.held' | 'call.retrieved' | 'call.ended' | 'call.wrapped' };

/** One call's visit to one queue, from its events in whatever order they arrive. */
interface CallLeg {
  callId: string;
  tenant: string;
  queueId: string;
  /** The queue itself and, once counted, the bucket of its arrival interval (saves lookups). */
  q: QueueState;
  bucket: QueueBucket | null;
  /** Waiting in `orphans` for its call.queued. */
  orphan: boolean;
  agent: AgentRecord | null;
  queuedTs: number;
  outcome: number;
  outcomeTs: number;
  agentId: string | null;
  endedTs: number;
  wrappedTs: number;
  disposition: string | null;
  holds: number[] | null;
  retrieves: number[] | null;
  counted: number;
  countedHoldMs: number;
  /** Engine clock when the first event of the leg arrived; orphans are judged from it. */
  firstSeen: number;
}

export interface QueueState {
  config: QueueConfig;
  /** Calls waiting now: callId -> queued at (epoch ms). */
  waiting: Map<string, number>;
  /** Interval start in epoch minutes (see `bucketKey`) -> sums of the calls that arrived in it. */
  buckets: Map<number, QueueBucket>;
  /** Local day start (epoch ms) -> disposition -> calls. */
  dispositions: Map<number, Map<string, number>>;
  /** Agents serving the queue (skills from login or config, and whoever answered its calls). */
  agents: Set<string>;
  /** Changed since the last `takeDirty()`. */
  dirty: boolean;
}

export interface AgentRecord {
  id: string;
  tenant: string;
  name: string;
  teamId: string | null;
  /** Queues the agent is skilled for (ids: `skillIds`). */
  queues: QueueState[];
  timeline: AgentTimeline;
  dirty: boolean;
}

export interface Anomaly {
  ts: number;
  eventId: string;
  reason: string;
  detail: string;
}

/**
 * The live floor as pure state: `apply(event)` and `tick(ts)` are its only inputs. No I/O and no
 * wall clock: `now` is the latest event or tick time, so replaying a day gives the same numbers.
 */
export class Engine {
  readonly clock: IntervalClock;
  readonly config: EngineConfig;
  now = 0;
  readonly tenants = new Map<string, { id: string; name: string }>();
  readonly queues = new Map<string, QueueState>();
  readonly agents = new Map<string, AgentRecord>();
  readonly counters: EngineCounters = { accepted: 0, duplicates: 0, anomalies: 0, anomaliesByReason: {} };
  /** The latest anomalies, newest last (at most 100). */
  readonly recentAnomalies: Anomaly[] = [];
  /** The reason of the last ANOMALY outcome of `apply`. */
  lastAnomaly: Anomaly | null = null;
  /** Queues and agents changed since the last `takeDirty()` (each flagged `dirty` once). */
  private dirtyQueues: QueueState[] = [];
  private dirtyAgents: AgentRecord[] = [];

  private calls = new Map<string, CallLeg>();
  /** Legs settled in full, kept one reorder window for late repeats: a FIFO in settling order. */
  private settledLegs: CallLeg[] = [];
  private settledAt: number[] = [];
  private settledHead = 0;
  private orphans = new Map<string, CallLeg>();
  /** Conversation events that arrived before their call's answer, by call id. */
  private parked = new Map<string, { at: number; events: ConversationEvent[] }>();
  /** Event ids seen, by tenant (ids are unique per source, not across tenants). */
  private seenNow = new Map<string, IdSet>();
  private seenBefore = new Map<string, IdSet>();
  private seenDayStart = -Infinity;
  private lastSweep = 0;

  constructor(config: Partial<EngineConfig> = {}) {
    this.config = { ...ENGINE_DEFAULTS, ...config };
    this.clock = new IntervalClock(this.config.timezone, this.config.intervalMinutes);
    for (const t of this.config.tenants) this.tenants.set(t.id, t);
    for (const q of this.config.queues) this.addQueue(makeQueueConfig(q.id, q.tenant, q, this.config.queueDefaults));
    for (const a of this.config.agents) this.addAgent(a);
  }

  /** Applies one validated event; returns APPLIED, DUPLICATE or ANOMALY (see `lastAnomaly`). */
  apply(ev: FloorEvent): ApplyOutcome {
    if (this.seenBefore.size > 0 && this.seenBefore.get(ev.tenant)?.has(ev.id)) {
      this.counters.duplicates++;
      return DUPLICATE;
    }
    let ids = this.seenNow.get(ev.tenant);
    if (!ids) this.seenNow.set(ev.tenant, (ids = new IdSet()));
    if (!ids.add(ev.id)) {
      this.counters.duplicates++;
      return DUPLICATE;
    }
    this.advance(ev.ts);
    this.counters.accepted++;
    const problem = this.route(ev);
    if (problem === null) return APPLIED;
    this.recordAnomaly(ev, problem[0], problem[1]);
    return ANOMALY;
  }

  /** Moves the engine clock to `ts` (epoch ms) if later, so waits and times in state grow. */
  tick(ts: number): void {
    this.advance(ts);
  }

  /** The queues and agents changed since the last call, for coalesced pushes. */
  takeDirty(): { queues: Set<string>; agents: Set<string> } {
    const out = { queues: new Set<string>(), agents: new Set<string>() };
    for (const q of this.dirtyQueues) {
      q.dirty = false;
      out.queues.add(q.config.id);
    }
    for (const a of this.dirtyAgents) {
      a.dirty = false;
      out.agents.add(a.id);
    }
    this.dirtyQueues = [];
    this.dirtyAgents = [];
    return out;
  }

  /** Registers a queue (or replaces its config), keeping its figures. */
  addQueue(config: QueueConfig): QueueState {
    const existing = this.queues.get(config.id);
    if (existing) {
      existing.config = config;
      return existing;
    }
    this.ensureTenant(config.tenant);
    const q: QueueState = { config, waiting: new Map(), buckets: new Map(), dispositions: new Map(), agents: new Set(), dirty: false };
    this.queues.set(config.id, q);
    this.markQueue(q);
    return q;
  }

  /** Registers an agent from configuration (name, team, skills). */
  addAgent(a: AgentConfig): AgentRecord {
    this.ensureTenant(a.tenant);
    let rec = this.agents.get(a.id);
    if (!rec) {
      rec = { id: a.id, tenant: a.tenant, name: a.name ?? a.id, teamId: a.teamId ?? null, queues: [], timeline: new AgentTimeline(), dirty: false };
      this.agents.set(a.id, rec);
    }
    if (a.name) rec.name = a.name;
    if (a.teamId) rec.teamId = a.teamId;
    if (a.queues) this.setSkills(rec, a.queues);
    this.markAgent(rec);
    return rec;
  }

  // ---- routing -------------------------------------------------------------------------

  /** Returns null when applied, or [reason code, detail] when the event is impossible. */
  private route(ev: FloorEvent): [string, string] | null {
    switch (ev.type) {
      case 'call.queued':
        return this.onQueued(ev.tenant, ev.callId, ev.queueId, ev.ts);
      case 'call.answered':
      case 'call.abandoned':
      case 'call.dequeued':
        return this.onOutcome(ev);
      case 'call.held':
      case 'call.retrieved':
      case 'call.ended':
      case 'call.wrapped':
        return this.onConversation(ev);
      case 'agent.login': {
        const agent = this.agentFor(ev.tenant, ev.agentId);
        if (typeof agent === 'string') return ['wrong-tenant', agent];
        if (ev.name) agent.name = ev.name;
        if (ev.teamId) agent.teamId = ev.teamId;
        if (ev.queues) this.setSkills(agent, ev.queues);
        this.setState(agent, ev.ts, ev.state === 'available' ? AVAILABLE : AUX, ev.state === 'available' ? null : (ev.reason ?? null), null);
        return null;
      }
      case 'agent.state': {
        const agent = this.agentFor(ev.tenant, ev.agentId);
        if (typeof agent === 'string') return ['wrong-tenant', agent];
        this.setState(agent, ev.ts, ev.state === 'available' ? AVAILABLE : AUX, ev.state === 'aux' ? (ev.reason ?? null) : null, null);
        return null;
      }
      case 'agent.logout': {
        const agent = this.agentFor(ev.tenant, ev.agentId);
        if (typeof agent === 'string') return ['wrong-tenant', agent];
        this.setState(agent, ev.ts, OFFLINE, null, null);
        return null;
      }
    }
  }

  private onQueued(tenant: string, callId: string, queueId: string, ts: number): [string, string] | null {
    const q = this.queueFor(tenant, queueId);
    if (typeof q === 'string') return ['wrong-tenant', q];
    let leg = this.calls.get(callId);
    if (leg && leg.tenant !== tenant) return ['wrong-tenant', `call ${callId} belongs to tenant ${leg.tenant}`];
    if (leg && !Number.isNaN(leg.queuedTs)) {
      // A call that flowed out of one queue may be queued again, in this or another queue.
      if (leg.outcome !== FLOWED_OUT) return ['queued-twice', `call ${callId} is already queued in ${leg.queueId}`];
      leg = undefined;
    }
    if (!leg) {
      leg = newLeg(callId, tenant, q, this.now);
      this.calls.set(callId, leg);
    } else if (leg.queueId !== queueId) {
      return ['queue-mismatch', `call ${callId} was answered or left from ${leg.queueId}, not ${queueId}`];
    }
    leg.queuedTs = ts;
    if (leg.orphan) {
      leg.orphan = false;
      this.orphans.delete(callId);
    }
    this.settle(leg);
    return null;
  }

  private onOutcome(ev: FloorEvent & { type: 'call.answered' | 'call.abandoned' | 'call.dequeued' }): [string, string] | null {
    const q = this.queueFor(ev.tenant, ev.queueId);
    if (typeof q === 'string') return ['wrong-tenant', q];
    let leg = this.calls.get(ev.callId);
    if (leg && leg.tenant !== ev.tenant) return ['wrong-tenant', `call ${ev.callId} belongs to tenant ${leg.tenant}`];
    if (leg && leg.outcome !== NONE) {
      const was = leg.outcome === ANSWERED ? 'answered' : leg.outcome === ABANDONED ? 'abandoned' : 'flowed out';
      const verb = ev.type === 'call.answered' ? 'answered' : ev.type === 'call.abandoned' ? 'abandoned' : 'dequeued';
      return [verb === 'answered' && was === 'answered' ? 'answered-twice' : 'already-left-queue', `call ${ev.callId} ${verb} but it already ${was}`];
    }
    if (leg && leg.queueId !== ev.queueId) {
      return ['queue-mismatch', `call ${ev.callId} is queued in ${leg.queueId}, not ${ev.queueId}`];
    }
    let agent: AgentRecord | undefined;
    if (ev.type === 'call.answered') {
      const a = this.agentFor(ev.tenant, ev.agentId);
      if (typeof a === 'string') return ['wrong-tenant', a];
      agent = a;
    }
    const outbound = ev.type === 'call.answered' && ev.direction === 'outbound';
    if (!leg) {
      leg = newLeg(ev.callId, ev.tenant, q, this.now);
      this.calls.set(ev.callId, leg);
      // An outbound contact is never queued: it only moves the agent, so it is no orphan.
      if (!outbound) {
        leg.orphan = true;
        this.orphans.set(ev.callId, leg);
      }
    }
    leg.outcomeTs = ev.ts;
    leg.outcome = ev.type === 'call.answered' ? ANSWERED : ev.type === 'call.abandoned' ? ABANDONED : FLOWED_OUT;
    if (agent) {
      leg.agentId = agent.id;
      leg.agent = agent;
      q.agents.add(agent.id);
      this.setState(agent, ev.ts, TALKING, null, q);
    }
    this.settle(leg);
    if (agent && this.parked.size > 0) this.unpark(ev.callId);
    return null;
  }

  private onConversation(ev: ConversationEvent): [string, string] | null {
    const leg = this.calls.get(ev.callId);
    // The agent who answered is kept on the call; anyone else is looked up (and checked).
    const agent = leg?.agent && leg.agentId === ev.agentId && leg.tenant === ev.tenant ? leg.agent : this.agentFor(ev.tenant, ev.agentId);
    if (typeof agent === 'string') return ['wrong-tenant', agent];
    if (leg && leg.tenant !== ev.tenant) return ['wrong-tenant', `call ${ev.callId} belongs to tenant ${leg.tenant}`];
    if (!leg || leg.outcome === NONE) {
      // The answer may still be on its way: park until it comes or the reorder window passes.
      let p = this.parked.get(ev.callId);
      if (!p) this.parked.set(ev.callId, (p = { at: this.now, events: [] }));
      p.events.push(ev);
      return null;
    }
    if (leg.outcome !== ANSWERED) return ['not-answered', `${ev.type} for call ${ev.callId}, which was not answered`];
    if (leg.agentId !== ev.agentId) return ['agent-mismatch', `${ev.type} by ${ev.agentId} for call ${ev.callId}, answered by ${leg.agentId}`];
    const acw = leg.q.config.afterCallWork;
    switch (ev.type) {
      case 'call.held':
        (leg.holds ??= []).push(ev.ts);
        this.setState(agent, ev.ts, HOLD, null, leg.q);
        this.recountHold(leg);
        break;
      case 'call.retrieved':
        (leg.retrieves ??= []).push(ev.ts);
        this.setState(agent, ev.ts, TALKING, null, leg.q);
        this.recountHold(leg);
        break;
      case 'call.ended':
        if (!Number.isNaN(leg.endedTs)) return ['ended-twice', `call ${ev.callId} ended twice`];
        leg.endedTs = ev.ts;
        this.setState(agent, ev.ts, acw ? ACW : AVAILABLE, null, leg.q);
        if (!acw) agent.timeline.addHandled(ev.ts);
        break;
      case 'call.wrapped':
        if (!Number.isNaN(leg.wrappedTs)) return ['wrapped-twice', `call ${ev.callId} wrapped twice`];
        leg.wrappedTs = ev.ts;
        leg.disposition = ev.disposition ?? null;
        // After-call work ends: the agent is ready again unless an agent.state says otherwise.
        this.setState(agent, ev.ts, AVAILABLE, null, leg.q);
        if (acw) agent.timeline.addHandled(ev.ts);
        break;
    }
    this.settle(leg);
    if (Number.isNaN(leg.queuedTs) && !leg.orphan && this.isHandled(leg, acw)) this.calls.delete(leg.callId);
    return null;
  }

  /** Replays conversation events that arrived before the answer, in their own time order. */
  private unpark(callId: string): void {
    const p = this.parked.get(callId);
    if (!p) return;
    this.parked.delete(callId);
    p.events.sort((a, b) => a.ts - b.ts);
    for (const ev of p.events) {
      const problem = this.onConversation(ev);
      if (problem) this.recordAnomaly(ev, problem[0], problem[1]);
    }
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
  private settle(leg: CallLeg): void {
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
      if (leg.outcome === NONE) q.waiting.set(leg.callId, leg.queuedTs);
    }
    if (leg.outcome !== NONE && !(leg.counted & COUNTED_OUTCOME)) {
      leg.counted |= COUNTED_OUTCOME;
      q.waiting.delete(leg.callId);
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
    }
    if (leg.outcome === ANSWERED && !(leg.counted & COUNTED_HANDLED) && this.isHandled(leg, cfg.afterCallWork)) {
      leg.counted |= COUNTED_HANDLED;
      const hold = holdMs(leg);
      leg.countedHoldMs = hold;
      b.handled++;
      b.holdMs += hold;
      b.talkMs += Math.max(0, leg.endedTs - leg.outcomeTs - hold);
      if (cfg.afterCallWork) b.acwMs += Math.max(0, leg.wrappedTs - leg.endedTs);
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
      this.settledLegs.push(leg);
      this.settledAt.push(this.now);
    }
  }

  private isHandled(leg: CallLeg, afterCallWork: boolean): boolean {
    if (Number.isNaN(leg.endedTs)) return false;
    return !afterCallWork || !Number.isNaN(leg.wrappedTs);
  }

  // ---- agents, queues, tenants ---------------------------------------------------------

  private setState(agent: AgentRecord, ts: number, state: number, reason: string | null, q: QueueState | null): void {
    agent.timeline.set(ts, state, reason, q ? q.config.id : null);
    this.markAgent(agent);
    for (const skill of agent.queues) this.markQueue(skill);
    if (q) this.markQueue(q);
  }

  private markQueue(q: QueueState): void {
    if (q.dirty) return;
    q.dirty = true;
    this.dirtyQueues.push(q);
  }

  private markAgent(a: AgentRecord): void {
    if (a.dirty) return;
    a.dirty = true;
    this.dirtyAgents.push(a);
  }

  private setSkills(agent: AgentRecord, queueIds: string[]): void {
    for (const old of agent.queues) old.agents.delete(agent.id);
    agent.queues = [];
    for (const id of queueIds) {
      const q = this.queueFor(agent.tenant, id);
      if (typeof q === 'string') continue; // another tenant's queue is never joined
      q.agents.add(agent.id);
      agent.queues.push(q);
      this.markQueue(q);
    }
  }

  /** The queue, registered with defaults on first sight, or why it may not be used. */
  private queueFor(tenant: string, queueId: string): QueueState | string {
    const q = this.queues.get(queueId);
    if (q) return q.config.tenant === tenant ? q : `queue ${queueId} belongs to tenant ${q.config.tenant}, not ${tenant}`;
    return this.addQueue(makeQueueConfig(queueId, tenant, {}, this.config.queueDefaults));
  }

  /** The agent, registered on first sight, or why it may not be used. */
  private agentFor(tenant: string, agentId: string): AgentRecord | string {
    const a = this.agents.get(agentId);
    if (a) return a.tenant === tenant ? a : `agent ${agentId} belongs to tenant ${a.tenant}, not ${tenant}`;
    return this.addAgent({ id: agentId, tenant });
  }

  private ensureTenant(id: string): void {
    if (!this.tenants.has(id)) this.tenants.set(id, { id, name: id });
  }

  // ---- clock, sweeping, anomalies ------------------------------------------------------

  private advance(ts: number): void {
    if (ts <= this.now) return;
    this.now = ts;
    if (ts - this.lastSweep >= 1000) this.sweep();
  }

  /** Runs at most once a second of event time: ages out orphans, settled legs and old ids. */
  private sweep(): void {
    this.lastSweep = this.now;
    const window = this.config.reorderWindowMs;
    for (const [id, leg] of this.orphans) {
      if (this.now - leg.firstSeen <= window) continue;
      this.orphans.delete(id);
      leg.orphan = false;
      // An answered orphan stays so its conversation still moves the agent; it is never counted.
      if (leg.outcome !== ANSWERED && this.calls.get(id) === leg) this.calls.delete(id);
      this.recordAnomaly({ id: '', ts: leg.outcomeTs }, 'never-queued', `call ${id} left ${leg.queueId} but was never queued`);
    }
    for (const [id, p] of this.parked) {
      if (this.now - p.at <= window) continue;
      this.parked.delete(id);
      for (const ev of p.events) this.recordAnomaly(ev, 'never-answered', `${ev.type} for call ${id}, which was never answered`);
    }
    let head = this.settledHead;
    while (head < this.settledLegs.length && this.now - this.settledAt[head] > window) {
      const leg = this.settledLegs[head++];
      if (this.calls.get(leg.callId) === leg) this.calls.delete(leg.callId);
    }
    if (head > 1024 && head * 2 > this.settledLegs.length) {
      this.settledLegs = this.settledLegs.slice(head);
      this.settledAt = this.settledAt.slice(head);
      head = 0;
    }
    this.settledHead = head;
    const today = this.clock.dayOf(this.now).start;
    if (today > this.seenDayStart) {
      // Ids are remembered for the current and the previous local day.
      if (this.seenDayStart !== -Infinity) {
        this.seenBefore = this.seenNow;
        this.seenNow = new Map();
      }
      this.seenDayStart = today;
      this.forgetBefore(this.clock.dayOf(today - (this.config.retentionDays - 1) * 86_400_000).start);
    }
  }

  /** Drops buckets and timeline detail older than the retention. */
  private forgetBefore(cut: number): void {
    for (const q of this.queues.values()) {
      for (const key of q.buckets.keys()) if (key < bucketKey(cut)) q.buckets.delete(key);
      for (const start of q.dispositions.keys()) if (start < cut) q.dispositions.delete(start);
    }
    for (const a of this.agents.values()) a.timeline.trimBefore(cut);
  }

  private recordAnomaly(ev: { id: string; ts: number }, reason: string, detail: string): void {
    const anomaly: Anomaly = { ts: ev.ts, eventId: ev.id, reason, detail };
    this.lastAnomaly = anomaly;
    this.counters.anomalies++;
    this.counters.anomaliesByReason[reason] = (this.counters.anomaliesByReason[reason] ?? 0) + 1;
    this.recentAnomalies.push(anomaly);
    if (this.recentAnomalies.length > 100) this.recentAnomalies.shift();
  }
}

/**
 * Bucket key of an interval starting at `start` (epoch ms): whole minutes since the epoch, a
 * small integer, so map lookups never box a double.
 */
export function bucketKey(start: number): number {
  return Math.floor(start / 60_000);
}

/** Ids of the queues an agent is skilled for. */
export function skillIds(a: AgentRecord): string[] {
  return a.queues.map((q) => q.config.id);
}

/** Whether an agent is skilled for a queue. */
export function hasSkill(a: AgentRecord, queueId: string): boolean {
  return a.queues.some((q) => q.config.id === queueId);
}

function newLeg(callId: string, tenant: string, q: QueueState, now: number): CallLeg {
  return {
    callId,
    tenant,
    queueId: q.config.id,
    q,
    bucket: null,
    orphan: false,
    agent: null,
    queuedTs: NaN,
    outcome: NONE,
    outcomeTs: NaN,
    agentId: null,
    endedTs: NaN,
    wrappedTs: NaN,
    disposition: null,
    holds: null,
    retrieves: null,
    counted: 0,
    countedHoldMs: 0,
    firstSeen: now,
  };
}

/** Time on hold (ms): each hold paired with the next retrieve, or with the end of the call. */
function holdMs(leg: CallLeg): number {
  if (!leg.holds) return 0;
  const holds = [...leg.holds].sort((a, b) => a - b);
  const retrieves = [...(leg.retrieves ?? [])].sort((a, b) => a - b);
  let total = 0;
  let r = 0;
  for (const h of holds) {
    while (r < retrieves.length && retrieves[r] < h) r++;
    const end = r < retrieves.length ? retrieves[r++] : leg.endedTs;
    total += Math.max(0, Math.min(end, leg.endedTs) - h);
  }
  return total;
}
