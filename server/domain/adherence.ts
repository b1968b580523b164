import { ACW, AUX, AVAILABLE, HOLD, TALKING, stateName, type AgentTimeline } from './agent-timeline.ts';
import type { ScheduleSegment } from './plan.ts';

/** Which actual states adhere to each scheduled activity, and how long a mismatch may last. */
export interface AdherenceRules {
  /** A mismatch no longer than this is ignored; a longer one counts in full (ms). */
  graceMs: number;
  /** An exception longer than this is an alert rather than a warning (ms). */
  severeMs: number;
  /** activity -> allowed state keys: 'available', 'talking', 'hold', 'acw', 'offline', 'aux:<reason>'. */
  allowed: Map<string, Set<string>>;
  /** Activities not paid (left out of shrinkage's paid time). */
  unpaid: Set<string>;
}

export interface AdherenceSettings {
  graceSeconds: number;
  severeSeconds: number;
  /** activity -> states that adhere ('aux:break' for aux with reason break). */
  rules: Record<string, string[]>;
  /** Groups of activities that may stand in for each other (break and lunch, say). */
  equivalences: string[][];
  unpaidActivities: string[];
}

export const WORKING_STATES = ['available', 'talking', 'hold', 'acw'];

export const ADHERENCE_DEFAULTS: AdherenceSettings = {
  graceSeconds: 60,
  severeSeconds: 300,
  rules: {
    phone: WORKING_STATES,
    break: ['aux:break'],
    lunch: ['aux:lunch'],
    meeting: ['aux:meeting'],
    training: ['aux:training'],
    coaching: ['aux:coaching'],
    offline: ['offline'],
  },
  equivalences: [],
  unpaidActivities: ['lunch'],
};

/** Rules from settings, with equivalent activities sharing their allowed states. */
export function adherenceRules(s: AdherenceSettings): AdherenceRules {
  const allowed = new Map<string, Set<string>>();
  for (const [activity, states] of Object.entries(s.rules)) allowed.set(activity, new Set(states));
  for (const group of s.equivalences) {
    const union = new Set(group.flatMap((a) => [...(allowed.get(a) ?? [])]));
    for (const a of group) allowed.set(a, union);
  }
  return { graceMs: s.graceSeconds * 1000, severeMs: s.severeSeconds * 1000, allowed, unpaid: new Set(s.unpaidActivities) };
}

/** The key an actual state is matched by: 'aux:break', 'talking', ... */
export function stateKey(state: number, reason: string | null): string {
  return state === AUX ? `aux:${reason ?? ''}` : stateName(state);
}

const WORKING = new Set([AVAILABLE, TALKING, HOLD, ACW]);

/** A stretch of time with one scheduled activity and one actual state. */
export interface Piece {
  start: number;
  end: number;
  /** Scheduled activity; 'offline' outside any segment. */
  scheduled: string;
  /** Inside a scheduled segment (not the implicit offline around a shift). */
  inSchedule: boolean;
  state: number;
  reason: string | null;
  adherent: boolean;
}

export interface Exception {
  start: number;
  end: number;
  /** Scheduled activities during the exception, in order ('phone', or 'lunch → phone'). */
  scheduled: string;
  /** Actual states during it ('aux:personal', 'offline'). */
  actual: string;
  ms: number;
  /** Still going on at the engine clock. */
  open: boolean;
}

export interface AdherenceTotals {
  /** Time in scheduled segments other than offline. */
  scheduledMs: number;
  /** Time counted against adherence (exceptions, inside or outside the schedule). */
  exceptionMs: number;
  /** Exception time inside scheduled segments. */
  exceptionInScheduleMs: number;
  phoneMs: number;
  /** Logged in and in a working state (available, talking, hold, acw), anywhere. */
  workingMs: number;
  /** Scheduled paid time (segments other than offline and unpaid activities). */
  paidMs: number;
  /** Working-state time inside paid segments. */
  paidWorkingMs: number;
}

export const emptyTotals = (): AdherenceTotals => ({ scheduledMs: 0, exceptionMs: 0, exceptionInScheduleMs: 0, phoneMs: 0, workingMs: 0, paidMs: 0, paidWorkingMs: 0 });

export function addTotals(into: AdherenceTotals, t: AdherenceTotals): void {
  into.scheduledMs += t.scheduledMs;
  into.exceptionMs += t.exceptionMs;
  into.exceptionInScheduleMs += t.exceptionInScheduleMs;
  into.phoneMs += t.phoneMs;
  into.workingMs += t.workingMs;
  into.paidMs += t.paidMs;
  into.paidWorkingMs += t.paidWorkingMs;
}

export interface AgentAdherence {
  pieces: Piece[];
  exceptions: Exception[];
  totals: AdherenceTotals;
  /** Totals per interval, for interval starts given. */
  intervals: AdherenceTotals[];
}

