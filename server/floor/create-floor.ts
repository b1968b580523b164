import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { MetricSample } from '../domain/alerts.ts';
import { Engine } from '../domain/engine.ts';
import { MAX_PLAN_DAYS_AHEAD, Plan } from '../domain/plan.ts';
import { forgottenDaysText, planFileEntries, tooFarDaysText } from '../ingest/plan-files.ts';
import type { FloorEvent } from '../protocol/events.ts';
import { Journal } from '../store/journal.ts';
import { openStore } from '../store/store.ts';
import type { Lease, Store } from '../store/store.ts';
import { buildAgents, QUEUES, TENANTS } from '../../simulator/day-model.ts';
import type { SimulatorRunner } from '../../simulator/runner.ts';
import { SURVEY } from '../../simulator/survey-dialler.ts';
import { Floor, type FloorDirectory } from './floor.ts';
import { alertSource } from './alert-source.ts';
import { HistoryService } from '../history/history-service.ts';
import { openHistoryStore } from '../history/open-store.ts';
import { forecastSource, historySource } from './history-source.ts';
import { simulatorSource } from './simulator-source.ts';
import { waitNotifySource } from './wait-notify-source.ts';
import type { Source } from './source.ts';
import { tailSource } from './tail-source.ts';

/** How long a source's lease lives without renewal (ms), and how often a standby asks for it. */
const LEASE_TTL_MS = 10_000;
const LEASE_RETRY_MS = 3_000;

export interface FloorOptions {
  config: Config;
  logger: Logger;
  /** Real time, epoch ms; tests inject their own. */
  wallClock: () => number;
  /** A store to use instead of the one the config names (tests). */
  store?: Store;
  /** Users, displays and tokens, folded from the log's commands. */
  directory?: FloorDirectory;
  /** How often (real ms) alerts are evaluated and wait notifications sent; 1000 by default (tests go faster). */
  notifyEveryMs?: number;
}

