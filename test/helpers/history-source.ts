import pino from 'pino';
import type { Engine } from '../../server/domain/engine.ts';
import { historySource } from '../../server/floor/history-source.ts';
import { HistoryService } from '../../server/history/history-service.ts';
import type { HistoryStore } from '../../server/history/types.ts';

/** Starts the history source over `engine` (it writes at once, as a server starting) and stops it. */
export async function startOnce(engine: Engine, store: HistoryStore): Promise<void> {
  const source = historySource(engine, new HistoryService(store, engine.clock, () => 0), pino({ level: 'silent' }));
  await source.start();
  await source.stop();
}
