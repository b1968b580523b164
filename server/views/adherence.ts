import { addTotals, agentAdherence, emptyTotals, ratios, type AdherenceRules, type AdherenceTotals, type AgentAdherence } from '../domain/adherence.ts';
import { OFFLINE, stateName } from '../domain/agent-timeline.ts';
import type { AgentRecord, Engine, QueueState } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { Plan } from '../domain/plan.ts';
import type {
  AdherenceFigures,
  AdherenceLive,
  AdherenceReport,
  AgentAdherenceReport,
  GroupAdherence,
  LiveAgent,
  LiveException,
  QueueImpact,
  TeamAdherence,
} from '../protocol/adherence.ts';
import { teamKey } from '../protocol/keys.ts';
import { runToEnd } from '../domain/steps.ts';
import type { AgentFilter } from './people-scope.ts';
import { byName } from './name-order.ts';

/**
 * Live adherence of every agent a filter keeps, unpaged and without counts: `pageLive` pages it
 * and counts it, the one place a live answer's counts are set (so a narrowed list cannot carry
 * counts of the list before).
 */
export type LiveLists = Pick<AdherenceLive, 'now' | 'graceSeconds' | 'severeSeconds' | 'agents' | 'exceptions' | 'teams'>;

export interface AdherenceFilter {
  /** Tenants visible; null means all. */
  tenants: ReadonlySet<string> | null;
  teamId?: string;
  agentId?: string;
  /**
   * Only the agents it admits (the caller's person scope): team and tenant totals count no one
   * else. Its `key` separates shared reports: one computed for a scope is shared only with scopes
   * that admit the same agents. Absent: every agent.
   */
  visible?: AgentFilter;
}

function figures(t: AdherenceTotals): AdherenceFigures {
  return {
    scheduledSeconds: t.scheduledMs / 1000,
    adherentSeconds: (t.scheduledMs - t.exceptionInScheduleMs) / 1000,
    exceptionSeconds: t.exceptionMs / 1000,
    ...ratios(t),
  };
}

function agentsFor(engine: Engine, f: AdherenceFilter): AgentRecord[] {
  return [...engine.allAgents()]
    .filter((a) => (!f.tenants || f.tenants.has(a.tenant)) && (!f.teamId || a.teamId === f.teamId) && (!f.agentId || a.id === f.agentId) && (!f.visible || f.visible.admits(a.id, a.teamId)))
    .sort((a, b) => byName(a.name, b.name));
}

function compute(engine: Engine, plan: Plan, rules: AdherenceRules, a: AgentRecord, day: LocalDay): { scheduled: boolean; result: AgentAdherence } {
  const segments = plan.segments(a.tenant, a.id, day.start, day.end);
  const result = agentAdherence(a.timeline, segments, day.start, day.end, engine.now, rules, day.starts, engine.clock.lengthMs);
  return { scheduled: segments.some((s) => s.activity !== 'offline'), result };
}

/** A scheduled agent's totals, with what it is grouped by. */
interface Counted {
  tenant: string;
  teamId: string | null;
  totals: AdherenceTotals;
}

/** Totals summed per group (`keyOf`), each group with one of its agents to name it by. */
function sumBy(rows: Counted[], keyOf: (r: Counted) => string): { of: Counted; totals: AdherenceTotals; agents: number }[] {
  const by = new Map<string, { of: Counted; totals: AdherenceTotals; agents: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    let g = by.get(key);
    if (!g) by.set(key, (g = { of: r, totals: emptyTotals(), agents: 0 }));
    addTotals(g.totals, r.totals);
    g.agents++;
  }
  return [...by.values()];
}

/**
 * Per team: a team id names a team within its tenant only, so two tenants' "t1" stay two teams;
 * the agents of no team (id null) after a tenant's teams.
 */
