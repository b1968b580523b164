/**
 * The one place the wait-time estimator touches the engine: it reads a queue's waiting calls,
 * the agents serving it and its statistics, and hands the pure estimator (domain/ewt.ts) a
 * plain EwtInput. The engine keeps each waiting call's priority and each queue's recent
 * departures and handle times (`q.history`); `known` may override either (the accuracy harness).
 */
import { ACW, AVAILABLE, HOLD, TALKING } from '../domain/agent-timeline.ts';
import type { Engine, QueueState } from '../domain/engine.ts';
import type { EwtInput, ServingAgent, WaitingCall } from '../domain/ewt.ts';
import type { QueueHistory } from '../domain/ewt-history.ts';
import { queueDayRow } from './queue-rows.ts';

/** What the engine does not keep yet (see docs/ewt.md, "What the engine must keep"). */
export interface EwtKnown {
  /** Priority of a waiting call, overriding the engine's (from its call.queued). */
  priorityOf?: (callId: string) => number | undefined;
  /** The queue's recent departures and handle times; the engine's own (`q.history`) when not given. */
  history?: QueueHistory;
}

const BUSY = new Set([TALKING, HOLD, ACW]);

/** The estimator's input for queue `q` at `now` (epoch ms). */
export function ewtInput(engine: Engine, q: QueueState, now: number, known: EwtKnown = {}): EwtInput {
  const waiting: WaitingCall[] = [];
  for (const [callId, w] of q.waiting) waiting.push({ callId, queuedAt: w.queuedTs, priority: known.priorityOf?.(callId) ?? w.priority });
  const agents: ServingAgent[] = [];
  for (const agent of q.agents) {
    const id = agent.id;
    const state = agent.timeline.current().state;
    if (state !== AVAILABLE && !BUSY.has(state)) continue;
    let otherQueuesWaiting = 0;
    for (const other of agent.queues) if (other !== q && other.waiting.size > 0) otherQueuesWaiting++;
    agents.push({ agentId: id, state: state === AVAILABLE ? 'available' : 'busy', otherQueuesWaiting });
  }
  const h = known.history ?? q.history;
  return {
    tenant: q.config.tenant,
    queueId: q.config.id,
    now,
    waiting,
    agents,
    recentHandleSeconds: h ? h.handleSeconds() : [],
    recentAnswered: h ? h.answeredByBehind() : [],
    abandonment: h ? h.abandonment() : { departures: 0, abandoned: 0, exposureSeconds: 0 },
    fallbackAhtSeconds: queueDayRow(engine, q, now).ahtSeconds,
  };
}
