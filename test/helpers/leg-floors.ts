/**
 * Random small floors of calls that move between queues (flow-outs, transfers, calls queued to
 * two queues at once, back to the first queue), for order-independence properties of the
 * engine's call legs (server/domain/call-legs.ts), with the reorder window's jitter.
 */
import { Engine } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { agentIntervalRows } from '../../server/views/agent-view.ts';
import { queueIntervalRows } from '../../server/views/queue-rows.ts';

/** Queues q0 and q1 have after-call work, q2 has none. */
export const QUEUES = ['q0', 'q1', 'q2'] as const;
const NO_ACW = new Set(['q2']);
export const AGENTS = ['a0', 'a1', 'a2', 'a3'] as const;
export const CONFIG = {
  timezone: 'UTC',
  intervalMinutes: 30,
  queues: QUEUES.map((id) => ({ id, tenant: 'default', afterCallWork: !NO_ACW.has(id) })),
};
/** 2026-11-20 09:00:00 UTC. */
export const BASE = Date.UTC(2026, 10, 20, 9, 0, 0);

export interface FloorOptions {
  calls: number;
  /** Allow a call answered by one agent to be transferred and answered by another (a known gap, docs/events.md). */
  reanswer: boolean;
  /** Allow a flow-out back to the queue the call just left. */
  backToSame: boolean;
  /** Allow a call to visit a queue it visited before (A, B, A). */
  revisit: boolean;
  /** Allow calls queued to two queues at once. */
  twoAtOnce: boolean;
  /** Allow a transferred call to be answered again by the agent who answered it before. */
  sameAgent?: boolean;
}

type Wire = Record<string, unknown> & { ts: number; type: string };

/** A floor's events in event-time order (the order they happened, ties in generation order). */
export function randomFloor(r: () => number, opts: FloorOptions): FloorEvent[] {
  let n = 0;
  const out: Wire[] = [];
  const emit = (type: string, ts: number, fields: Record<string, unknown>) => out.push({ id: `e${String(++n).padStart(4, '0')}`, type, ts, tenant: 'default', ...fields });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  for (const a of AGENTS) emit('agent.login', BASE - 60_000, { agentId: a, queues: [...QUEUES], state: 'available' });
  const busyUntil = new Map<string, number>(AGENTS.map((a) => [a, 0]));
  const freeAgent = (at: number, not: string | null) => AGENTS.find((a) => a !== not && busyUntil.get(a)! < at) ?? null;
  for (let c = 0; c < opts.calls; c++) {
    const callId = `c${c}`;
    let t = BASE + Math.floor(r() * 20_000);
    let queues: string[] = opts.twoAtOnce && r() < 0.25 ? pickTwo(r) : [pick(QUEUES)];
    let answeredBy: string | null = null;
    const visited = new Set<string>();
    // The queue of the next visit: never one visited before unless revisits are allowed.
    const nextQueue = (not: readonly string[]): string | null => {
      const free = QUEUES.filter((q) => !not.includes(q) && (opts.revisit || !visited.has(q)));
      return free.length > 0 ? pick(free) : null;
    };
    for (let hop = 0; hop < 6; hop++) {
      for (const q of queues) emit('call.queued', t, { callId, queueId: q });
      for (const q of queues) visited.add(q);
      t += r() < 0.2 ? 0 : Math.floor(r() * 4000);
      const roll = r();
      const agent = freeAgent(t, opts.sameAgent ? null : answeredBy);
      const flowTo = opts.backToSame && r() < 0.35 ? queues[0] : nextQueue(queues);
      if (roll < 0.35 && hop < 5 && flowTo) {
        // Flows out (or is transferred) of every queue it waits in, into one queue.
        const reason = r() < 0.5 ? 'overflow' : 'transfer';
        for (const q of queues) emit('call.dequeued', t, { callId, queueId: q, reason });
        t += r() < 0.5 ? 0 : Math.floor(r() * 1500);
        queues = [flowTo];
        continue;
      }
      if (roll < 0.5 || !agent) {
        for (const q of queues) emit('call.abandoned', t, { callId, queueId: q });
        break;
      }
      const [inQ, ...others] = r() < 0.5 ? queues : [...queues].reverse();
      emit('call.answered', t, { callId, queueId: inQ, agentId: agent });
      for (const q of others) emit('call.dequeued', t, { callId, queueId: q, reason: 'transfer' });
      answeredBy = agent;
      if (r() < 0.4) {
        const h = t + 200 + Math.floor(r() * 1500);
        emit('call.held', h, { callId, agentId: agent });
        if (r() < 0.8) emit('call.retrieved', h + 100 + Math.floor(r() * 1500), { callId, agentId: agent });
        t = h + 1600;
      }
      t += 100 + Math.floor(r() * 2500);
      emit('call.ended', t, { callId, agentId: agent });
      if (!NO_ACW.has(inQ)) {
        t += r() < 0.2 ? 0 : Math.floor(r() * 2000);
        emit('call.wrapped', t, { callId, agentId: agent });
      }
      busyUntil.set(agent, t);
      // A transfer after talking: the call is queued again, for another agent (or, with sameAgent, maybe the same).
      const transferTo = nextQueue([inQ]);
      if (opts.reanswer && r() < 0.3 && hop < 5 && transferTo) {
        t += r() < 0.5 ? 0 : Math.floor(r() * 1000);
        queues = [transferTo];
        continue;
      }
      break;
    }
  }
  const events = out.map((w) => {
    const v = validateEvent(w);
    if (!v.ok) throw new Error(`bad event ${JSON.stringify(w)}: ${v.error}`);
    return v.event;
  });
  return stableByTs(events);
}

