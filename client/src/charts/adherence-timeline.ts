import { scaleTime } from 'd3';
import type { AgentAdherenceReport } from '../../../server/protocol/adherence.ts';

export const LANE = { height: 14, gap: 3, rowHeight: 40 };

export interface TimelineLayout {
  width: number;
  height: number;
  left: number;
  right: number;
  rows: {
    y: number;
    agent: AgentAdherenceReport;
    scheduled: { x: number; width: number; label: string }[];
    actual: { x: number; width: number; label: string; reason: string | null }[];
    /** Exceptions with their local clock times ("14:05"), the engine's activity and state keys, and length (seconds), for the tooltip. */
    exceptions: { x: number; width: number; from: string; to: string; scheduled: string; actual: string; seconds: number; open: boolean }[];
  }[];
  ticks: { x: number; label: string }[];
  nowX: number | null;
}

/**
 * Adherence timeline layout: one row per agent with the scheduled segments on the upper lane
 * and actual states beneath, exceptions spanning both, over the hours of the day that have a
 * schedule or activity (whole hours, at least 06:00-20:00 where the day allows). Pure.
 */
export function timelineLayout(agents: AgentAdherenceReport[], dayStart: number, dayEnd: number, now: number, width: number, left = 190, formatHour: (ms: number) => string): TimelineLayout {
  const hour = 3_600_000;
  let from = dayStart + 6 * hour;
  let to = Math.min(dayEnd, dayStart + 20 * hour);
  for (const a of agents) {
    for (const b of [...(a.timeline?.scheduled ?? []), ...(a.timeline?.actual.filter((x) => x.label !== 'offline') ?? [])]) {
      from = Math.min(from, b.start);
      to = Math.max(to, b.end);
    }
  }
  from = Math.max(dayStart, dayStart + Math.floor((from - dayStart) / hour) * hour);
  to = Math.min(dayEnd, dayStart + Math.ceil((to - dayStart) / hour) * hour);
  const right = width - 16;
  const x = scaleTime().domain([from, to]).range([left, right]).clamp(true);
  const bar = (start: number, end: number) => ({ x: x(start), width: Math.max(1, x(end) - x(start)) });
  const rows = agents.map((agent, i) => ({
    y: 28 + i * LANE.rowHeight,
    agent,
    scheduled: (agent.timeline?.scheduled ?? []).filter((b) => b.label !== 'offline').map((b) => ({ ...bar(b.start, b.end), label: b.label })),
    actual: (agent.timeline?.actual ?? []).filter((b) => b.label !== 'offline').map((b) => ({ ...bar(b.start, b.end), label: b.label, reason: b.reason ?? null })),
    exceptions: agent.exceptions.map((e) => ({
      ...bar(Date.parse(e.start), Date.parse(e.end)),
      from: e.start.slice(11, 16),
      to: e.end.slice(11, 16),
      scheduled: e.scheduled,
      actual: e.actual,
      seconds: e.seconds,
      open: e.open,
    })),
  }));
  const ticks: { x: number; label: string }[] = [];
  const step = (to - from) / hour > 14 ? 2 * hour : hour;
  for (let t = from; t <= to; t += step) ticks.push({ x: x(t), label: formatHour(t) });
  return { width, height: 40 + agents.length * LANE.rowHeight, left, right, rows, ticks, nowX: now >= from && now <= to ? x(now) : null };
}
