import { stateName } from '../domain/agent-timeline.ts';
import type { Engine, QueueState } from '../domain/engine.ts';
import type { AgentCounts, QueueView } from '../protocol/metrics.ts';
import { backlogView } from './backlog-view.ts';
import { queueCampaign } from './campaign-board.ts';
import { queueDayRow, queueIntervalRow } from './queue-rows.ts';
import { scopedKey } from '../protocol/keys.ts';
import { agentsAcrossChannels, queueSlots } from '../domain/slot-occupancy.ts';
import { statusLowerBetter } from '../protocol/status.ts';
import { slStatus } from '../protocol/sl-sample.ts';

/** Everything a wallboard tile needs for one queue at `engine.now`. */
export function queueView(engine: Engine, q: QueueState): QueueView {
  const now = engine.now;
  const cfg = q.config;
  let oldest: number | null = null;
  for (const { queuedTs } of q.waiting.values()) if (oldest === null || queuedTs < oldest) oldest = queuedTs;
  const longestWaitSeconds = oldest === null ? null : Math.max(0, now - oldest) / 1000;
  const interval = queueIntervalRow(engine, q, now);
  const today = queueDayRow(engine, q, now);
  const t = cfg.thresholds;
  return {
    key: scopedKey(cfg.tenant, cfg.id),
    id: cfg.id,
    tenant: cfg.tenant,
    name: cfg.name,
    targets: {
      slThresholdSeconds: cfg.slThresholdSeconds,
      slTarget: cfg.slTarget,
      slFormula: cfg.slFormula,
      shortAbandonSeconds: cfg.shortAbandonSeconds,
      asaTargetSeconds: cfg.asaTargetSeconds,
      abandonTarget: cfg.abandonTarget,
    },
    thresholds: t,
    waiting: q.waiting.size,
    oldestWaitingSince: oldest,
    longestWaitSeconds,
    agents: agentCounts(q),
    agentsAcrossChannels: agentsAcrossChannels(q, now),
    interval,
    today,
    topDispositions: topDispositions(engine, q, 5),
    backlog: backlogView(engine, q),
    slots: queueSlots(q, now),
    campaign: queueCampaign(engine, q),
    status: {
      waiting: statusLowerBetter(q.waiting.size, t.waiting),
      longestWait: statusLowerBetter(longestWaitSeconds, t.longestWaitSeconds),
      serviceLevelInterval: slStatus(interval, cfg.slFormula, t.serviceLevel),
      serviceLevelToday: slStatus(today, cfg.slFormula, t.serviceLevel),
      asa: statusLowerBetter(today.asaSeconds, t.asaSeconds),
      abandonRate: statusLowerBetter(today.abandonRate, t.abandonRate),
    },
  };
}

/** Agents serving the queue, by current state (aux also by reason). */
export function agentCounts(q: QueueState): AgentCounts {
  const counts: AgentCounts = { available: 0, talking: 0, hold: 0, acw: 0, aux: 0, offline: 0, auxByReason: Object.create(null) as Record<string, number> };
  for (const agent of q.agents) {
    const cur = agent.timeline.current();
    const name = stateName(cur.state);
    counts[name]++;
    if (name === 'aux') {
      const reason = cur.reason ?? '';
      counts.auxByReason[reason] = (counts.auxByReason[reason] ?? 0) + 1;
    }
  }
  return counts;
}

/** The most frequent dispositions of today's calls, most first. */
export function topDispositions(engine: Engine, q: QueueState, limit: number): { disposition: string; count: number }[] {
  const counts = q.dispositions.get(engine.clock.dayOf(engine.now).start);
  if (!counts) return [];
  return [...counts]
    .map(([disposition, count]) => ({ disposition, count }))
    .sort((a, b) => b.count - a.count || a.disposition.localeCompare(b.disposition))
    .slice(0, limit);
}
