/**
 * Plays simulated days through the engine and scores wait-time predictors: at each call.queued
 * every predictor answers from the state just before the event, and each answered call's
 * actual wait is compared with what was predicted for it. Used by `npm run ewt-accuracy`.
 */
import { DateTime } from 'luxon';
import { Engine } from '../server/domain/engine.ts';
import { arrivalPosition, completionsNeeded, estimateWait, EWT_METHODS, type EwtMethod, type EwtOptions } from '../server/domain/ewt.ts';
import { QueueHistory } from '../server/domain/ewt-history.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import type { FloorEvent } from '../server/protocol/events.ts';
import { ewtInput } from '../server/views/ewt-input.ts';
import { queueDayRow } from '../server/views/queue-rows.ts';
import { Simulation } from '../simulator/simulation.ts';

export const NAIVE = ['last-10-answered', 'asa-today'] as const;
export type Predictor = EwtMethod | (typeof NAIVE)[number];
export const PREDICTORS: readonly Predictor[] = [...EWT_METHODS, ...NAIVE];

export interface MeasureOptions {
  days: number;
  seed: number;
  timezone: string;
  /** First measured local date (yyyy-mm-dd); the floor starts the evening before. */
  date: string;
  /** Multiplies the simulated arrival rates (1 = the usual floor; 1.3 = a stressed day). */
  load?: number;
  /** Estimator options (the method is varied by the harness itself). */
  ewt?: Partial<Omit<EwtOptions, 'method'>>;
}

/** Absolute errors summed per predictor over the answered calls of one queue. */
export interface QueueScore {
  queue: string;
  answered: number;
  absErrorSeconds: Record<Predictor, number>;
  /** Predicted minus actual, summed: a positive mean says the predictor runs long. */
  signedErrorSeconds: Record<Predictor, number>;
  actualWaitSeconds: number;
}

interface Pending {
  queuedAt: number;
  behind: number;
  measured: boolean;
  predicted: Record<Predictor, number>;
}

const key = (tenant: string, id: string) => `${tenant}/${id}`;

