import { IntervalClock } from '../server/domain/intervals.ts';
import { addDays } from '../server/domain/forecast/daily-history.ts';
import { TAIWAN_HOLIDAYS_2026_2027 } from '../server/domain/forecast/calendar.ts';
import type { QueueIntervalRollup } from '../server/history/types.ts';
import { FloorLogBuilder } from '../server/domain/past-day/floor-log.ts';
import { agentsByInterval } from '../server/views/past-day-whatif.ts';
import { dayVolumeFactor, QUEUES, SIM_CAMPAIGNS, type SimQueue } from './day-model.ts';
import { Simulation, type WireEvent } from './simulation.ts';

export interface HistoryOptions {
  /** Whole weeks of history. */
  weeks: number;
  seed: number;
  timezone: string;
  /** The history ends before this local date (YYYY-MM-DD), i.e. "today". */
  end: string;
  intervalMinutes?: number;
  /** Public holidays (local dates); Taiwan's 2026-2027 list when absent. */
  holidays?: ReadonlySet<string>;
}

/** A call's story so far, kept until it leaves the books. */
interface Ledger {
  queue: SimQueue;
  row: QueueIntervalRollup;
  queuedAt: number;
  answeredAt: number;
  heldAt: number;
  holdMs: number;
  endedAt: number;
}

/** The centre's special days the simulated history is made with (for the forecast's calendar). */
export function simulatedSpecialDays(holidays: ReadonlySet<string> = defaultHolidays()) {
  return [
    ...[...holidays].map((date) => ({ date, kind: 'holiday' as const, name: 'public holiday' })),
    ...SIM_CAMPAIGNS.map((c) => ({ date: c.date, kind: 'campaign' as const, name: c.name, queueIds: c.queueIds })),
  ];
}

function defaultHolidays(): Set<string> {
  return new Set(TAIWAN_HOLIDAYS_2026_2027.map((h) => h.date));
}

/**
 * `weeks` weeks of the simulated floor before `end`, with weekday season, trend, holidays
 * and campaigns, as queue interval rollups made straight from the simulated calls (no
 * engine, no events kept): every queue gets a row for every interval, quiet ones included.
 * Calls are counted in the interval they were queued in, as docs/metrics.md defines. Each row
 * also gets the queue's staffed agents: the agents logged in and not in aux, a k-skilled agent
 * 1/k, as the live engine records them.
 */
export function simulateHistory(o: HistoryOptions): QueueIntervalRollup[] {
  const clock = new IntervalClock(o.timezone, o.intervalMinutes ?? 30);
  const holidays = o.holidays ?? defaultHolidays();
  const first = addDays(o.end, -7 * o.weeks);
  const start = clock.dayOfDate(first)!.start;
  const endMs = clock.dayOfDate(o.end)!.start;
  const sim = new Simulation(o.seed, o.timezone, start, { dayFactor: (q, date) => dayVolumeFactor(q, date, holidays) });
  const rows = new Map<string, QueueIntervalRollup>();
  const out: QueueIntervalRollup[] = [];
  for (let date = first; date < o.end; date = addDays(date, 1)) {
    for (const s of clock.dayOfDate(date)!.starts) {
      for (const q of QUEUES) {
        const row = emptyRow(q, s, clock.intervalMinutes);
        rows.set(`${q.id}\u0000${s}`, row);
        out.push(row);
      }
    }
  }
  const byId = new Map(QUEUES.map((q) => [q.id, q]));
  const calls = new Map<string, Ledger>();
  const agents = new Map<string, FloorLogBuilder>();
  // A day at a time keeps the event array small; two hours past the end settle the last calls.
  for (let t = start + 86_400_000; ; t += 86_400_000) {
    const until = Math.min(t, endMs + 2 * 3_600_000);
    for (const e of sim.advanceTo(until)) {
      if (e.type.startsWith('agent.')) {
        let b = agents.get(e.tenant);
        if (!b) agents.set(e.tenant, (b = new FloorLogBuilder(start)));
        b.add(e);
      }
      record(e, calls, rows, byId, clock);
    }
    if (until >= endMs + 2 * 3_600_000) break;
  }
  const logs = new Map([...agents].map(([tenant, b]) => [tenant, b.build(endMs)]));
  for (let date = first; date < o.end; date = addDays(date, 1)) {
    const day = clock.dayOfDate(date)!;
    for (const q of QUEUES) {
      const staff = agentsByInterval(logs.get(q.tenant)?.agents ?? [], q.id, day, clock.lengthMs);
      day.starts.forEach((s, i) => (rows.get(`${q.id}\u0000${s}`)!.staffedAgents = staff[i]));
    }
  }
  return out;
}

function emptyRow(q: SimQueue, intervalStart: number, intervalMinutes: number): QueueIntervalRollup {
  return {
    tenant: q.tenant,
    queueId: q.id,
    intervalStart,
    intervalMinutes,
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    flowedOut: 0,
    answeredInSL: 0,
    abandonedInSL: 0,
    handled: 0,
    waitSecondsAnswered: 0,
    talkSeconds: 0,
    holdSeconds: 0,
    acwSeconds: 0,
    maxWaitSeconds: 0,
    dispositions: {},
  };
}

const SHORT_ABANDON_SECONDS = 5;

function record(e: WireEvent, calls: Map<string, Ledger>, rows: Map<string, QueueIntervalRollup>, byId: Map<string, SimQueue>, clock: IntervalClock): void {
  if (!e.type.startsWith('call.')) return;
  const ts = Date.parse(e.ts);
  const callId = e.callId as string;
  if (e.type === 'call.queued') {
    const row = rows.get(`${e.queueId as string}\u0000${clock.intervalStart(ts)}`);
    // Calls queued after the end (while settling) are not history.
    if (row) {
      row.offered++;
      calls.set(callId, { queue: byId.get(e.queueId as string)!, row, queuedAt: ts, answeredAt: NaN, heldAt: NaN, holdMs: 0, endedAt: NaN });
    }
    return;
  }
  const c = calls.get(callId);
  if (!c) return;
  const r = c.row;
  const threshold = c.queue.targets?.slThresholdSeconds ?? 20;
  const wait = (ts - c.queuedAt) / 1000;
  switch (e.type) {
    case 'call.answered':
      c.answeredAt = ts;
      r.answered++;
      r.waitSecondsAnswered += wait;
      if (wait <= threshold) r.answeredInSL++;
      r.maxWaitSeconds = Math.max(r.maxWaitSeconds, wait);
      return;
    case 'call.abandoned':
    case 'call.dequeued':
      if (e.type === 'call.abandoned') {
        r.abandoned++;
        if (wait < SHORT_ABANDON_SECONDS) r.shortAbandoned++;
        if (wait <= threshold) r.abandonedInSL++;
      } else r.flowedOut++;
      r.maxWaitSeconds = Math.max(r.maxWaitSeconds, wait);
      calls.delete(callId);
      return;
    case 'call.held':
      c.heldAt = ts;
      return;
    case 'call.retrieved':
      c.holdMs += ts - c.heldAt;
      return;
    case 'call.ended':
      c.endedAt = ts;
      return;
    case 'call.wrapped': {
      r.handled++;
      r.holdSeconds += c.holdMs / 1000;
      r.talkSeconds += (c.endedAt - c.answeredAt - c.holdMs) / 1000;
      r.acwSeconds += (ts - c.endedAt) / 1000;
      const d = e.disposition as string | undefined;
      if (d) r.dispositions[d] = (r.dispositions[d] ?? 0) + 1;
      calls.delete(callId);
      return;
    }
  }
}
