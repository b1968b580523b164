/**
 * A past day re-run through a queue simulation: the day's own arrivals, handle times and
 * patience, served FCFS by its agents (multi-skilled, longest-idle first, as the ACD routes),
 * with the staffing changed or not. Pure and seeded: the same log, changes and seed give the
 * same answer.
 *
 * What the log does not say is drawn: an answered caller's patience is unknown beyond the wait
 * they had, so it is that wait plus an exponential draw of the queue's mean patience (memoryless,
 * the Erlang A assumption); a caller who abandoned keeps exactly the patience they showed; a
 * call that flowed out (timeout, overflow) leaves at the same wait as a flow-out if still
 * waiting; a call never answered gets the handle time of a handled call of its queue drawn at
 * random. An agent leaving (aux, logout) while on a call finishes it first.
 *
 * Channels, as the ACD routes them: a chat takes one of the agent's chat slots (up to its chat
 * capacity) and an agent with a chat open takes no call; a call or an email holds the agent
 * alone. Live contacts (calls, chats) go before emails however long those waited, and an email
 * never abandons.
 */
import type { SlCounts } from '../service-level.ts';
import type { FloorLog, PastAgent, PastCall } from './floor-log.ts';
import { MinHeap } from './min-heap.ts';

/** Agents added (positive) or taken off (negative) on one queue over [from, to) epoch ms. */
export interface StaffingChange {
  queueId: string;
  from: number;
  to: number;
  agents: number;
}

/** Outcome counts of calls that arrived in one interval (definitions: docs/metrics.md). */
export type RerunCounts = SlCounts;

export interface RerunOptions {
  /** Service-level threshold per queue, seconds. */
  thresholdSeconds: (queueId: string) => number;
  /** Mean caller patience per queue, seconds (for answered callers' unknown patience). */
  patienceSeconds: (queueId: string) => number;
  /** Interval start (epoch ms) a call's arrival counts in. */
  intervalOf: (arrival: number) => number;
  seed?: number;
}

/** Per queue, per interval start: the counts of the re-run. */
export type RerunResult = Map<string, Map<number, RerunCounts>>;

/** Abandons within this many seconds are short (docs/metrics.md). */
export const SHORT_ABANDON_SECONDS = 5;

export const emptyCounts = (): RerunCounts => ({ offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0 });

/** The log's actual outcome counts per queue and interval, counted as the re-run counts them. */
export function actualCounts(log: FloorLog, o: Pick<RerunOptions, 'thresholdSeconds' | 'intervalOf'>): RerunResult {
  const out: RerunResult = new Map();
  for (const c of log.calls) {
    if (c.outcome === 'open') continue;
    count(out, c.queueId, o.intervalOf(c.arrival), c.outcome, c.waitMs / 1000, o.thresholdSeconds(c.queueId));
  }
  return out;
}

function count(out: RerunResult, queueId: string, interval: number, outcome: 'answered' | 'abandoned' | 'flowedOut', waitSeconds: number, threshold: number): void {
  let q = out.get(queueId);
  if (!q) out.set(queueId, (q = new Map()));
  let r = q.get(interval);
  if (!r) q.set(interval, (r = emptyCounts()));
  r.offered++;
  if (outcome === 'answered') {
    r.answered++;
    if (waitSeconds <= threshold) r.answeredInSL++;
  } else if (outcome === 'abandoned') {
    r.abandoned++;
    if (waitSeconds < SHORT_ABANDON_SECONDS) r.shortAbandoned++;
    if (waitSeconds <= threshold) r.abandonedInSL++;
  } else r.flowedOut++;
}

