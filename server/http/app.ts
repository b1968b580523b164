import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { Authenticator } from '../auth/principals.ts';
import type { Config } from '../config/config.ts';
import { Engine } from '../domain/engine.ts';
import { ingestBatch } from '../ingest/ingest-batch.ts';
import type { Health } from '../protocol/api.ts';
import { Hub, type FloorServer } from '../realtime/hub.ts';
import { SimulatorRunner } from '../../simulator/runner.ts';
import { buildAgents, QUEUES, TENANTS } from '../../simulator/day-model.ts';
import { Plan } from '../domain/plan.ts';
import { loadPlanFiles, publishSimulatorPlan } from '../ingest/plan-files.ts';
import { erlangRouter } from './routes/erlang.ts';
import { replayRouter } from './routes/replay.ts';
import { ingestNamespace } from '../realtime/ingest-namespace.ts';
import { Replay } from '../ingest/replay.ts';
import { Journal } from '../store/journal.ts';
import type { FloorEvent } from '../protocol/events.ts';
import { HttpError } from './errors.ts';
import { FileTail } from '../ingest/file-tail.ts';
import { QueueLogTranslator } from '../ingest/queue-log.ts';
import { translatedItems } from '../ingest/ingest-stream.ts';
import { adherenceRouter } from './routes/adherence.ts';
import { adherenceRules } from '../domain/adherence.ts';
import { LiveAdherenceCache } from '../views/adherence-cache.ts';
import { originAllowed, refuseCrossSiteWrites } from './write-guard.ts';
import { planRouter } from './routes/plan.ts';
import { errorHandler } from './errors.ts';
import { eventsRouter } from './routes/events.ts';
import { floorRouter } from './routes/floor.ts';
import { Directory } from '../domain/directory.ts';
import type { Command, Submit } from '../protocol/commands.ts';
import { TvFeed } from '../realtime/tv-namespace.ts';
import { displaysRouter } from './routes/displays.ts';
import { sessionRouter } from './routes/session.ts';
import { usersRouter } from './routes/users.ts';
import { tokensRouter } from './routes/tokens.ts';
import { auditRouter } from './routes/audit.ts';
import { auditPlanChanges } from './audit-plan.ts';
import { appendCommand, readCommands } from '../store/command-file.ts';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** Real time, epoch ms; tests inject their own. */
  wallClock?: () => number;
  /** Built client to serve; defaults to client/dist. */
  clientDir?: string;
  /** Users, sessions, displays and tokens; a fresh empty one by default. */
  directory?: Directory;
}