export interface FloorRuntime {
  floor: Floor;
  engine: Engine;
  plan: Plan;
  store: Store;
  /** Interval history (SQLite in dataDir, or PostgreSQL), the calendar and the history forecasts. */
  history: HistoryService;
  /** The floor's clock (epoch ms): simulated time when the simulator is configured, else real time. */
  clock(): number;
  /** The simulator, when this process runs it. */
  simulator(): SimulatorRunner | null;
  /** Adds metric samples the floor alone cannot take (tenant-wide adherence exceptions) to each alert evaluation. */
  setAlertSamples(sampler: (engine: Engine) => MetricSample[]): void;
  /** An engine configured like the live one, empty (a replay workspace). */
  makeEngine(): Engine;
  /** Replays the log, then starts the sources whose leases this process gets. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the floor with no HTTP: engine and plan, the store and its log, and the in-process
 * sources (simulator, queue_log tail), each run under a lease so that exactly one process of
 * those sharing the log runs it.
 */
export async function createFloor(opts: FloorOptions): Promise<FloorRuntime> {
  const { config, logger, wallClock } = opts;
  const sim = config.simulator.enabled;
  const makeEngine = () =>
    new Engine({
      timezone: config.timezone,
      intervalMinutes: config.intervalMinutes,
      reorderWindowMs: config.reorderWindowSeconds * 1000,
      retentionDays: config.retentionDays,
      tenants: [...(sim ? TENANTS.map((t) => ({ id: t.id, name: t.name })) : []), ...config.tenants],
      teams: [...(sim ? [...TENANTS.map((t) => ({ tenant: t.id, id: t.team, name: t.teamName })), { tenant: SURVEY.tenant, id: SURVEY.team, name: SURVEY.teamName }] : []), ...config.teams],
      queues: [
        ...(sim ? QUEUES.map((q) => ({ id: q.id, tenant: q.tenant, name: q.name, patienceSeconds: q.patienceMeanSeconds, channel: q.channel, capacity: q.capacity, ...q.targets })) : []),
        ...(sim ? [{ id: SURVEY.campaignId, tenant: SURVEY.tenant, name: SURVEY.name }] : []),
        ...config.queues,
      ],
      agents: [...(sim ? buildAgents().map((a) => ({ id: a.id, tenant: a.tenant, name: a.name, teamId: a.teamId, queues: a.skills })) : []), ...config.agents],
      queueDefaults: config.queueDefaults,
    });
  const engine = makeEngine();
  const plan = new Plan();
  /** An anomaly as a warning, whether an event's own or judged later: the same level and fields. */
  const logAnomaly = (fields: { tenant: string; eventId?: string; type?: string; reason: string }, detail: string): void => logger.warn(fields, `anomaly: ${detail}`);
  const store = opts.store ?? (await openStore({ dataDir: config.dataDir, redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, fsyncIntervalMs: config.fsyncIntervalMs, logger }));
  const journal = config.journalDir ? new Journal(config.journalDir, engine.clock) : null;
  const floor = new Floor(engine, plan, store, logger, {
    onAccepted: journal ? (ev: FloorEvent) => journal.append(ev) : undefined,
    onAnomaly: (ev, reason, detail) => logAnomaly({ tenant: ev.tenant, eventId: ev.id, type: ev.type, reason }, detail),
    // Judged later (never-queued, lost-wait, ...): not the batch's events' own, and often of no known event (id '').
    onLateAnomalies: (anomalies, dropped) => {
      for (const a of anomalies) logAnomaly({ tenant: a.tenant, ...(a.eventId ? { eventId: a.eventId } : {}), reason: a.reason }, a.detail);
      if (dropped) logger.warn({ dropped }, `anomaly: ${dropped} more judged in one batch were counted but not logged`);
    },
  }, opts.directory ?? null);
  const simSource = sim ? simulatorSource(config, wallClock, logger) : null;
  const keepMs = config.retentionDays * 86_400_000;
  /** Snapshots are written by one process (they are shared by all that follow the same log). */
  let snapshotTimer: NodeJS.Timeout | null = null;
  const snapshots: Source = {
    name: 'snapshots',
    lease: 'snapshots',
    async start() {
      snapshotTimer = setInterval(() => {
        floor.saveSnapshot(wallClock(), keepMs).catch((e: Error) => logger.warn({ err: e }, 'snapshot not saved'));
      }, config.snapshotIntervalSeconds * 1000);
      snapshotTimer.unref();
    },
    async stop() {
      // Stopped when the lease is lost too: the process that holds it now writes the snapshots.
      if (snapshotTimer) clearInterval(snapshotTimer);
      snapshotTimer = null;
      if (leases.has(snapshots)) await floor.saveSnapshot(wallClock(), keepMs).catch((e: Error) => logger.warn({ err: e }, 'snapshot not saved at shutdown'));
    },
  };
  let alertSamples: ((engine: Engine) => MetricSample[]) | null = null;
  const extraSamples = (e: Engine) => alertSamples?.(e) ?? [];
  const notifiers = [alertSource({ alerts: config.alerts, timezone: config.timezone, logger, everyMs: opts.notifyEveryMs, extraSamples }), waitNotifySource(config.waitNotifications, logger, opts.notifyEveryMs)].flatMap((s) => s ?? []);
  const history = new HistoryService(await openHistoryStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, schema: config.historySchema }), engine.clock, wallClock);
  const sources: Source[] = [
    snapshots,
    ...(simSource ? [simSource] : []),
    ...(config.queueLogTail ? [tailSource(config.queueLogTail, logger)] : []),
    ...notifiers,
    historySource(engine, history, logger),
    forecastSource(engine, history, logger),
  ];
  const leases = new Map<Source, Lease>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const clock = (): number => {
    const mark = floor.fold.sim;
    if (!sim || !mark) return wallClock();
    return mark.simAt + (wallClock() - mark.wallAt) * mark.speed;
  };

  /** Starts a source once its lease is ours; a standby keeps asking, so it takes over when the holder dies. */
  const runUnderLease = async (source: Source): Promise<void> => {
    if (stopped) return;
    const lease = source.lease ? await store.acquireLease(source.lease, LEASE_TTL_MS).catch(() => null) : null;
    if (source.lease && !lease) {
      const t = setTimeout(() => void runUnderLease(source), LEASE_RETRY_MS);
      t.unref();
      timers.push(t);
      return;
    }
    if (lease) {
      leases.set(source, lease);
      lease.onLost(() => {
        logger.warn({ source: source.name }, 'lease lost: stopping the source until it is ours again');
        leases.delete(source);
        void source.stop().then(() => runUnderLease(source));
      });
    }
    await source.start(floor);
    logger.info({ source: source.name }, 'source started');
  };

  return {
    floor,
    engine,
    plan,
    store,
    history,
    clock,
    simulator: () => simSource?.runner() ?? null,
    setAlertSamples: (sampler) => {
      alertSamples = sampler;
    },
    makeEngine,
    async start() {
      await floor.start(wallClock());
      // Before the plan files: their days are judged by the floor's clock, as an upload's are (routes/plan.ts).
      engine.tick(clock());
      const kept = engine.retentionCut(engine.now);
      const today = engine.clock.dayOf(engine.now).date;
      const files = planFileEntries(config, engine.clock, kept, today);
      for (const { path, dates } of files.forgotten) {
        const oldest = engine.clock.dayOf(kept).date;
        logger.warn({ file: path, dates, oldest, retentionDays: config.retentionDays, code: 'plan.dayForgotten' }, forgottenDaysText(path, dates, oldest, config.retentionDays));
      }
      for (const { path, dates } of files.tooFar) logger.warn({ file: path, dates, today, limit: MAX_PLAN_DAYS_AHEAD, code: 'plan.tooFarAhead' }, tooFarDaysText(path, dates, today));
      for (const r of await Promise.all(files.entries.map((e) => floor.submit(e)))) {
        if (r !== null && 'refused' in r) logger.warn(`plan file: ${r.refused}: that forecast or schedule was not loaded`);
      }
      const ticker = setInterval(() => engine.tick(clock()), 200);
      ticker.unref();
      timers.push(ticker);
      for (const s of sources) await runUnderLease(s);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      // The snapshot source is first: stopped last, it saves the floor as the others left it.
      for (const s of [...sources].reverse()) await s.stop();
      for (const l of leases.values()) await l.release().catch(() => undefined);
      await floor.stop();
      await journal?.close();
      await store.close();
      await history.close();
    },
  };
}
