import { stateName } from '../domain/agent-timeline.ts';
import { skillIds, type AgentRecord, type Engine } from '../domain/engine.ts';
import type { AgentIntervalRow, AgentView } from '../protocol/metrics.ts';
import { ratio } from '../domain/service-level.ts';
import { AGENT_STATES } from '../protocol/events.ts';
import { scopedKey } from '../protocol/keys.ts';
import { agentChannelRows, agentChannels } from '../domain/slot-occupancy.ts';
import { boardNow } from '../domain/board-state.ts';

/** An agent's live line on the board. */
export function agentView(engine: Engine, a: AgentRecord): AgentView {
  const cur = a.timeline.current();
  const day = engine.clock.dayOf(engine.now);
  const board = boardNow(a, engine.now);
  return {
    key: scopedKey(a.tenant, a.id),
    id: a.id,
    tenant: a.tenant,
    name: a.name,
    teamId: a.teamId,
    queues: skillIds(a),
    state: stateName(cur.state),
    reason: cur.reason,
    since: cur.since,
    queueId: cur.queueId,
    callsHandledToday: a.timeline.handledIn(day.start, day.end),
    channels: agentChannels(a, engine.now),
    boardState: board.state,
    boardSince: board.since,
  };
}

/** Seconds in each state, occupancy and utilization in [start, end) (epoch ms), up to engine.now. */
export function agentIntervalRow(engine: Engine, a: AgentRecord, start: number, end: number): AgentIntervalRow {
  const ms = a.timeline.msByState(start, end, engine.now);
  const seconds = Object.fromEntries(AGENT_STATES.map((s, i) => [s, ms[i] / 1000])) as AgentIntervalRow['seconds'];
  const busy = seconds.talking + seconds.hold + seconds.acw;
  const loggedIn = busy + seconds.available + seconds.aux;
  return {
    start: engine.clock.iso(start),
    end: engine.clock.iso(end),
    seconds,
    loggedInSeconds: loggedIn,
    occupancy: ratio(busy, busy + seconds.available),
    utilization: ratio(busy, loggedIn),
    callsHandled: a.timeline.handledIn(start, end),
    channels: agentChannelRows(a, start, end, engine.now),
  };
}

/** One row per interval of the local day holding `dayStart` (epoch ms). */
export function agentIntervalRows(engine: Engine, a: AgentRecord, dayStart: number): AgentIntervalRow[] {
  const day = engine.clock.dayOf(dayStart);
  return day.starts.map((s) => agentIntervalRow(engine, a, s, engine.clock.intervalEnd(s)));
}
