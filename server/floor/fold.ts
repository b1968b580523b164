import { AlertLedger, type LedgerAckResult } from '../domain/alert-ledger.ts';
import { MAX_AGENTS_PER_TENANT, MAX_QUEUES_PER_TENANT, queuesFullText, type Engine } from '../domain/engine.ts';
import { dayForgotten, MAX_PLAN_ROWS_PER_TENANT, MAX_WHATIF_AGENTS, MAX_WHATIFS_PER_TENANT, planRowsFull, whatIfAgentsPast, whatIfsFull, type Plan, type PlanRefusal, type WhatIf } from '../domain/plan.ts';
import { applyEvents, type ApplyCounts, type ApplyHooks } from '../ingest/ingest-batch.ts';
import type { Command } from '../protocol/commands.ts';
import type { LogEntry } from '../protocol/log.ts';
import { groupByAgentSteps, type AgentSchedule } from '../domain/schedule-steps.ts';
import { unpackScheduleSteps } from '../protocol/packed-schedule.ts';
import { unplannedAgents } from './gaps-only.ts';
import { runToEnd } from '../domain/steps.ts';

/** The simulator's place in the log: which simulation, its clock, and how far it has run. */
export interface SimulatorMark {
  seed: number;
  start: number;
  simAt: number;
  wallAt: number;
  speed: number;
  /** Epoch ms the simulation has produced events up to (0 before its first batch). */
  simTo: number;
}

/**
 * What applying one entry gave, for the process that appended it to answer its caller. A
 * PlanRefusal is a plan change past a tenant's cap (queues, agents, what-ifs, the plan's rows) or
 * for a day already forgotten: nothing of it applied.
 */
export type EntryResult = ApplyCounts | PlanRefusal | { intervals: number } | { queues: number } | { segments: number; agents: number } | WhatIf | { removed: boolean } | LedgerAckResult | null;

/**
 * Applies log entries to the engine and the plan: the only place either changes once the
 * floor runs, so every process folding the same log holds the same floor.
 */
export class Fold {
  sim: SimulatorMark | null = null;
  /** Alerts as logged (fired, closed, acknowledged): the same list in every process. */
  readonly alerts = new AlertLedger();
  /** Called with the tenant whose alerts an entry changed (the hub pushes them). */
  onAlertChange: ((tenant: string) => void) | null = null;
  /** The engine's local day (start, epoch ms) the plan last forgot days at. */
  private planDay = -Infinity;

  constructor(
    readonly engine: Engine,
    readonly plan: Plan,
    private readonly hooks: ApplyHooks = {},
    /** Applies a directory command (users, displays, ...) and its side effects in this process. */
    private readonly onCommand: (cmd: Command) => void = () => {},
  ) {}

  /** Applies an entry at once (tests, and what `applySteps` does in one step). */
  apply(entry: LogEntry): EntryResult {
    return runToEnd(this.applySteps(entry));
  }

  /**
   * Applies an entry, a schedule in steps of a few thousand segments or agents (120,000 segments
   * took 400-900 ms in one go), any other in one. A schedule's checks all come before it changes
   * anything; then it registers its new agents and puts their days in place over its last
   * steps, so nothing else may be applied until it ends (the floor waits, and so does a snapshot).
   */
  *applySteps(entry: LogEntry): Generator<void, EntryResult> {
    if (entry.k === 'schedule') return yield* this.scheduleSteps(entry.tenant, entry.dayStart, entry.dayEnd, groupByAgentSteps(entry.segments));
    if (entry.k === 'schedule.packed') return yield* this.scheduleSteps(entry.tenant, entry.dayStart, entry.dayEnd, unpackScheduleSteps(entry), entry.gapsOnly);
    return this.applyOnce(entry);
  }

  /**
   * Replaces the agents' segments on the local day [dayStart, dayEnd) (epoch ms): all of them, or
   * (past the tenant's caps, or for a day forgotten) none. Every check comes before any change.
   */
  private *scheduleSteps(tenant: string, dayStart: number, dayEnd: number, agents: Generator<void, AgentSchedule[]>, gapsOnly = false): Generator<void, EntryResult> {
    const { engine, plan } = this;
    const forgotten = this.forgotten(dayStart);
    if (forgotten) return forgotten;
    const all = yield* agents;
    const byAgent = gapsOnly ? unplannedAgents(plan, tenant, dayStart, dayEnd, all) : all;
    const staged = yield* plan.stageSchedules(tenant, dayStart, dayEnd, byAgent);
    const full = this.rowsFull(tenant, staged.growth);
    if (full) return full;
    // The agents it names are registered, all or none: past the tenant's cap the import changes nothing.
    const added = yield* engine.newAgentsSteps(tenant, byAgent.map(([id]) => id));
    if (!added) return { refused: `the schedule's new agents would be more than ${MAX_AGENTS_PER_TENANT} agents in the tenant`, code: 'plan.agentsFull', params: { limit: MAX_AGENTS_PER_TENANT } };
    yield* engine.registerAgentsSteps(tenant, added);
    yield* plan.commitSchedulesSteps(staged);
    let segments = 0;
    for (const [, list] of byAgent) segments += list.length;
    return { segments, agents: byAgent.length };
  }