/**
 * An agent's adherence over [from, to) up to `now` (epoch ms): the day cut into pieces of one
 * scheduled activity and one actual state (split at interval boundaries too), mismatching
 * pieces joined into continuous runs, and runs longer than the grace counted in full.
 */
export function agentAdherence(
  timeline: AgentTimeline,
  segments: ScheduleSegment[],
  from: number,
  to: number,
  now: number,
  rules: AdherenceRules,
  intervalStarts: number[] = [],
  intervalMs = Infinity,
): AgentAdherence {
  const end = Math.min(to, now);
  const sorted = [...segments].filter((s) => s.end > from && s.start < end).sort((a, b) => a.start - b.start);
  const cuts = new Set<number>();
  for (const s of sorted) {
    if (s.start > from && s.start < end) cuts.add(s.start);
    if (s.end > from && s.end < end) cuts.add(s.end);
  }
  for (const t of intervalStarts) if (t > from && t < end) cuts.add(t);
  const cutList = [...cuts].sort((a, b) => a - b);

  const pieces: Piece[] = [];
  let seg = 0;
  timeline.forEachSegment(from, to, now, (actual) => {
    let t = actual.start;
    for (const cut of cutList) {
      if (cut <= t || cut >= actual.end) continue;
      pieces.push(piece(t, cut));
      t = cut;
    }
    pieces.push(piece(t, actual.end));

    function piece(start: number, pieceEnd: number): Piece {
      while (seg < sorted.length && sorted[seg].end <= start) seg++;
      const s = seg < sorted.length && sorted[seg].start <= start ? sorted[seg] : null;
      const scheduled = s ? s.activity : 'offline';
      const allowed = rules.allowed.get(scheduled);
      const key = stateKey(actual.state, actual.reason);
      // An activity without a rule is matched by its own aux reason.
      const adherent = allowed ? allowed.has(key) : key === `aux:${scheduled}`;
      return { start, end: pieceEnd, scheduled, inSchedule: s !== null, state: actual.state, reason: actual.reason, adherent };
    }
  });

  // Continuous mismatches; those longer than the grace are exceptions in full.
  const inException = new Array<boolean>(pieces.length).fill(false);
  const exceptions: Exception[] = [];
  for (let i = 0; i < pieces.length; ) {
    if (pieces[i].adherent) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < pieces.length && !pieces[j + 1].adherent && pieces[j + 1].start === pieces[j].end) j++;
    const ms = pieces[j].end - pieces[i].start;
    if (ms > rules.graceMs) {
      for (let k = i; k <= j; k++) inException[k] = true;
      const run = pieces.slice(i, j + 1);
      exceptions.push({
        start: pieces[i].start,
        end: pieces[j].end,
        scheduled: distinct(run.map((p) => p.scheduled)),
        actual: distinct(run.map((p) => stateKey(p.state, p.reason))),
        ms,
        open: pieces[j].end >= now,
      });
    }
    i = j + 1;
  }

  const totals = emptyTotals();
  const intervals = intervalStarts.map(() => emptyTotals());
  pieces.forEach((p, i) => {
    const ms = p.end - p.start;
    const k = intervalStarts.length ? Math.floor((p.start - intervalStarts[0]) / intervalMs) : -1;
    for (const t of k >= 0 && k < intervals.length ? [totals, intervals[k]] : [totals]) {
      const working = WORKING.has(p.state);
      const scheduled = p.inSchedule && p.scheduled !== 'offline';
      const paid = scheduled && !rules.unpaid.has(p.scheduled);
      if (scheduled) t.scheduledMs += ms;
      if (inException[i]) t.exceptionMs += ms;
      if (inException[i] && scheduled) t.exceptionInScheduleMs += ms;
      if (p.scheduled === 'phone' && p.inSchedule) t.phoneMs += ms;
      if (working) t.workingMs += ms;
      if (paid) t.paidMs += ms;
      if (paid && working) t.paidWorkingMs += ms;
    }
  });
  return { pieces, exceptions, totals, intervals };
}

/** Ratios of totals; null where nothing was scheduled. */
export function ratios(t: AdherenceTotals): { adherence: number | null; conformance: number | null; plannedShrinkage: number | null; actualShrinkage: number | null } {
  return {
    adherence: t.scheduledMs > 0 ? Math.max(0, 1 - t.exceptionMs / t.scheduledMs) : null,
    conformance: t.phoneMs > 0 ? t.workingMs / t.phoneMs : null,
    plannedShrinkage: t.paidMs > 0 ? (t.paidMs - t.phoneMs) / t.paidMs : null,
    actualShrinkage: t.paidMs > 0 ? (t.paidMs - t.paidWorkingMs) / t.paidMs : null,
  };
}

function distinct(xs: string[]): string {
  const out: string[] = [];
  for (const x of xs) if (out[out.length - 1] !== x) out.push(x);
  return out.join(' → ');
}

