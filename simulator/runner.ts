import { DateTime } from 'luxon';
import { Simulation, type WireEvent } from './simulation.ts';

export interface RunnerOptions {
  seed: number;
  timezone: string;
  /** Simulated seconds per real second. */
  speed: number;
  /** Real time, epoch ms (injected so tests can drive it). */
  wallClock: () => number;
  /** Receives events in time order, in batches. */
  sink: (events: WireEvent[]) => void;
  /** How often (real ms) the floor is advanced. */
  stepMs?: number;
}

/**
 * Paces a Simulation against real time. On start it plays the day so far at once (from 21:00
 * the evening before, so the night shift is on the floor), then follows the clock at `speed`.
 */
export class SimulatorRunner {
  readonly sim: Simulation;
  private readonly wallStart: number;
  private readonly simStart: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: RunnerOptions) {
    this.wallStart = opts.wallClock();
    this.simStart = this.wallStart;
    const evening = DateTime.fromMillis(this.wallStart, { zone: opts.timezone }).startOf('day').minus({ hours: 3 }).toMillis();
    this.sim = new Simulation(opts.seed, opts.timezone, evening);
  }

  /** Simulated now, epoch ms. */
  now(): number {
    return this.simStart + (this.opts.wallClock() - this.wallStart) * this.opts.speed;
  }

  /** Plays the day up to now, then keeps pace. */
  start(): void {
    this.step();
    this.timer = setInterval(() => this.step(), this.opts.stepMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Advances the floor to now and hands over what happened. */
  step(): void {
    const events = this.sim.advanceTo(this.now());
    for (let i = 0; i < events.length; i += 5000) this.opts.sink(events.slice(i, i + 5000));
  }
}
