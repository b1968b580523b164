import type { Logger } from 'pino';
import type { Engine } from '../domain/engine.ts';
import { addDays } from '../domain/forecast/daily-history.ts';
import { dayDispositions, rollupCampaignHours, rollupInterval } from '../history/engine-rollup.ts';
import type { HistoryService } from '../history/history-service.ts';
import { retentionCutoff, type CampaignHourRollup } from '../history/types.ts';
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
export function historySource(engine: Engine, history: HistoryService, logger: Logger): Source & { start(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastOpen = 0;
  let lastPrune = -Infinity;
  // The engine counts dispositions per local day; an interval gets what the day gained while it
  // was the last one closed (calls are counted when wrapped, so a reason lands in the interval
  // the call ended in). Kept for the intervals written again.
  const seenDay = new Map<string, Record<string, number>>();
  const attributed = new Map<string, Record<string, number>>();
  // Each campaign hour as last written (its row's JSON): only hours that changed are written again.
  let hoursWritten = new Map<string, string>();

  /**
   * Writes the intervals starting at `starts` (epoch ms, oldest first); `only`, when given, picks
   * the tenants written per interval; `held` is what history held before (at start).
   */
  const write = async (starts: readonly number[], only?: (tenant: string, start: number) => boolean, held: Held = NOTHING_HELD): Promise<void> => {
    const newest = starts[starts.length - 1];
    for (const s of starts) {
      const rollup = rollupInterval(engine, s);
      const queues = only ? rollup.queues.filter((r) => only(r.tenant, s)) : rollup.queues;
      const agents = only ? rollup.agents.filter((r) => only(r.tenant, s)) : rollup.agents;
      if (!queues.length && !agents.length) continue;
      for (const row of queues) row.dispositions = reasons(row.tenant, row.queueId, s, s === newest && s >= lastOpen, held);
      await history.store.upsertQueueIntervals(queues);
      await history.store.upsertAgentIntervals(agents);
    }
  };

  /** The dispositions of a queue's interval: on first close the day's growth since the last close; later what was given then. */
  const reasons = (tenant: string, queueId: string, start: number, closing: boolean, held: Held): Record<string, number> => {
    const k = rowKey(tenant, queueId, start);
    if (!closing) return attributed.get(k) ?? held.rows.get(k) ?? {};
    const dayStart = engine.clock.dayOf(start).start;
    const dayKey = rowKey(tenant, queueId, dayStart);
    const now = dayDispositions(engine, tenant, queueId, dayStart);
    const mine = held.rows.get(k) ?? {};
    // First close after a start: what history holds of the day outside this interval is placed;
    // the rest of the day's reasons (gained while no process was writing) land here, so the day
    // adds up to the engine's count and a row written before the restart keeps what it had.
    const before = seenDay.get(dayKey) ?? minus(held.days.get(dayKey) ?? {}, mine);
    seenDay.set(dayKey, now);
    const delta: Record<string, number> = {};
    for (const d of new Set([...Object.keys(now), ...Object.keys(mine)])) {
      const gained = Math.max((now[d] ?? 0) - (before[d] ?? 0), mine[d] ?? 0);
      if (gained > 0) delta[d] = gained;
    }
    attributed.set(k, delta);
    if (attributed.size > 20_000) for (const old of [...attributed.keys()].slice(0, 10_000)) attributed.delete(old);
    return delta;
  };

  /**
   * At start: reads what history holds of the day of the last closed interval, then writes every
   * interval of that day no row of a tenant's queues covers (the server was not running then;
   * the engine has the whole day from its log) for that tenant, and the last two closed for all.
   * Before, only the last two were written, and a client report of the day missed the rest.
   */
  const start = async (open: number): Promise<void> => {
    const clock = engine.clock;
    const lastClosed = clock.intervalStart(open - 1);
    const lastTwo = new Set([lastClosed, clock.intervalStart(lastClosed - 1)]);
    const day = clock.dayOf(lastClosed);
    // From the earlier of the last two: just after midnight it is yesterday's last interval, and
    // written again it keeps its reasons too.
    const readFrom = Math.min(day.start, clock.dayOf(clock.intervalStart(lastClosed - 1)).start);
    const held: Held = { rows: new Map(), days: new Map() };
    attributed.clear();
    const covered = new Map<string, Set<number>>();
    const widened = new Map<string, Set<number>>();
    for (const q of engine.allQueues()) {
      const { tenant, id } = q.config;
      let set = covered.get(tenant);
      if (!set) covered.set(tenant, (set = new Set()));
      let wide = widened.get(tenant);
      if (!wide) widened.set(tenant, (wide = new Set()));
      const sum: Record<string, number> = {};
      for (const row of await history.store.queueIntervals(tenant, id, readFrom, open)) {
        // A row of a longer length (written before the centre changed it) covers each interval
        // inside it: written again, those would hold its calls a second time. One of the last two
        // inside it gets the row's start written too, which replaces the row, so none overlap.
        const end = row.intervalStart + row.intervalMinutes * 60_000;
        for (let s = row.intervalStart; s < end; s = clock.intervalEnd(s)) {
          set.add(s);
          if (s !== row.intervalStart && lastTwo.has(s)) wide.add(row.intervalStart);
        }
        held.rows.set(rowKey(tenant, id, row.intervalStart), row.dispositions);
        if (row.intervalStart >= day.start) for (const [d, n] of Object.entries(row.dispositions)) sum[d] = (sum[d] ?? 0) + n;
      }
      held.days.set(rowKey(tenant, id, day.start), sum);
    }
    // A tenant with no queue has no rows to tell what is missing: it gets the last two, as before.
    const wanted = (tenant: string, s: number) => lastTwo.has(s) || widened.get(tenant)?.has(s) === true || covered.get(tenant)?.has(s) === false;
    // Only intervals some tenant lacks are rolled up: on a big floor each rollup reads every agent.
    const tenants = [...engine.tenants.keys()];
    const starts = [...new Set([...day.starts.filter((s) => s < open), ...lastTwo, ...[...widened.values()].flatMap((w) => [...w])])].filter((s) => tenants.some((t) => wanted(t, s))).sort((a, b) => a - b);
    await write(starts.slice(-MAX_CATCH_UP), wanted, held);
  };

  const check = async (): Promise<void> => {
    const now = engine.now;
    if (!now) return;
    const open = engine.clock.intervalStart(now);
    if (open !== lastOpen) {
      if (lastOpen === 0) await start(open);
      else {
        // The interval before the last one written is written again: its late answers have landed.
        const starts: number[] = [];
        const from = engine.clock.intervalStart(engine.clock.intervalStart(lastOpen - 1) - 1);
        for (let s = engine.clock.intervalStart(open - 1); s >= from && starts.length < MAX_CATCH_UP; s = engine.clock.intervalStart(s - 1)) starts.unshift(s);
        await write(starts);
      }
      // Campaign hours up to the open interval (the open hour as far as its closed intervals go), every close and at start: the client report bills their successes.
      const { changed, signed } = changedHours(rollupCampaignHours(engine, open), hoursWritten);
      if (changed.length) await history.store.upsertCampaignHours(changed);
      hoursWritten = signed;
      lastOpen = open;
    }
    if (now - lastPrune >= DAY_MS) {
      const pruned = await history.store.prune(retentionCutoff(now));
      lastPrune = now;
      if (pruned.queueRows + pruned.agentRows + pruned.campaignRows > 0) logger.info(pruned, 'history pruned');
    }
  };

  return {
    name: 'history',
    lease: 'history',
    async start() {
      lastOpen = 0;
      seenDay.clear();
      // Another process may have written under the lease meanwhile: every hour is written once again.
      hoursWritten = new Map();
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

/**
 * What history held when a process started (`start` reads it): each queue row's reasons, kept
 * when the row is written again, and each queue's sum of the day; later closes follow `seenDay`.
 */
interface Held {
  rows: Map<string, Record<string, number>>;
  days: Map<string, Record<string, number>>;
}
const NOTHING_HELD: Held = { rows: new Map(), days: new Map() };

/**
 * The campaign hours of `hours` whose row differs from the JSON `written` last gave it, and every
 * hour's JSON now (the next `written`: hours the engine no longer holds drop out of it). Only
 * those are upserted: the engine keeps up to retentionDays x 24 hours of every campaign, and
 * writing all of them at every close (one SQLite transaction on the loop) grew with both.
 */
function changedHours(hours: readonly CampaignHourRollup[], written: ReadonlyMap<string, string>): { changed: CampaignHourRollup[]; signed: Map<string, string> } {
  const signed = new Map<string, string>();
  const changed: CampaignHourRollup[] = [];
  for (const h of hours) {
    const key = rowKey(h.tenant, h.campaignId, h.intervalStart);
    const json = JSON.stringify(h);
    signed.set(key, json);
    if (written.get(key) !== json) changed.push(h);
  }
  return { changed, signed };
}

/** The key of a queue's row (or day, or a campaign's hour) in the maps above: tenant, queue and start (epoch ms). */
function rowKey(tenant: string, queueId: string, start: number): string {
  return `${tenant}\u0000${queueId}\u0000${start}`;
}

/** `a` less `b`, per key (what is left of the day's reasons outside one interval). */
function minus(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [d, n] of Object.entries(b)) out[d] = (out[d] ?? 0) - n;
  return out;
}