function pickTwo(r: () => number): string[] {
  const a = Math.floor(r() * QUEUES.length);
  const b = (a + 1 + Math.floor(r() * (QUEUES.length - 1))) % QUEUES.length;
  return [QUEUES[a], QUEUES[b]];
}

function stableByTs(events: FloorEvent[]): FloorEvent[] {
  return events.map((e, i) => [e, i] as const).sort((x, y) => x[0].ts - y[0].ts || x[1] - y[1]).map(([e]) => e);
}

/** An arrival order: each event moved by at most `jitterMs` of event time relative to the others. */
export function jitter(events: FloorEvent[], r: () => number, jitterMs = 3000): FloorEvent[] {
  return events.map((e) => [e, e.ts + r() * jitterMs] as const).sort((x, y) => x[1] - y[1]).map(([e]) => e);
}

/** Applies `order`, restarting from a JSON snapshot after index `restartAfter` (-1: never), then an event 20 s after the last to pass the window. */
export function runOrder(order: FloorEvent[], restartAfter = -1): Engine {
  let engine = new Engine(CONFIG);
  order.forEach((e, i) => {
    engine.apply(e);
    if (i === restartAfter) engine = roundTrip(engine);
  });
  const last = order.reduce((m, e) => Math.max(m, e.ts), BASE);
  engine.apply({ id: 'zz-later', type: 'agent.state', ts: last + 20_000, tenant: 'default', agentId: 'zz', state: 'available' });
  return engine;
}

export function roundTrip(engine: Engine): Engine {
  const restored = new Engine(CONFIG);
  engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
  return restored;
}

/** Whether `events` in this order never wait for a partner (no orphan outcome, no parked conversation event): a stream as a switch would send it. */
export function causal(events: FloorEvent[]): boolean {
  // Each conversation ends before its agent answers the call again, and every one ends.
  const talking = new Set<string>();
  for (const e of events) {
    if (e.type === 'call.answered') {
      const key = `${e.callId} ${e.agentId}`;
      if (talking.has(key)) return false;
      talking.add(key);
    } else if (e.type === 'call.ended' && !talking.delete(`${e.callId} ${e.agentId}`)) return false;
  }
  if (talking.size > 0) return false;
  const engine = new Engine(CONFIG);
  for (const e of events) {
    engine.apply(e);
    const t = engine.tenants.get('default')!;
    if (t.orphans.size > 0 || t.parked.size > 0) return false;
  }
  return Object.keys(engine.counters.anomaliesByReason).length === 0;
}

/** What must not depend on arrival order: every queue's and agent's interval rows of the day, and the anomaly counts. */
export function figures(engine: Engine) {
  const queues = Object.fromEntries(QUEUES.map((q) => [q, queueIntervalRows(engine, engine.queue('default', q)!, BASE).filter((row) => row.offered > 0 || row.waiting > 0)]));
  const agents = Object.fromEntries(AGENTS.map((a) => {
    const rec = engine.agent('default', a);
    return [a, rec ? agentIntervalRows(engine, rec, BASE).filter((row) => row.loggedInSeconds > 0 || row.callsHandled > 0) : []];
  }));
  return { queues, agents, anomalies: { ...engine.counters.anomaliesByReason } };
}

/**
 * The fewest events (greedily) of `inOrder` whose arrival in `order`'s relative order (with
 * `restartAfter` at the same event, when given) still differs from in order.
 */
export function shrink(inOrder: FloorEvent[], order: FloorEvent[], differs: (inOrder: FloorEvent[], order: FloorEvent[]) => boolean): { inOrder: FloorEvent[]; order: FloorEvent[] } {
  let keep = new Set(inOrder);
  // Whole calls first (a call's events only make sense together), then single events.
  const callOf = (e: FloorEvent) => ('callId' in e ? e.callId : null);
  const groups = (): FloorEvent[][] => {
    const byCall = new Map<string, FloorEvent[]>();
    const calls = [...keep].filter((e) => callOf(e) !== null);
    for (const e of calls) byCall.set(callOf(e)!, [...(byCall.get(callOf(e)!) ?? []), e]);
    return [...byCall.values(), ...[...keep].map((e) => [e])];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups()) {
      if (!group.every((e) => keep.has(e))) continue;
      const trial = new Set(keep);
      for (const e of group) trial.delete(e);
      if (differs(inOrder.filter((x) => trial.has(x)), order.filter((x) => trial.has(x)))) {
        keep = trial;
        changed = true;
      }
    }
  }
  return { inOrder: inOrder.filter((x) => keep.has(x)), order: order.filter((x) => keep.has(x)) };
}

/** An event as a short line for a report. */
export function line(e: FloorEvent): string {
  const t = `+${((e.ts - BASE) / 1000).toFixed(3)}s`;
  const f = e as unknown as Record<string, unknown>;
  const bits = ['callId', 'queueId', 'agentId', 'reason'].filter((k) => f[k] !== undefined).map((k) => `${k}=${String(f[k])}`);
  return `${e.id} ${t} ${e.type} ${bits.join(' ')}`;
}
