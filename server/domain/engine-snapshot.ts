import type { AgentSlotsData } from './agent-slots.ts';
import type { TimelineData } from './agent-timeline.ts';
import { DeferredBucket } from './backlog.ts';
import { COUNTED_SETTLED, type CallLeg } from './call-leg.ts';
import { agentsLeg, allLegs, leftEverywhere, linkLeg, waitingLegs } from './call-legs.ts';
import type { CampaignBookData } from './campaigns.ts';
import type { Engine } from './engine.ts';
import { compareOrder } from './event-rank.ts';
import type { QueueHistoryData } from './ewt-history.ts';
import { IdSet } from './id-set.ts';
import { QueueBucket } from './queue-bucket.ts';
import { answeredQueues, reskill, restoreServed, setAnswered } from './queue-members.ts';
import { makeQueueConfig, type QueueConfig } from './queue-config.ts';
import type { Anomaly, AgentRecord, LoginKey, QueueState, TenantFloor } from './tenant-floor.ts';
import { addWaiting, newCounters } from './tenant-floor.ts';
import type { EngineCounters } from '../protocol/metrics.ts';
import type { CallLegEvent } from '../protocol/events.ts';

/**
 * Bits of a saved profile key's `fromLogin`: which of the name, team and skills logins set; the
 * others are the configuration's, so a restore under an edited configuration takes them from the file.
 */
export const LOGIN_NAME = 1;
export const LOGIN_TEAM = 2;
export const LOGIN_SKILLS = 4;

/**
 * The latest login that set any of an agent's name, team and skills, and which of them logins set
 * (LOGIN_* bits; absent in snapshots from before it was kept: all three). A field whose latest
 * login is an earlier one carries that login's key; one without its own key (also every field in
 * snapshots from before fields kept their own) was set by this login.
 */
interface SavedProfileKey extends LoginKey {
  fromLogin?: number;
  nameKey?: LoginKey;
  teamKey?: LoginKey;
  skillsKey?: LoginKey;
}

/** A call leg with its object references replaced by ids; unknown times (NaN) as null, which JSON keeps. */
type LegData = Omit<CallLeg, 'q' | 'bucket' | 'agent' | 'next' | 'queuedTs' | 'outcomeTs' | 'endedTs' | 'wrappedTs'> & Record<'queuedTs' | 'outcomeTs' | 'endedTs' | 'wrappedTs', number | null>;

interface TenantData {
  id: string;
  name: string;
  counters: EngineCounters;
  recentAnomalies: Anomaly[];
  /** Anomalies no feed's answer has counted yet, by reason (absent in snapshots from before answers counted those the sweep judges). */
  unreportedAnomalies?: Record<string, number>;
  seenNow: string[];
  seenBefore: string[] | null;
  queues: { config: QueueConfig; waiting: [string, number, number][]; buckets: [number, QueueBucket][]; dispositions: [number, [string, number][]][]; agents: string[]; history?: QueueHistoryData; deferred?: [number, DeferredBucket][] }[];
  /** `answered`: the queues whose calls the agent answered, when any (absent in snapshots from before they were kept apart from the skills). */
  agents: { id: string; name: string; teamId: string | null; queues: string[]; profileKey: SavedProfileKey | null; timeline: TimelineData; slots?: AgentSlotsData; answered?: string[] }[];
  /** Every leg, each call's in chain order (call-legs.ts). */
  calls: LegData[];
  /** Call ids of the orphan legs, in snapshots from before legs were chained; each leg's `orphan` says it now (a call may have two). */
  orphans?: string[];
  parked: [string, number, CallLegEvent[]][];
}

/** Everything an engine holds, as JSON-ready data. */
export interface EngineData {
  now: number;
  eventNow: number;
  lastSweep: number;
  seenDayStart: number | null;
  counters: EngineCounters;
  stateCodes: [number, string | null, string | null][];
  tenants: TenantData[];
  /** Queue id and queue time: absent in snapshots from before they were kept (the call id was trusted). */
  settled: [tenant: string, callId: string, at: number, queueId?: string, queuedTs?: number | null][];
  /** Outbound campaigns; absent in snapshots from before they were kept. */
  campaigns?: CampaignBookData;
  /** Answers still to be judged against capacity (absent in snapshots from before channel slots). */
  slotChecks?: [tenant: string, agentId: string, callId: string, ts: number, eventId: string][];
}

