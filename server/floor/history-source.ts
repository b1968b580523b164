import type { Logger } from 'pino';
import type { Engine } from '../domain/engine.ts';
import { addDays } from '../domain/forecast/daily-history.ts';
import { dayDispositions, rollupInterval } from '../history/engine-rollup.ts';
import type { HistoryService } from '../history/history-service.ts';
import { retentionCutoff } from '../history/types.ts';
import type { Source } from './source.ts';

/** How often (ms) the sources look at the engine clock; a boundary is noticed within this. */
const CHECK_MS = 1000;
/** At most this many closed intervals are written in one check (a fast simulator may pass many). */
const MAX_CATCH_UP = 2 * 96;
const DAY_MS = 86_400_000;

/**
 * Keeps history as intervals close: when the engine clock passes a boundary, the interval
 * just closed and the one before it (calls queued late are answered after the close) are
 * rolled up and upserted; once a day rows older than the retention are pruned. It runs under
 * the `history` lease so one replica writes (the upserts are idempotent anyway).
 */
export function historySource(engine: Engine, history: HistoryService, logger: Logger): Source {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastOpen = 0;
  let lastPrune = -Infinity;
  // The engine counts dispositions per local day; an interval gets what the day gained while it
  // was the last one closed (calls are counted when wrapped, so a reason lands in the interval
  // the call ended in). Kept for the intervals written again.
  const seenDay = new Map<string, Record<string, number>>();
  const attributed = new Map<string, Record<string, number>>();
  let primed = false;

  /** Writes every interval from `from` up to (not including) `openStart`, epoch ms. */
  const write = async (from: number, openStart: number): Promise<void> => {
    const clock = engine.clock;
    const starts: number[] = [];
    for (let s = clock.intervalStart(openStart - 1); s >= from && starts.length < MAX_CATCH_UP; s = clock.intervalStart(s - 1)) starts.unshift(s);
    const newest = starts[starts.length - 1];
    for (const s of starts) {
      const { queues, agents } = rollupInterval(engine, s);
      for (const row of queues) row.dispositions = reasons(row.tenant, row.queueId, s, s === newest && s >= lastOpen);
      await history.store.upsertQueueIntervals(queues);
      await history.store.upsertAgentIntervals(agents);
    }
  };

  /** The dispositions of a queue's interval: on first close the day's growth since the last close; later what was given then. */
  const reasons = (tenant: string, queueId: string, start: number, closing: boolean): Record<string, number> => {
    const k = `${tenant}\u0000${queueId}\u0000${start}`;
    if (!closing) return attributed.get(k) ?? {};
    const dayStart = engine.clock.dayOf(start).start;
    const dayKey = `${tenant}\u0000${queueId}\u0000${dayStart}`;
    const now = dayDispositions(engine, tenant, queueId, dayStart);
    const before = seenDay.get(dayKey) ?? (primed ? {} : undefined);
    seenDay.set(dayKey, now);
    // Without a baseline (just started) the day's earlier reasons cannot be placed: none are given.
    const delta: Record<string, number> = {};
    if (before) for (const [d, n] of Object.entries(now)) if (n - (before[d] ?? 0) > 0) delta[d] = n - (before[d] ?? 0);
    attributed.set(k, delta);
    if (attributed.size > 20_000) for (const old of [...attributed.keys()].slice(0, 10_000)) attributed.delete(old);
    return delta;
  };

  const check = async (): Promise<void> => {
    const now = engine.now;
    if (!now) return;
    const open = engine.clock.intervalStart(now);
    if (open !== lastOpen) {
      // The interval before the last one written is written again: its late answers have landed.
      const from = lastOpen ? engine.clock.intervalStart(engine.clock.intervalStart(lastOpen - 1) - 1) : engine.clock.intervalStart(engine.clock.intervalStart(open - 1) - 1);
      await write(from, open);
      primed = true;
      lastOpen = open;
    }
    if (now - lastPrune >= DAY_MS) {
      const pruned = await history.store.prune(retentionCutoff(now));
      lastPrune = now;
      if (pruned.queueRows + pruned.agentRows > 0) logger.info(pruned, 'history pruned');
    }
  };

  return {
    name: 'history',
    lease: 'history',
    async start() {
      lastOpen = 0;
      primed = false;
      timer = setInterval(() => {
        running = running.then(check).catch((e: Error) => logger.warn({ err: e }, 'history not written'));
      }, CHECK_MS);
      timer.unref();
      running = running.then(check).catch((e: Error) => logger.warn({ err: e }, 'history not written'));
      await running;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

/**
 * Computes the history forecasts of today and tomorrow for every queue ahead of need, in every
 * process (each keeps its own in memory for the intraday view): at start and every minute; a
 * forecast already made is not made again.
 */
export function forecastSource(engine: Engine, history: HistoryService, logger: Logger, everyMs = 60_000): Source {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = async (): Promise<void> => {
    if (!engine.now) return;
    const today = engine.clock.dayOf(engine.now).date;
    for (const q of engine.allQueues()) {
      for (const date of [today, addDays(today, 1)]) await history.forecast(q.config.tenant, q.config.id, date, today);
    }
  };
  const kick = () => {
    running = running.then(run).catch((e: Error) => logger.warn({ err: e }, 'history forecasts not made'));
  };
  return {
    name: 'history-forecasts',
    async start() {
      timer = setInterval(kick, everyMs);
      timer.unref();
      kick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
