import { Engine, type EngineConfig } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';

/** Every order of `xs` (n! of them: keep n small). */
export function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * An engine fed `setup`, then `order`, then `later`; with `restartAfter`, the engine is saved
 * and restored through JSON after that event of `order`, as a restart would.
 */
export function runOrder(config: Partial<EngineConfig>, setup: FloorEvent[], order: FloorEvent[], later: FloorEvent[], restartAfter = -1): Engine {
  const make = () => new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
  let engine = make();
  for (const e of setup) engine.apply(e);
  order.forEach((e, i) => {
    engine.apply(e);
    if (i === restartAfter) {
      const restored = make();
      engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
      engine = restored;
    }
  });
  for (const e of later) engine.apply(e);
  return engine;
}
