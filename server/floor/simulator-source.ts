import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { checkBatch } from '../ingest/ingest-batch.ts';
import { simulatorPlanEntries } from '../ingest/plan-files.ts';
import { SimulatorRunner } from '../../simulator/runner.ts';
import type { Floor } from './floor.ts';
import type { Source } from './source.ts';

/**
 * The bundled simulator as a feed: it runs in the one process holding the `simulator` lease,
 * writes its events and its clock into the log like any source, and after a restart continues
 * the simulation the log says it had reached, so no event is produced twice.
 */
export function simulatorSource(config: Config, wallClock: () => number, logger: Logger): Source & { runner(): SimulatorRunner | null } {
  let runner: SimulatorRunner | null = null;
  let planTimer: NodeJS.Timeout | null = null;
  return {
    name: 'simulator',
    lease: 'simulator',
    runner: () => runner,
    async start(floor: Floor) {
      const { seed, speed } = config.simulator;
      const mark = floor.fold.sim;
      const resume = mark && mark.seed === seed && mark.simTo > 0 ? { start: mark.start, simTo: mark.simTo } : null;
      const r = new SimulatorRunner({
        seed,
        timezone: config.timezone,
        speed,
        wallClock,
        resume,
        sink: async (events, simTo) => {
          const { good, rejected } = checkBatch(events.map((value, index) => ({ index, value })));
          if (rejected.length) logger.error({ first: rejected[0] }, 'simulator produced invalid events');
          await floor.submitEvents(good, simTo);
        },
      });
      runner = r;
      await floor.submit({ k: 'sim.clock', seed, start: r.simStart, simAt: r.simAt, wallAt: r.wallAt, speed });
      r.start();
      await r.flush();
      // The simulated client publishes its forecast and rota: yesterday to tomorrow, and again each new day,
      // only where nobody has planned yet (`gapsOnly`), so an import survives the next start.
      const publish = () =>
        Promise.all(simulatorPlanEntries(r.sim, floor.engine.clock, config.intervalMinutes, r.now()).map((e) => floor.submit(e))).catch((e: Error) =>
          logger.warn({ err: e }, 'simulator plan not published'),
        );
      await publish();
      let lastDay = floor.engine.clock.dayOf(r.now()).date;
      planTimer = setInterval(() => {
        const today = floor.engine.clock.dayOf(r.now()).date;
        if (today !== lastDay) {
          lastDay = today;
          void publish();
        }
      }, 10_000);
      planTimer.unref();
    },
    async stop() {
      runner?.stop();
      if (planTimer) clearInterval(planTimer);
      await runner?.flush();
    },
  };
}