/** A small seeded generator (mulberry32): deterministic draws in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The agents with the changes applied: added agents have the one skill; removed ones are cut from the narrowest-skilled agents of the queue. */
export function changedAgents(agents: readonly PastAgent[], changes: readonly StaffingChange[]): PastAgent[] {
  const out = agents.map((a) => ({ ...a, windows: a.windows.map((w) => [...w] as [number, number]) }));
  changes.forEach((c, i) => {
    if (c.agents > 0) {
      for (let k = 0; k < c.agents; k++) out.push({ agentId: `whatif-${i}-${k}`, queues: [c.queueId], windows: [[c.from, c.to]] });
      return;
    }
    const takeable = out
      .filter((a) => a.queues.includes(c.queueId) && a.windows.some(([f, t]) => f < c.to && t > c.from))
      .sort((a, b) => a.queues.length - b.queues.length || (a.agentId < b.agentId ? -1 : 1))
      .slice(0, -c.agents);
    for (const a of takeable) a.windows = a.windows.flatMap(([f, t]): [number, number][] => [...(f < c.from ? [[f, Math.min(t, c.from)] as [number, number]] : []), ...(t > c.to ? [[Math.max(f, c.to), t] as [number, number]] : [])]);
  });
  return out;
}

interface Waiting {
  call: PastCall;
  patienceMs: number;
  handleMs: number;
  done: boolean;
}

interface Server {
  agent: PastAgent;
  on: boolean;
  /** On a call or an email (which hold the agent alone). */
  exclusive: boolean;
  /** Chats open now, and at most. */
  chats: number;
  chatCapacity: number;
  /** When the agent last had nothing open (epoch ms): longest idle is offered first. */
  idleSince: number;
}

type Ev = { at: number; seq: number; kind: 'arrive' | 'leave' | 'free' | 'on' | 'off'; w?: Waiting; s?: Server };

/** Whether the agent can take this contact now: a free chat slot and no call for a chat; nothing open for a call or an email. */
function canTake(s: Server, w: Waiting): boolean {
  return !s.exclusive && (w.call.channel === 'chat' ? s.chats < s.chatCapacity : s.chats === 0);
}

/** Whether `a` goes before `b` in an agent's pick: live contacts before emails, then the longest waiting. */
function before(a: Waiting, b: Waiting): boolean {
  const ea = a.call.channel === 'email';
  const eb = b.call.channel === 'email';
  return ea !== eb ? eb : a.call.arrival < b.call.arrival;
}

/**
 * Re-runs the log's calls with `changes` to its staffing and counts each call's outcome in the
 * interval it arrived in. Events at the same time: agents go off, come on and finish calls
 * before new arrivals are routed, and a caller whose patience ends as an agent frees is answered.
 */
