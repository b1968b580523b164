import { DateTime } from 'luxon';
import { Simulation, type WireEvent } from './simulation.ts';
import type { SurveyOptions } from './survey-dialler.ts';

/** Where a simulation stood in the log: its start and how far it had produced events (epoch ms). */
export interface SimulatorResume {
  start: number;
  simTo: number;
}

export interface RunnerOptions {
  seed: number;
  timezone: string;
  /** Simulated seconds per real second. */
  speed: number;
  /** Real time, epoch ms (injected so tests can drive it). */
  wallClock: () => number;
  /**
   * Takes events in time order, in batches, and resolves once they are kept; `simTo` (epoch ms)
   * comes with the last batch of a step: everything up to it has been handed over.
   */
  sink: (events: WireEvent[], simTo: number | undefined) => Promise<void>;
  /** How often (real ms) the floor is advanced. */
  stepMs?: number;
  /** Continue this simulation instead of starting a new one. */
  resume?: SimulatorResume | null;
  /** The outbound survey campaign's options (its pre-dial filter); null: no campaign. Default: run it, filter on. */
  survey?: SurveyOptions | null;
}

/** A simulation further behind real time than this (ms) is not continued but started afresh. */
const MAX_CATCH_UP_MS = 36 * 3_600_000;
const BATCH = 5000;

/**
 * Paces a Simulation against real time. A new one plays the day so far at once (from 21:00 the
 * evening before, so the night shift is on the floor), then follows the clock at `speed`. One
 * continued after a restart is rebuilt to where it had got (the same seed gives the same
 * events, so nothing is produced twice) and goes on from there: at speed 1 it catches up
 * with real time, at other speeds it continues from its own time.
 */
export class SimulatorRunner {
  readonly sim: Simulation;
  /** Epoch ms the simulation started at (its identity, with the seed). */
  readonly simStart: number;
  /** The clock: from real time `wallAt` the simulated time runs from `simAt` at `speed`. */
  readonly simAt: number;
  readonly wallAt: number;
  private timer: NodeJS.Timeout | null = null;
  private pending: WireEvent[] = [];
  private pendingTo = 0;
  private flushing: Promise<void> | null = null;

  constructor(private readonly opts: RunnerOptions) {
    this.wallAt = opts.wallClock();
    const resume = opts.resume && this.wallAt - opts.resume.simTo < MAX_CATCH_UP_MS ? opts.resume : null;
    if (resume) {
      this.simStart = resume.start;
      this.sim = new Simulation(opts.seed, opts.timezone, resume.start, { survey: opts.survey === undefined ? {} : opts.survey });
      // Rebuilt silently: these events are in the log already.
      this.sim.advanceTo(resume.simTo);
      this.simAt = opts.speed === 1 ? Math.max(resume.simTo, this.wallAt) : resume.simTo;
    } else {
      this.simStart = DateTime.fromMillis(this.wallAt, { zone: opts.timezone }).startOf('day').minus({ hours: 3 }).toMillis();
      this.sim = new Simulation(opts.seed, opts.timezone, this.simStart, { survey: opts.survey === undefined ? {} : opts.survey });
      this.simAt = this.wallAt;
    }
  }

  /** Simulated now, epoch ms. */
  now(): number {
    return this.simAt + (this.opts.wallClock() - this.wallAt) * this.opts.speed;
  }

  /** Plays up to now, then keeps pace. */
  start(): void {
    this.step();
    this.timer = setInterval(() => this.step(), this.opts.stepMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Advances the floor to now and hands over what happened (kept for a retry if the sink fails). */
  step(): void {
    const to = this.now();
    const events = this.sim.advanceTo(to);
    for (const e of events) this.pending.push(e);
    this.pendingTo = to;
    void this.flush();
  }

  /** Resolves once everything produced so far has been handed over (or the sink failed). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.slice(0, BATCH);
        const last = batch.length === this.pending.length;
        await this.opts.sink(batch, last ? this.pendingTo : undefined);
        this.pending = this.pending.slice(batch.length);
      }
    } catch {
      // The sink could not keep them (the log is down): they stay pending for the next step.
    }
  }
}
