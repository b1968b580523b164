/**
 * The one place history reads the live engine (the lead adapts it to the tenant-scoped engine).
 * Everything else in server/history works on rollups only.
 */
import type { AgentRecord, Engine, QueueState } from '../domain/engine.ts';
import { WORKING } from '../domain/staffing.ts';
import { agentIntervalRow } from '../views/agent-view.ts';
import { queueStatsRow } from '../views/queue-rows.ts';
import type { AgentIntervalRollup, CampaignHourRollup, QueueIntervalRollup } from './types.ts';

/**
 * Every queue's and every logged-in agent's figures for the interval starting at
 * `intervalStart` (epoch ms), as the engine knows them at `engine.now`. Call it when the
 * interval closes, and again for the interval before: calls queued late in an interval are
 * often answered or wrapped after it closes, and the idempotent upsert lets the later
 * figures replace the earlier ones. Queues get a row even with nothing offered (a quiet
 * interval is history too); agents only when logged in or handling a call.
 * Dispositions stay empty: the engine counts them per local day, not per interval.
 */
export function rollupInterval(engine: Engine, intervalStart: number): { queues: QueueIntervalRollup[]; agents: AgentIntervalRollup[] } {
  const start = engine.clock.intervalStart(intervalStart);
  const end = engine.clock.intervalEnd(start);
  const intervalMinutes = engine.clock.intervalMinutes;
  const queues: QueueIntervalRollup[] = [];
  const staffed = staffedMs(engine.allAgents(), start, end, engine.now);
  for (const q of engine.allQueues()) {
    const row = queueStatsRow(engine, q, [start], start, end);
    queues.push({
      tenant: q.config.tenant,
      queueId: q.config.id,
      intervalStart: start,
      intervalMinutes,
      offered: row.offered,
      answered: row.answered,
      abandoned: row.abandoned,
      shortAbandoned: row.shortAbandoned,
      flowedOut: row.flowedOut,
      answeredInSL: row.answeredInSL,
      abandonedInSL: row.abandonedInSL,
      handled: row.handled,
      waitSecondsAnswered: row.waitSecondsAnswered,
      talkSeconds: row.talkSeconds,
      holdSeconds: row.holdSeconds,
      acwSeconds: row.acwSeconds,
      maxWaitSeconds: row.maxWaitSeconds ?? 0,
      dispositions: {},
      staffedAgents: (staffed.get(q) ?? 0) / (end - start),
    });
  }
  const agents: AgentIntervalRollup[] = [];
  for (const a of engine.allAgents()) {
    const row = agentIntervalRow(engine, a, start, end);
    if (row.loggedInSeconds === 0 && row.callsHandled === 0) continue;
    agents.push({
      tenant: a.tenant,
      agentId: a.id,
      intervalStart: start,
      intervalMinutes,
      availableSeconds: row.seconds.available,
      talkingSeconds: row.seconds.talking,
      holdSeconds: row.seconds.hold,
      acwSeconds: row.seconds.acw,
      auxSeconds: row.seconds.aux,
      offlineSeconds: row.seconds.offline,
      callsHandled: row.callsHandled,
    });
  }
  return { queues, agents };
}

/**
 * Every outbound campaign's local hours the engine still holds that started before `before`
 * (epoch ms), as history rows. All of them, at every close: an outcome or a talk time lands in
 * its attempt's hour however late it comes (history-source.ts writes only those that changed).
 */
export function rollupCampaignHours(engine: Engine, before: number): CampaignHourRollup[] {
  const out: CampaignHourRollup[] = [];
  for (const t of engine.campaigns.tenants.values()) {
    for (const c of t.campaigns.values()) {
      for (const [start, h] of c.hours) {
        if (start >= before) continue;
        out.push({ tenant: t.tenant, campaignId: c.id, intervalStart: start, attempts: h.attempts, contacts: h.connected, successes: h.successes, refusals: h.refusals, callbacks: h.callbacks, abandoned: h.abandoned, talkSeconds: h.talkMs / 1000 });
      }
    }
  }
  return out;
}

/** A queue's handled calls by disposition so far on the local day starting at `dayStart` (epoch ms). */
export function dayDispositions(engine: Engine, tenant: string, queueId: string, dayStart: number): Record<string, number> {
  const counts = engine.queue(tenant, queueId)?.dispositions.get(dayStart);
  return counts ? Object.fromEntries(counts) : {};
}

/**
 * Agent-ms in a working state (available, talking, hold, after-call work) over [start, end)
 * epoch ms, per queue, a k-skilled agent 1/k to each of its queues (the intraday split rule);
 * one pass over the agents, not one per queue, so an 800-queue floor closes an interval quickly.
 */
export function staffedMs(agents: Iterable<AgentRecord>, start: number, end: number, now: number): Map<QueueState, number> {
  const out = new Map<QueueState, number>();
  for (const a of agents) {
    if (a.queues.length === 0) continue;
    let ms = 0;
    a.timeline.forEachSegment(start, end, now, (s) => {
      if (WORKING.has(s.state)) ms += Math.min(end, s.end) - Math.max(start, s.start);
    });
    if (ms <= 0) continue;
    for (const q of a.queues) out.set(q, (out.get(q) ?? 0) + ms / a.queues.length);
  }
  return out;
}