export interface FloorApp {
  app: Express;
  http: HttpServer;
  io: FloorServer;
  engine: Engine;
  plan: Plan;
  hub: Hub;
  auth: Authenticator;
  directory: Directory;
  /** Hands a command to the directory (routes call only this); the durable log replaces it. */
  submit: Submit;
  /** Applies a command on this replica: the directory plus side effects (cutting a revoked display). */
  applyCommand(cmd: Command): void;
  tv: TvFeed;
  simulator: SimulatorRunner | null;
  /** Starts listening (port 0 picks a free port) and the timers; resolves to the port. */
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** Wires config, engine, simulator, hub and HTTP routes into one server; nothing runs until listen(). */
export function createApp(options: AppOptions): FloorApp {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const wallClock = options.wallClock ?? Date.now;
  const sim = config.simulator.enabled;

  const makeEngine = () => new Engine({
    timezone: config.timezone,
    intervalMinutes: config.intervalMinutes,
    reorderWindowMs: config.reorderWindowSeconds * 1000,
    retentionDays: config.retentionDays,
    tenants: [...(sim ? TENANTS.map((t) => ({ id: t.id, name: t.name })) : []), ...config.tenants],
    queues: [
      ...(sim ? QUEUES.map((q) => ({ id: q.id, tenant: q.tenant, name: q.name, patienceSeconds: q.patienceMeanSeconds, ...q.targets })) : []),
      ...config.queues,
    ],
    agents: [...(sim ? buildAgents().map((a) => ({ id: a.id, tenant: a.tenant, name: a.name, teamId: a.teamId, queues: a.skills })) : []), ...config.agents],
    queueDefaults: config.queueDefaults,
  });
  const engine = makeEngine();
  const directory = options.directory ?? new Directory();
  const directoryFile = config.directoryFile;
  if (directoryFile && !options.directory) for (const cmd of readCommands(directoryFile)) directory.apply(cmd);
  const auth = new Authenticator(config.tokens, directory, wallClock);
  const applyCommand = (cmd: Command): void => {
    if (directory.apply(cmd) && cmd.kind === 'display.revoke') tv.revokeDisplay(cmd.id);
  };
  // For now a command is applied at once, in this process only; the durable log will call
  // applyCommand on every replica instead.
  const submit: Submit = async (cmd) => {
    if (directoryFile) appendCommand(directoryFile, cmd);
    applyCommand(cmd);
  };
  const journal = config.journalDir ? new Journal(config.journalDir, engine.clock) : null;
  const onAccepted = journal ? (ev: FloorEvent) => journal.append(ev) : undefined;
  // The replay workspace: its own engine and hub (namespace /replay), never the live numbers.
  let replay: Replay | null = null;
  const engineOf = (req: express.Request): Engine => {
    const w = req.query.workspace;
    if (w === undefined || w === 'live') return engine;
    if (w !== 'replay') throw new HttpError(400, 'workspace: live or replay');
    if (!replay) throw new HttpError(404, 'no replay: start one with POST /api/v1/replay');
    return replayHub.engine;
  };
  const plan = new Plan();
  const adherence = adherenceRules(config.adherence);
  const liveAdherence = new LiveAdherenceCache(plan, adherence, config.reforecast, wallClock);
  const allowedOrigins = new Set(config.allowedOrigins);
  loadPlanFiles(config, engine, plan, logger);

  let simulator: SimulatorRunner | null = null;
  if (sim) {
    simulator = new SimulatorRunner({
      seed: config.simulator.seed,
      timezone: config.timezone,
      speed: config.simulator.speed,
      wallClock,
      // The simulator goes through the same validation as any feed: it is just another source.
      sink: (events) => {
        const result = ingestBatch(engine, events.map((value, index) => ({ index, value })), { onAccepted });
        if (result.rejected.length) logger.error({ first: result.rejected[0] }, 'simulator produced invalid events');
      },
    });
  }
  /** The floor's clock: simulated time when the simulator runs, else real time. */
  const floorClock = simulator ? () => simulator.now() : wallClock;

  const app = express();
  app.disable('x-powered-by');
  // A reverse proxy on this machine terminates TLS: believe its X-Forwarded-Proto, so session cookies get Secure.
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  const api = express.Router();
  // Health is open to load balancers, so it says how the server is, never what any tenant holds.
  api.get('/health', (_req, res) => {
    const body: Health = {
      status: 'ok',
      uptimeSeconds: Math.round((wallClock() - started) / 1000),
      engineNow: engine.now ? engine.clock.iso(engine.now) : null,
      openMode: auth.open,
    };
    res.json(body);
  });
  api.use(refuseCrossSiteWrites(allowedOrigins));
  // People and displays first: the floor router below asks every request it sees to be a reader.
  api.use(displaysRouter({ auth, directory, submit, knownTenant: (t) => engine.tenants.has(t), wallClock }));
  api.use(sessionRouter({ auth, directory, submit, wallClock }));
  api.use(usersRouter({ auth, directory, submit, wallClock }));
  api.use(tokensRouter({ auth, directory, submit, wallClock }));
  api.use(auditRouter({ auth, directory }));
  api.use(auditPlanChanges(submit, wallClock));
  api.use(
    eventsRouter({
      engine,
      auth,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      maxStreamBytes: config.maxStreamBytes,
      maxTs: () => Math.max(wallClock(), floorClock()) + config.maxFutureSeconds * 1000,
      onAccepted,
    }),
  );
  api.use(floorRouter({ engineOf, auth }));
  api.use(erlangRouter(auth));
  api.use(adherenceRouter({ engineOf, plan, auth, rules: adherence, live: (e, tenants) => liveAdherence.tenants(e, tenants) }));
  api.use(
    replayRouter(auth, {
      fileOf: (date) => journal?.pathOf(date) ?? null,
      start: (date, file, speed) => {
        replay?.stop();
        // Playback is paced in real time, whatever clock the floor itself runs on.
        const r = new Replay(makeEngine(), file, date, speed);
        replay = r;
        replayHub.setEngine(r.engine);
        void r.run().then((status) => logger.info({ status }, 'replay finished'));
        return r.status;
      },
      stop: () => {
        replay?.stop();
        return replay?.status ?? null;
      },
      status: () => replay?.status ?? null,
    }),
  );
  api.use(
    planRouter({
      engine,
      engineOf,
      plan,
      auth,
      reforecast: config.reforecast,
      activities: config.activities,
      maxBodyBytes: config.maxBodyBytes,
      onPlanChange: (queues) => hub.pushIntraday(queues),
    }),
  );
  api.use((req, res) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.baseUrl}${req.path}` });
  });
  app.use('/api/v1', api);

  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR;
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    app.get('/{*path}', (_req, res) => res.sendFile('index.html', { root: clientDir, headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get('/', (_req, res) => res.status(503).type('text').send('The wallboard is not built: run `npm run build`.'));
  }
  app.use(errorHandler(logger, config.maxBodyBytes));

  const http = createServer(app);
  const io: FloorServer = new Server(http, {
    serveClient: false,
    cors: { origin: false },
    // Another site's page must not open a socket with a visitor's browser (WebSockets skip CORS).
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, req.headers.host, allowedOrigins)),
  });
  const hubOptions = { auth, logger, pushIntervalMs: config.pushIntervalMs, plan, reforecast: config.reforecast, adherence: liveAdherence, wallClock };
  const hub = new Hub({ ...hubOptions, io: io.of('/'), engine });
  ingestNamespace(io as unknown as Server, engine, auth, logger, () => ({ maxTs: Math.max(wallClock(), floorClock()) + config.maxFutureSeconds * 1000, onAccepted }));
  const replayHub = new Hub({ ...hubOptions, io: io.of('/replay'), engine: makeEngine() });
  const tv = new TvFeed({ io: io as unknown as Server, engine, plan, reforecast: config.reforecast, auth, directory, logger, wallClock });
  // A growing queue_log followed in-process. The server's memory starts empty, so the file is
  // read from its beginning on every start; repeated lines are harmless (event ids repeat).
  let tail: FileTail | null = null;
  if (config.queueLogTail) {
    const t = config.queueLogTail;
    const translator = new QueueLogTranslator(t.tenant, 'tail');
    tail = new FileTail(t.path, {
      onLines: (lines) => {
        const items = lines.flatMap((l, i) => (l.error ? [{ index: i, line: l.lineNo, error: l.error }] : translatedItems(l, i, translator.line(l.line, l.lineNo))));
        const result = ingestBatch(engine, items, { onAccepted, onAnomaly: (ev, reason, detail) => logger.warn({ eventId: ev.id, reason }, `anomaly: ${detail}`) });
        for (const r of result.rejected) logger.warn({ path: t.path, line: r.line }, `queue_log: ${r.error}`);
      },
      onError: (e) => logger.error({ err: e, path: t.path }, 'queue_log tail failed'),
    });
  }
  let started = wallClock();
  let ticker: NodeJS.Timeout | null = null;
  let planTimer: NodeJS.Timeout | null = null;

  return {
    app,
    http,
    io,
    engine,
    plan,
    hub,
    auth,
    directory,
    submit,
    applyCommand,
    tv,
    simulator,
    listen(port = config.port, host = config.host) {
      started = wallClock();
      simulator?.start();
      engine.tick(floorClock());
      if (simulator) {
        // The simulated client publishes its forecast and rota: yesterday to tomorrow, and again each new day.
        const publish = () => publishSimulatorPlan(simulator.sim, engine, plan, config.intervalMinutes);
        publish();
        let lastDay = engine.clock.dayOf(engine.now).date;
        planTimer = setInterval(() => {
          const today = engine.clock.dayOf(engine.now).date;
          if (today !== lastDay) {
            lastDay = today;
            publish();
          }
        }, 10_000);
        planTimer.unref();
      }
      ticker = setInterval(() => {
        engine.tick(floorClock());
        const replayNow = replay?.simulatedNow();
        if (replayNow) replayHub.engine.tick(replayNow);
      }, 200);
      ticker.unref();
      hub.start();
      replayHub.start();
      tv.start();
      tail?.start();
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    async close() {
      simulator?.stop();
      tail?.stop();
      replay?.stop();
      hub.stop();
      replayHub.stop();
      tv.stop();
      await journal?.close();
      if (ticker) clearInterval(ticker);
      if (planTimer) clearInterval(planTimer);
      await io.close();
      await new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
    },
  };
}

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