/** Scores every predictor on `days` simulated days; one row per queue (tenant/queue). */
export function measureEwt(opts: MeasureOptions): QueueScore[] {
  const day0 = DateTime.fromISO(opts.date, { zone: opts.timezone });
  if (!day0.isValid) throw new Error(`date: not a valid date "${opts.date.slice(0, 20)}"`);
  const from = day0.toMillis();
  const until = day0.plus({ days: opts.days }).toMillis();
  const sim = new Simulation(opts.seed, opts.timezone, from - 3 * 3_600_000, { arrivalScale: opts.load ?? 1 });
  const engine = new Engine({ timezone: opts.timezone, intervalMinutes: 30 });
  const histories = new Map<string, QueueHistory>();
  const priorities = new Map<string, number>();
  const pending = new Map<string, Pending>();
  const answeredAt = new Map<string, number>();
  const scores = new Map<string, QueueScore>();
  const historyOf = (k: string) => {
    let h = histories.get(k);
    if (!h) histories.set(k, (h = new QueueHistory()));
    return h;
  };

  const onQueued = (ev: FloorEvent & { type: 'call.queued' }) => {
    // Deferred work (email) is answered in hours by deadline: no caller is told a wait.
    if (ev.channel === 'email') return;
    const k = key(ev.tenant, ev.queueId);
    const history = historyOf(k);
    const priority = ev.priority ?? 0;
    const q = engine.queue(ev.tenant, ev.queueId);
    const predicted = {} as Record<Predictor, number>;
    let behind = NaN;
    if (q) {
      const input = ewtInput(engine, q, ev.ts, { priorityOf: (id) => priorities.get(id), history });
      behind = completionsNeeded(input, arrivalPosition(input.waiting, priority));
      for (const method of EWT_METHODS) predicted[method] = estimateWait(input, { priority }, { ...opts.ewt, method }).estimatedWaitSeconds ?? 0;
      predicted['asa-today'] = queueDayRow(engine, q, ev.ts).asaSeconds ?? 0;
    } else {
      for (const p of PREDICTORS) predicted[p] = 0;
    }
    const last10 = history.answeredWaitSeconds(10);
    // A predictor with nothing to go on says "no wait", as an IVR would stay silent.
    predicted['last-10-answered'] = last10.length ? last10.reduce((a, b) => a + b, 0) / last10.length : 0;
    priorities.set(ev.callId, priority);
    pending.set(ev.callId, { queuedAt: ev.ts, behind, measured: ev.ts >= from && ev.ts < until, predicted });
  };

  const onLeft = (ev: FloorEvent & { type: 'call.answered' | 'call.abandoned' | 'call.dequeued' }) => {
    const p = pending.get(ev.callId);
    if (!p) return;
    pending.delete(ev.callId);
    priorities.delete(ev.callId);
    const k = key(ev.tenant, ev.queueId);
    const wait = (ev.ts - p.queuedAt) / 1000;
    const outcome = ev.type === 'call.answered' ? 'answered' : ev.type === 'call.abandoned' ? 'abandoned' : 'flowedOut';
    historyOf(k).recordDeparture(outcome, wait, p.behind);
    if (ev.type !== 'call.answered') return;
    answeredAt.set(ev.callId, ev.ts);
    if (!p.measured) return;
    let s = scores.get(k);
    if (!s) {
      s = emptyScore(k);
      scores.set(k, s);
    }
    s.answered++;
    s.actualWaitSeconds += wait;
    for (const x of PREDICTORS) {
      s.absErrorSeconds[x] += Math.abs(p.predicted[x] - wait);
      s.signedErrorSeconds[x] += p.predicted[x] - wait;
    }
  };

  const queueOfAnswer = new Map<string, string>();
  for (let t = from - 3 * 3_600_000 + 60_000; t <= until + 3_600_000; t += 60_000) {
    for (const wire of sim.advanceTo(t)) {
      const v = validateEvent(wire);
      if (!v.ok) throw new Error(`simulator produced an invalid event: ${v.error}`);
      const ev = v.event;
      if (ev.type === 'call.queued') onQueued(ev);
      else if (ev.type === 'call.answered' || ev.type === 'call.abandoned' || ev.type === 'call.dequeued') {
        onLeft(ev);
        if (ev.type === 'call.answered') queueOfAnswer.set(ev.callId, key(ev.tenant, ev.queueId));
      } else if (ev.type === 'call.wrapped') {
        const at = answeredAt.get(ev.callId);
        const k = queueOfAnswer.get(ev.callId);
        if (at !== undefined && k) historyOf(k).recordHandle((ev.ts - at) / 1000);
        answeredAt.delete(ev.callId);
        queueOfAnswer.delete(ev.callId);
      }
      engine.apply(ev);
    }
  }
  return [...scores.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}

/** All queues' sums in one row. */
export function overall(scores: readonly QueueScore[]): QueueScore {
  const out = emptyScore('overall');
  for (const s of scores) {
    out.answered += s.answered;
    out.actualWaitSeconds += s.actualWaitSeconds;
    for (const x of PREDICTORS) {
      out.absErrorSeconds[x] += s.absErrorSeconds[x];
      out.signedErrorSeconds[x] += s.signedErrorSeconds[x];
    }
  }
  return out;
}

function emptyScore(queue: string): QueueScore {
  const zeros = () => Object.fromEntries(PREDICTORS.map((x) => [x, 0])) as Record<Predictor, number>;
  return { queue, answered: 0, absErrorSeconds: zeros(), signedErrorSeconds: zeros(), actualWaitSeconds: 0 };
}

/** Mean absolute error (seconds) of one predictor in a row. */
export function mae(s: QueueScore, p: Predictor): number {
  return s.answered ? s.absErrorSeconds[p] / s.answered : NaN;
}

/** Mean signed error (seconds, predicted minus actual) of one predictor in a row. */
export function bias(s: QueueScore, p: Predictor): number {
  return s.answered ? s.signedErrorSeconds[p] / s.answered : NaN;
}
