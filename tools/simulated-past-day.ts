/** A past day of the simulated floor as a journal would hold it: its canonical events in [day start, day end). */
import { IntervalClock, type LocalDay } from '../server/domain/intervals.ts';
import { Simulation, type WireEvent } from '../simulator/simulation.ts';

/**
 * The simulated floor's events of local `date`, played from six hours before so the night
 * shift and the first calls are already there, as a real day's journal begins mid-stream.
 */
export function simulatedDay(date: string, seed: number, clock: IntervalClock): { day: LocalDay; events: WireEvent[] } {
  const day = clock.dayOfDate(date)!;
  const sim = new Simulation(seed, clock.timezone, day.start - 6 * 3_600_000);
  sim.advanceTo(day.start - 1);
  const events = sim.advanceTo(day.end - 1).filter((e) => Date.parse(e.ts) >= day.start);
  return { day, events };
}