  private applyOnce(entry: Exclude<LogEntry, { k: 'schedule' | 'schedule.packed' }>): EntryResult {
    const { engine, plan } = this;
    switch (entry.k) {
      case 'events': {
        const counts = applyEvents(engine, entry.events, this.hooks);
        if (entry.simTo !== undefined && this.sim) this.sim.simTo = Math.max(this.sim.simTo, entry.simTo);
        this.forgetPlanDays();
        return counts;
      }
      case 'forecast': {
        const forgotten = this.forgotten(entry.dayStart);
        if (forgotten) return forgotten;
        if (entry.gapsOnly && plan.forecastCount(entry.tenant, entry.queueId, entry.dayStart, entry.dayEnd) > 0) return { intervals: 0 };
        const rows = new Map(entry.rows.map(([start, calls, ahtSeconds]) => [start, { calls, ahtSeconds }]));
        // Before the queue is registered: a refused change registers nothing.
        const full = this.rowsFull(entry.tenant, plan.forecastGrowth(entry.tenant, entry.queueId, entry.dayStart, entry.dayEnd, rows));
        if (full) return full;
        // A forecast may come before the queue's first call: the queue is registered then, up to the tenant's cap.
        if (!engine.planQueue(entry.tenant, entry.queueId)) return { refused: queuesFullText(entry.queueId), code: 'plan.queuesFull', params: { queue: entry.queueId, limit: MAX_QUEUES_PER_TENANT } };
        plan.setForecast(entry.tenant, entry.queueId, entry.dayStart, entry.dayEnd, rows);
        return { intervals: entry.rows.length };
      }
      case 'queues': {
        if (!engine.planQueues(entry.tenant, entry.queueIds)) return { refused: `the import's new queues would be more than ${MAX_QUEUES_PER_TENANT} queues in the tenant`, code: 'plan.queuesFull', params: { queue: entry.queueIds[0] ?? '', limit: MAX_QUEUES_PER_TENANT } };
        return { queues: entry.queueIds.length };
      }
      case 'whatif.add': {
        const { k: _k, origin: _o, ...w } = entry;
        const forgotten = this.forgotten(engine.clock.dayOf(w.from).start);
        if (forgotten) return forgotten;
        if (plan.whatIfCount(w.tenant) >= MAX_WHATIFS_PER_TENANT) return whatIfsFull();
        const peak = plan.whatIfPeak(w);
        if (Math.abs(peak) > MAX_WHATIF_AGENTS) return whatIfAgentsPast(peak);
        return plan.addWhatIf(w);
      }
      case 'whatif.remove': {
        const w = plan.whatIf(entry.tenant, entry.id);
        if (w) plan.removeWhatIf(w.tenant, w.id);
        return { removed: !!w };
      }
      case 'alert.fired':
        this.alerts.fired(entry.alert);
        this.onAlertChange?.(entry.alert.tenant);
        return null;
      case 'alert.closed':
        if (this.alerts.closedAt(entry.tenant, entry.id, entry.closedAt, entry.latestValue, entry.peakValue)) this.onAlertChange?.(entry.tenant);
        return null;
      case 'alert.ack': {
        const r = this.alerts.acknowledge(entry.tenant, entry.id, entry.by, entry.at);
        if (r.ok) this.onAlertChange?.(entry.tenant);
        return r;
      }
      case 'start':
        return null;
      case 'command':
        this.onCommand(entry.cmd);
        return null;
      case 'sim.clock':
        this.sim = { seed: entry.seed, start: entry.start, simAt: entry.simAt, wallAt: entry.wallAt, speed: entry.speed, simTo: this.sim?.seed === entry.seed && this.sim.start === entry.start ? this.sim.simTo : 0 };
        return null;
    }
  }

  /**
   * Forgets the plan's days older than the engine keeps (retentionDays), once the engine's day
   * has turned: event time, so every process folding the log forgets at the same entry. Also
   * called after a snapshot is loaded, which may be of a plan that never forgot a day.
   */
  forgetPlanDays(): void {
    const today = this.engine.seenDayStart;
    if (today === this.planDay || !Number.isFinite(today)) return;
    this.planDay = today;
    this.plan.forgetBefore(this.engine.retentionCut(today));
  }

  /**
   * The refusal of a plan change that adds `growth` rows (signed) to the tenant's plan, when that
   * takes it past MAX_PLAN_ROWS_PER_TENANT; null otherwise. A change that does not grow the plan
   * is taken even past it (a plan restored from before the cap may hold more), so it can shrink.
   */
  private rowsFull(tenant: string, growth: number): PlanRefusal | null {
    const rows = this.plan.rowCount(tenant) + growth;
    return growth > 0 && rows > MAX_PLAN_ROWS_PER_TENANT ? planRowsFull(rows) : null;
  }

  /**
   * The refusal of a plan change for the local day starting at `dayStart` (epoch ms) when the
   * plan has forgotten that day; null when it is kept. Accepted, it would be forgotten at the
   * next day turn, and the analyst would find nothing of what was just confirmed.
   */
  private forgotten(dayStart: number): PlanRefusal | null {
    const kept = this.plan.keptFrom;
    if (dayStart >= kept) return null;
    const { clock, config } = this.engine;
    return dayForgotten(clock.dayOf(dayStart).date, clock.dayOf(kept).date, config.retentionDays);
  }
}