export function rerunDay(log: FloorLog, changes: readonly StaffingChange[], o: RerunOptions): RerunResult {
  const rnd = random(o.seed ?? 1);
  const handles = new Map<string, number[]>();
  for (const c of log.calls) if (c.outcome === 'answered' && c.handleMs > 0) (handles.get(c.queueId) ?? handles.set(c.queueId, []).get(c.queueId)!).push(c.handleMs);
  const allHandles = [...handles.values()].flat();
  let seq = 0;
  // An agent's stretch ending and the next starting at the same moment leave it on.
  const rank = { off: 0, on: 1, free: 2, leave: 3, arrive: 4 } as const;
  const heap = new MinHeap<Ev>((a, b) => (a.at !== b.at ? a.at < b.at : rank[a.kind] !== rank[b.kind] ? rank[a.kind] < rank[b.kind] : a.seq < b.seq));
  const push = (e: Omit<Ev, 'seq'>) => heap.push({ ...e, seq: seq++ });

  for (const c of log.calls) {
    if (c.outcome === 'open') continue;
    const meanMs = o.patienceSeconds(c.queueId) * 1000;
    const patienceMs = c.channel === 'email' ? Infinity : c.outcome === 'answered' ? c.waitMs - meanMs * Math.log(1 - rnd()) : c.waitMs;
    const pool = handles.get(c.queueId) ?? allHandles;
    const handleMs = c.outcome === 'answered' && c.handleMs > 0 ? c.handleMs : pool.length ? pool[Math.floor(rnd() * pool.length)] : 0;
    push({ at: c.arrival, kind: 'arrive', w: { call: c, patienceMs, handleMs, done: false } });
  }
  const servers: Server[] = changedAgents(log.agents, changes).map((agent) => ({ agent, on: false, exclusive: false, chats: 0, chatCapacity: agent.chatCapacity ?? 1, idleSince: 0 }));
  for (const s of servers) for (const [f, t] of s.agent.windows) if (t > f) {
    push({ at: f, kind: 'on', s });
    push({ at: t, kind: 'off', s });
  }
  const waiting = new Map<string, Waiting[]>();
  const out: RerunResult = new Map();
  const finish = (w: Waiting, outcome: 'answered' | 'abandoned' | 'flowedOut', at: number) => {
    w.done = true;
    count(out, w.call.queueId, o.intervalOf(w.call.arrival), outcome, (at - w.call.arrival) / 1000, o.thresholdSeconds(w.call.queueId));
  };
  const serve = (s: Server, w: Waiting, at: number) => {
    finish(w, 'answered', at);
    if (w.call.channel === 'chat') s.chats++;
    else s.exclusive = true;
    push({ at: at + w.handleMs, kind: 'free', s, w });
  };
  // The first caller waiting in any of the agent's queues that it can take (FCFS across its skills, emails last).
  const nextFor = (s: Server): Waiting | null => {
    let pick: Waiting | null = null;
    for (const q of s.agent.queues) {
      const line = waiting.get(q);
      while (line?.length && line[0].done) line.shift();
      const head = line?.[0];
      if (head && canTake(s, head) && (!pick || before(head, pick))) pick = head;
    }
    return pick;
  };
  // Offers the agent waiting contacts until it can take no more (a chat agent may take several).
  const route = (s: Server, at: number) => {
    if (!s.on) return;
    for (let w = nextFor(s); w; w = nextFor(s)) serve(s, w, at);
  };
  const release = (s: Server, w: Waiting, at: number) => {
    if (w.call.channel === 'chat') s.chats--;
    else s.exclusive = false;
    if (!s.exclusive && s.chats === 0) s.idleSince = at;
    route(s, at);
  };

  while (heap.size) {
    const e = heap.pop()!;
    switch (e.kind) {
      case 'on':
        e.s!.on = true;
        if (!e.s!.exclusive && e.s!.chats === 0) e.s!.idleSince = e.at;
        route(e.s!, e.at);
        break;
      case 'off':
        e.s!.on = false;
        break;
      case 'free':
        release(e.s!, e.w!, e.at);
        break;
      case 'arrive': {
        const w = e.w!;
        // Fewest chats open, then longest idle.
        let best: Server | null = null;
        for (const s of servers) if (s.on && canTake(s, w) && s.agent.queues.includes(w.call.queueId) && (!best || s.chats < best.chats || (s.chats === best.chats && s.idleSince < best.idleSince))) best = s;
        if (best) serve(best, w, e.at);
        else {
          (waiting.get(w.call.queueId) ?? waiting.set(w.call.queueId, []).get(w.call.queueId)!).push(w);
          if (Number.isFinite(w.patienceMs)) push({ at: e.at + w.patienceMs, kind: 'leave', w });
        }
        break;
      }
      case 'leave':
        if (!e.w!.done) finish(e.w!, e.w!.call.outcome === 'flowedOut' ? 'flowedOut' : 'abandoned', e.at);
        break;
    }
  }
  return out;
}

/**
 * A queue's mean patience (seconds) from the log: the time every caller was seen waiting over
 * the abandons (the exponential's estimate with answered callers' patience cut off at their
 * wait); `fallback` when nobody abandoned.
 */
export function patienceEstimate(calls: readonly PastCall[], queueId: string, fallback: number): number {
  let waited = 0;
  let abandons = 0;
  for (const c of calls) {
    if (c.queueId !== queueId || c.outcome === 'open') continue;
    waited += c.waitMs / 1000;
    if (c.outcome === 'abandoned') abandons++;
  }
  return abandons > 0 ? waited / abandons : fallback;
}