/** The engine's whole state as plain data (for a snapshot); `engineFromData` restores it exactly. */
export function engineToData(e: Engine): EngineData {
  const steps = engineCaptureSteps(e);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Roughly how many values are copied between two looks at the clock: a call weighs 1, a queue 1
 * plus its waiting calls, interval buckets and dispositions (and about 200 for its wait
 * history), an agent 1 plus its contacts (one agent of a busy chat floor holds thousands; its
 * timeline goes as the live arrays, copied later by the serialisation).
 */
const STEP_WEIGHT = 4096;
const QUEUE_HISTORY_WEIGHT = 200;

/**
 * `engineToData` in steps: it yields between pieces of a few milliseconds each, so the floor may
 * let the loop run there (floor/in-turns.ts: capturing a 2,360-agent day took 36-101 ms in one
 * turn). The engine must not change until it is done (the floor holds its fold meanwhile).
 */
export function* engineCaptureSteps(e: Engine): Generator<void, EngineData> {
  const head = { now: e.now, eventNow: e.eventNow, lastSweep: e.lastSweep, seenDayStart: Number.isFinite(e.seenDayStart) ? e.seenDayStart : null, counters: e.counters };
  const tenants: TenantData[] = [];
  for (const t of e.tenants.values()) {
    const queues = yield* mapInSteps(t.queues.values(), queueWeight, (q) => ({
      config: q.config,
      waiting: [...q.waiting].map(([id, w]): [string, number, number] => [id, w.queuedTs, w.priority]),
      buckets: [...q.buckets],
      dispositions: [...q.dispositions].map(([day, m]): [number, [string, number][]] => [day, [...m]]),
      agents: [...q.agents].map((a) => a.id),
      history: q.history.toData(),
      ...(q.deferred ? { deferred: [...q.deferred] } : {}),
    }));
    const agents = yield* mapInSteps(t.agents.values(), (a) => 1 + a.slots.spans.size, (a) => ({
      id: a.id,
      name: a.name,
      teamId: a.teamId,
      queues: a.queues.map((q) => q.config.id),
      profileKey: savedProfileKey(a),
      timeline: a.timeline.toJSON(),
      slots: a.slots.toData(),
      ...(a.answered ? { answered: answeredQueues(a).map((q) => q.config.id) } : {}),
    }));
    const calls = yield* mapInSteps(allLegs(t.calls), () => 1, ({ q: _q, bucket: _b, agent: _a, next: _n, ...leg }) => ({
      ...leg,
      queuedTs: orNull(leg.queuedTs),
      outcomeTs: orNull(leg.outcomeTs),
      endedTs: orNull(leg.endedTs),
      wrappedTs: orNull(leg.wrappedTs),
    }));
    // The day's ids (millions on a busy tenant) are copied in a step of their own.
    yield;
    tenants.push({
      id: t.id,
      name: t.name,
      counters: t.counters,
      recentAnomalies: t.recentAnomalies,
      unreportedAnomalies: t.unreportedAnomalies,
      seenNow: t.seenIds.currentValues(),
      seenBefore: t.seenIds.dayTurned ? t.seenIds.previousValues() : null,
      queues,
      agents,
      calls,
      parked: [...t.parked].map(([id, p]): [string, number, CallLegEvent[]] => [id, p.at, p.events]),
    });
    yield;
  }
  const settled = e.settled.toData();
  yield;
  const campaigns = e.campaigns.toData();
  yield;
  return { ...head, stateCodes: e.stateCodes.list.map((c) => [c.state, c.reason, c.queueId]), tenants, settled, campaigns, slotChecks: e.slotChecks.toData() };
}

/** What copying a queue costs, in STEP_WEIGHT's units. */
function queueWeight(q: QueueState): number {
  let n = 1 + q.waiting.size + q.buckets.size + (q.deferred?.size ?? 0) + QUEUE_HISTORY_WEIGHT;
  for (const m of q.dispositions.values()) n += m.size;
  return n;
}

/** `items` mapped by `f`, yielding each time the items mapped since the last yield weigh STEP_WEIGHT. */
function* mapInSteps<T, U>(items: Iterable<T>, weigh: (x: T) => number, f: (x: T) => U): Generator<void, U[]> {
  const out: U[] = [];
  let weight = 0;
  for (const x of items) {
    out.push(f(x));
    weight += weigh(x);
    if (weight >= STEP_WEIGHT) {
      weight = 0;
      yield;
    }
  }
  return out;
}

/**
 * A queue's config after a restore: the configuration as it is now (a name, target or default
 * edited before a restart takes effect), the queue's own when configured, the centre's defaults
 * when it was first seen in events; plus what the saved engine learned from events where the
 * configuration is silent (`noteChannel`: the channel, and the kind that came with it).
 */
function restoredConfig(e: Engine, configured: QueueConfig | undefined, saved: QueueConfig): QueueConfig {
  const base = configured ?? makeQueueConfig(saved.id, saved.tenant, {}, e.config.queueDefaults);
  const learned: Partial<QueueConfig> = {};
  if (base.channel === undefined && saved.channel !== undefined) learned.channel = saved.channel;
  // Deferred came with the first email: it holds only while the queue keeps that channel.
  if (base.kind === undefined && saved.kind !== undefined && (base.channel ?? saved.channel) === saved.channel) learned.kind = saved.kind;
  return { ...base, ...learned };
}

/** Loads `d` into a new, empty engine (queues, tenants and agents may be configured). */
export function engineFromData(e: Engine, d: EngineData): void {
  // Interning the codes in their order gives them the same numbers the timelines store.
  for (const [state, reason, queueId] of d.stateCodes) e.stateCodes.codeOf(state, reason, queueId);
  e.now = d.now;
  e.eventNow = d.eventNow;
  e.lastSweep = d.lastSweep;
  e.resumeSweeps();
  e.seenDayStart = d.seenDayStart ?? -Infinity;
  Object.assign(e.counters, d.counters, { anomaliesByReason: nullProto(d.counters.anomaliesByReason) });
  // No event names a tenant: a configured one keeps the file's name, as its queues do.
  const configuredTenants = new Set(e.config.tenants.map((c) => c.id));
  for (const td of d.tenants) {
    const t: TenantFloor = e.tenant(td.id);
    if (!configuredTenants.has(td.id)) t.name = td.name;
    Object.assign(t.counters, newCounters(), td.counters, { anomaliesByReason: nullProto(td.counters.anomaliesByReason) });
    t.restoreRecentAnomalies(td.recentAnomalies);
    t.unreportedAnomalies = nullProto(td.unreportedAnomalies ?? {});
    t.seenIds = idSet(td.seenBefore, td.seenNow);
    for (const qd of td.queues) {
      const q: QueueState = e.addQueue(restoredConfig(e, t.queues.get(qd.config.id)?.config, qd.config));
      q.waiting = new Map();
      for (const [id, queuedAt, priority] of qd.waiting) addWaiting(q, id, { queuedTs: queuedAt, priority });
      q.buckets = new Map(qd.buckets.map(([k, b]) => [k, Object.assign(new QueueBucket(), b)]));
      q.dispositions = new Map(qd.dispositions.map(([day, m]) => [day, new Map(m)]));
      // Snapshots from before the engine kept a history have none: it refills from new calls.
      if (qd.history) q.history.load(qd.history);
      if (qd.deferred) q.deferred = new Map(qd.deferred.map(([k, b]) => [k, Object.assign(new DeferredBucket(), b)]));
    }
    // Skills the configuration changed: applied once the saved members are back (below).
    const reconfigured: [AgentRecord, QueueState[]][] = [];
    for (const ad of td.agents) {
      const a = e.agentFor(t, ad.id);
      // What logins set is kept; the rest is the configuration's as it is now (addAgent set it
      // when the engine was made), as a replay of the day under it would have it.
      const fromLogin = restoredProfile(a, ad.profileKey);
      if (fromLogin & LOGIN_NAME) a.name = ad.name;
      if (fromLogin & LOGIN_TEAM) a.teamId = ad.teamId;
      const saved = ad.queues.flatMap((id) => t.queues.get(id) ?? []);
      // As the login's reskill did, this leaves configured skills, also queues the snapshot does not hold.
      if (fromLogin & LOGIN_SKILLS) reskill(a, saved);
      else {
        if (!sameQueues(a.queues, saved)) reconfigured.push([a, a.queues]);
        a.queues = saved;
      }
      a.timeline.load(ad.timeline);
      if (ad.slots) a.slots.load(ad.slots);
    }
    for (const qd of td.queues) {
      const q = t.queues.get(qd.config.id)!;
      restoreServed(q, qd.agents.flatMap((id) => t.agents.get(id) ?? []));
    }
    loadAnswered(t, td);
    // Left and joined as a login's new skills are: a dropped skill's queue stops counting the agent.
    for (const [a, skills] of reconfigured) reskill(a, skills);
    for (const ld of td.calls) {
      const q = t.queues.get(ld.queueId);
      if (!q) continue;
      const leg: CallLeg = {
        ...ld,
        queuedTs: orNaN(ld.queuedTs),
        outcomeTs: orNaN(ld.outcomeTs),
        endedTs: orNaN(ld.endedTs),
        wrappedTs: orNaN(ld.wrappedTs),
        q,
        bucket: null,
        agent: ld.agentId ? (t.agents.get(ld.agentId) ?? null) : null,
        next: null,
      };
      if (!Number.isNaN(leg.queuedTs) && leg.counted) leg.bucket = q.buckets.get(Math.floor(e.clock.intervalStart(leg.queuedTs) / 60_000)) ?? null;
      linkLeg(t.calls, leg);
      if (leg.orphan) t.orphans.add(leg);
    }
    // Snapshots from before a contact's slot kept its queue: the open ones take the queue of the leg the agent answered.
    for (const a of t.agents.values()) a.slots.fillQueues((callId) => agentsLeg(t.calls.get(callId), a.id, Infinity, true)?.queueId ?? null);
    for (const [id, at, events] of td.parked) t.parked.set(id, { at, events });
  }
  e.settled.clear();
  // Two visits of a call to one queue in one millisecond (it flowed out and came back) have one
  // key: each entry takes a leg no earlier entry took, or the second would never be forgotten.
  const taken = new Set<CallLeg>();
  for (const [tenant, callId, at, queueId, queuedTs] of d.settled) {
    const t = e.tenants.get(tenant);
    const leg = t && settledLeg(t.calls.get(callId), queueId, queuedTs ?? null, taken);
    if (t && leg) {
      taken.add(leg);
      e.settled.push(leg, t, at);
    }
  }
  if (d.campaigns) e.campaigns.load(d.campaigns);
  e.slotChecks.clear();
  for (const [tenant, agentId, callId, ts, eventId] of d.slotChecks ?? []) {
    const t = e.tenants.get(tenant);
    const agent = t?.agents.get(agentId);
    if (t && agent) e.slotChecks.push(t, agent, callId, ts, eventId);
  }
  // Leave checks are not saved: the legs say which calls still wait somewhere they have left.
  e.leaveChecks.clear();
  for (const t of e.tenants.values()) {
    for (const [callId, head] of t.calls) {
      if (!head.next || waitingLegs(head).length === 0) continue;
      for (let l: CallLeg | null = head; l; l = l.next) if (leftEverywhere(l)) e.leaveChecks.push(t, callId, l.outcomeTs);
    }
  }
  // The timelines were loaded without telling the queues' counts: rebuild them.
  e.recountAvailable();
  // Nothing restored is "changed since the last push": clients get snapshots on connect.
  e.takeDirty();
}

/**
 * Sets which queues each saved agent answered in, before a reconfigured skill is dropped. A
 * snapshot from before they were kept says only who served: a member outside its saved skills
 * answered there, one inside cannot be told apart and is taken as skilled only. (An agent a
 * newer snapshot saved with none is served by its skills alone, so this finds none for it.)
 */
function loadAnswered(t: TenantFloor, td: TenantData): void {
  const answered = new Map(td.agents.map((ad) => [ad.id, ad.answered ?? []]));
  const olderSkills = new Map(td.agents.flatMap((ad) => (ad.answered ? [] : [[ad.id, ad.queues] as const])));
  for (const qd of td.queues) for (const id of qd.agents) if (olderSkills.get(id)?.includes(qd.config.id) === false) answered.get(id)!.push(qd.config.id);
  for (const [id, queueIds] of answered) {
    const a = t.agents.get(id);
    if (a) setAnswered(a, queueIds.flatMap((q) => t.queues.get(q) ?? []));
  }
}

/** The agent's login keys as a snapshot keeps them, or null when no login set its name, team or skills. */
function savedProfileKey(a: AgentRecord): SavedProfileKey | null {
  let latest: LoginKey | null = null;
  for (const k of [a.nameKey, a.teamKey, a.skillsKey]) if (k && (!latest || compareOrder(k.ts, k.rank, k.id, latest.ts, latest.rank, latest.id) > 0)) latest = k;
  if (!latest) return null;
  const fromLogin = (a.nameKey ? LOGIN_NAME : 0) | (a.teamKey ? LOGIN_TEAM : 0) | (a.skillsKey ? LOGIN_SKILLS : 0);
  const saved: SavedProfileKey = { ts: latest.ts, rank: latest.rank, id: latest.id, fromLogin };
  // Usually one login set them all: the key is written once.
  if (a.nameKey && a.nameKey !== latest) saved.nameKey = a.nameKey;
  if (a.teamKey && a.teamKey !== latest) saved.teamKey = a.teamKey;
  if (a.skillsKey && a.skillsKey !== latest) saved.skillsKey = a.skillsKey;
  return saved;
}

/**
 * Sets the agent's login keys from its saved profile key and returns which of its name, team
 * and skills logins set (LOGIN_* bits). A snapshot from before they were told apart kept every
 * saved value of an agent that had logged in.
 */
function restoredProfile(a: AgentRecord, key: SavedProfileKey | null): number {
  if (!key) return 0;
  const fromLogin = key.fromLogin ?? (LOGIN_NAME | LOGIN_TEAM | LOGIN_SKILLS);
  const shared: LoginKey = { ts: key.ts, rank: key.rank, id: key.id };
  const own = (k: LoginKey | undefined): LoginKey => (k ? { ts: k.ts, rank: k.rank, id: k.id } : shared);
  if (fromLogin & LOGIN_NAME) a.nameKey = own(key.nameKey);
  if (fromLogin & LOGIN_TEAM) a.teamKey = own(key.teamKey);
  if (fromLogin & LOGIN_SKILLS) a.skillsKey = own(key.skillsKey);
  return fromLogin;
}

/** Whether two skill lists hold the same queues in the same order. */
function sameQueues(a: QueueState[], b: QueueState[]): boolean {
  return a.length === b.length && a.every((q, i) => q === b[i]);
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
const orNaN = (x: number | null): number => (x === null ? NaN : x);

function idSet(before: string[] | null, now: string[]): IdSet {
  const s = new IdSet();
  if (before) {
    for (const id of before) s.add(id);
    s.newDay();
  }
  for (const id of now) s.add(id);
  return s;
}

function nullProto(o: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, o);
}

/**
 * The settled leg of a call that a snapshot's settled entry names by queue and queue time. An
 * entry that names no queue (snapshots from before 86ae020) may be of a leg replaced since by
 * the call's next visit, still open, which must not be forgotten in its place.
 */
function settledLeg(head: CallLeg | undefined, queueId: string | undefined, queuedTs: number | null, taken: Set<CallLeg>): CallLeg | null {
  for (let l: CallLeg | null | undefined = head; l; l = l.next) {
    if (taken.has(l) || !(l.counted & COUNTED_SETTLED)) continue;
    if (queueId === undefined || (l.queueId === queueId && orNull(l.queuedTs) === queuedTs)) return l;
  }
  return null;
}