function teams(rows: Counted[]): TeamAdherence[] {
  return sumBy(rows, (r) => teamKey(r.tenant, r.teamId))
    .map((g) => ({ tenant: g.of.tenant, id: g.of.teamId, agents: g.agents, ...figures(g.totals) }))
    .sort((a, b) => a.tenant.localeCompare(b.tenant) || Number(a.id === null) - Number(b.id === null) || (a.id ?? '').localeCompare(b.id ?? ''));
}

function tenants(rows: Counted[]): GroupAdherence[] {
  return sumBy(rows, (r) => r.tenant)
    .map((g) => ({ id: g.of.tenant, agents: g.agents, ...figures(g.totals) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface ReportDetail {
  intervals?: boolean;
  timeline?: boolean;
}

/** Adherence, conformance and shrinkage per agent, team and tenant for one local day. */
export function adherenceReport(engine: Engine, plan: Plan, rules: AdherenceRules, day: LocalDay, f: AdherenceFilter, detail: ReportDetail = {}): AdherenceReport {
  return runToEnd(adherenceReportSteps(engine, plan, rules, day, f, detail));
}

/**
 * `adherenceReport` in steps, one agent a step (about 0.1 ms each), so a floor of 20,000 agents
 * is computed over turns of the event loop (runSliced) instead of holding it for seconds.
 */
export function* adherenceReportSteps(engine: Engine, plan: Plan, rules: AdherenceRules, day: LocalDay, f: AdherenceFilter, detail: ReportDetail = {}): Generator<void, AdherenceReport> {
  const agents: AgentAdherenceReport[] = [];
  const scheduledRows: Counted[] = [];
  const list = agentsFor(engine, f);
  yield;
  for (const a of list) {
    yield;
    const { scheduled, result } = compute(engine, plan, rules, a, day);
    if (!scheduled && a.timeline.length === 0) continue;
    const report: AgentAdherenceReport = {
      agentId: a.id,
      name: a.name,
      teamId: a.teamId,
      tenant: a.tenant,
      status: scheduled ? 'scheduled' : 'unscheduled',
      ...(scheduled ? figures(result.totals) : { scheduledSeconds: 0, adherentSeconds: 0, exceptionSeconds: 0, adherence: null, conformance: null, plannedShrinkage: null, actualShrinkage: null }),
      exceptions: scheduled
        ? result.exceptions.map((e) => ({ start: engine.clock.iso(e.start), end: engine.clock.iso(e.end), scheduled: e.scheduled, actual: e.actual, seconds: e.ms / 1000, open: e.open }))
        : [],
    };
    addDetail(engine, plan, day, report, a, scheduled, result, detail);
    agents.push(report);
    if (scheduled) scheduledRows.push({ tenant: a.tenant, teamId: a.teamId, totals: result.totals });
  }
  return {
    date: day.date,
    dayStart: day.start,
    dayEnd: day.end,
    timezone: engine.config.timezone,
    now: engine.now,
    graceSeconds: rules.graceMs / 1000,
    severeSeconds: rules.severeMs / 1000,
    agents,
    agentCount: agents.length,
    offset: 0,
    teams: teams(scheduledRows),
    tenants: tenants(scheduledRows),
  };
}

function addDetail(engine: Engine, plan: Plan, day: LocalDay, report: AgentAdherenceReport, a: AgentRecord, scheduled: boolean, result: AgentAdherence, detail: ReportDetail): void {
  if (detail.intervals && scheduled) {
    report.intervals = day.starts.map((s, i) => ({ start: engine.clock.iso(s), end: engine.clock.iso(engine.clock.intervalEnd(s)), ...figures(result.intervals[i]) }));
  }
  if (detail.timeline) {
    report.timeline = {
      scheduled: plan.segments(a.tenant, a.id, day.start, day.end).map((s) => ({ start: s.start, end: s.end, label: s.activity })),
      actual: mergeActual(result),
    };
  }
}

/**
 * The lines of a page of a report with their intervals or timeline added, in steps of one agent:
 * the detail is computed for the page only, never for the whole floor. A line whose agent has
 * gone since the report was built is given as it is.
 */
export function* withDetailSteps(engine: Engine, plan: Plan, rules: AdherenceRules, day: LocalDay, lines: readonly AgentAdherenceReport[], detail: ReportDetail): Generator<void, AgentAdherenceReport[]> {
  if (!detail.intervals && !detail.timeline) return [...lines];
  const out: AgentAdherenceReport[] = [];
  for (const line of lines) {
    yield;
    const a = engine.agent(line.tenant, line.agentId);
    if (!a) {
      out.push(line);
      continue;
    }
    const { scheduled, result } = compute(engine, plan, rules, a, day);
    const report = { ...line };
    addDetail(engine, plan, day, report, a, scheduled, result, detail);
    out.push(report);
  }
  return out;
}

/** Actual states as bars, neighbouring pieces of one state joined. */
function mergeActual(r: AgentAdherence): { start: number; end: number; label: string; reason: string | null }[] {
  const bars: { start: number; end: number; label: string; reason: string | null }[] = [];
  for (const p of r.pieces) {
    const last = bars[bars.length - 1];
    const label = stateName(p.state);
    if (last && last.end === p.start && last.label === label && last.reason === p.reason) last.end = p.end;
    else bars.push({ start: p.start, end: p.end, label, reason: p.reason });
  }
  return bars;
}

/**
 * Who is in and out of adherence now: each scheduled agent's activity now, actual state and
 * since when; exceptions past the grace (warn) or the severe threshold (alert), longest first,
 * each with its queues' current staffing gap and projected service level.
 */
export function adherenceLive(engine: Engine, plan: Plan, rules: AdherenceRules, f: AdherenceFilter, impact: (q: QueueState) => QueueImpact): LiveLists {
  return runToEnd(adherenceLiveSteps(engine, plan, rules, f, impact));
}

/** `adherenceLive` in steps of one agent (see `adherenceReportSteps`). */
export function* adherenceLiveSteps(engine: Engine, plan: Plan, rules: AdherenceRules, f: AdherenceFilter, impact: (q: QueueState) => QueueImpact): Generator<void, LiveLists> {
  const now = engine.now;
  const day = engine.clock.dayOf(now);
  const agents: LiveAgent[] = [];
  const exceptions: LiveException[] = [];
  const rows: Counted[] = [];
  const list = agentsFor(engine, f);
  yield;
  for (const a of list) {
    yield;
    const { scheduled, result } = compute(engine, plan, rules, a, day);
    const cur = a.timeline.current();
    if (!scheduled) {
      if (cur.state !== OFFLINE) agents.push({ agentId: a.id, name: a.name, teamId: a.teamId, tenant: a.tenant, scheduled: null, state: stateName(cur.state), reason: cur.reason, status: 'unscheduled', since: cur.since });
      continue;
    }
    rows.push({ tenant: a.tenant, teamId: a.teamId, totals: result.totals });
    const p = result.pieces;
    const last = p[p.length - 1];
    if (!last) continue;
    // The current stretch of the same adherence, back from now.
    let i = p.length - 1;
    while (i > 0 && p[i - 1].adherent === last.adherent && p[i - 1].end === p[i].start) i--;
    const since = p[i].start;
    const ms = now - since;
    const status = last.adherent ? 'in' : ms <= rules.graceMs ? 'grace' : ms <= rules.severeMs ? 'warn' : 'alert';
    const line: LiveAgent = { agentId: a.id, name: a.name, teamId: a.teamId, tenant: a.tenant, scheduled: last.scheduled, state: stateName(last.state), reason: last.reason, status, since };
    agents.push(line);
    if (status === 'warn' || status === 'alert') {
      exceptions.push({ ...line, seconds: ms / 1000, severity: status, impact: a.queues.map((q) => impact(q)) });
    }
  }
  exceptions.sort((x, y) => y.seconds - x.seconds);
  return { now, graceSeconds: rules.graceMs / 1000, severeSeconds: rules.severeMs / 1000, agents, exceptions, teams: teams(rows) };
}

