import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { Authenticator } from '../auth/principals.ts';
import type { Config } from '../config/config.ts';
import type { Engine } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import { adherenceRules } from '../domain/adherence.ts';
import { createFloor, type FloorRuntime } from '../floor/create-floor.ts';
import type { Floor } from '../floor/floor.ts';
import { Replay } from '../ingest/replay.ts';
import type { Health } from '../protocol/api.ts';
import { Hub, type FloorServer } from '../realtime/hub.ts';
import { ingestNamespace } from '../realtime/ingest-namespace.ts';
import { ConnectionCap } from '../realtime/connection-cap.ts';
import { PendingConnections } from '../realtime/pending-connections.ts';
import { cutEndedSignIns } from '../realtime/ended-sign-ins.ts';
import { closeAtOnce } from '../realtime/close-at-once.ts';
import { headerTimeouts } from './server-timeouts.ts';
import { closeUnreadBodies } from './close-unread.ts';
import type { Store } from '../store/store.ts';
import { LiveAdherenceCache } from '../views/adherence-cache.ts';
import { adherenceAlertSample } from '../views/alert-samples.ts';
import type { HistoryLookup } from '../views/intraday.ts';
import type { SimulatorRunner } from '../../simulator/runner.ts';
import { closeListener, closeServer } from './close-server.ts';
import { errorHandler, HttpError } from './errors.ts';
import { workspaceParam } from './query.ts';
import { adherenceRouter } from './routes/adherence.ts';
import { alertsRouter } from './routes/alerts.ts';
import { callReasonsRouter } from './routes/call-reasons.ts';
import { campaignsRouter } from './routes/campaigns.ts';
import { ewtRouter } from './routes/ewt.ts';
import { erlangRouter } from './routes/erlang.ts';
import { eventsRouter } from './routes/events.ts';
import { floorRouter } from './routes/floor.ts';
import { historyRouter } from './routes/history.ts';
import { pastDayRouter } from './routes/past-day.ts';
import { reportRouter } from './routes/report.ts';
import { planRouter } from './routes/plan.ts';
import { replayRouter } from './routes/replay.ts';
import { originAllowed, refuseCrossSiteWrites } from './write-guard.ts';
import { Directory } from '../domain/directory.ts';
import type { Command, Submit } from '../protocol/commands.ts';
import { TvFeed } from '../realtime/tv-namespace.ts';
import { displaysRouter } from './routes/displays.ts';
import { sessionRouter } from './routes/session.ts';
import { usersRouter } from './routes/users.ts';
import { tokensRouter } from './routes/tokens.ts';
import { NamesInFlight } from '../auth/names-in-flight.ts';
import { refuseBadNewNames } from '../auth/inbox-names.ts';
import { auditRouter } from './routes/audit.ts';
import { tenantsRouter } from './routes/tenants.ts';
import { auditPlanChanges } from './audit-plan.ts';
import { takeCommands } from '../store/command-file.ts';
import { socketParser } from '../realtime/socket-parser.ts';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../protocol/heartbeat.ts';
import { deflateOptions } from '../realtime/deflate.ts';
import { paceUpgrades, upgradeLine } from '../realtime/upgrade-pacer.ts';
import { watchInbox, type InboxWatch } from '../store/inbox-watch.ts';
import { importWork } from './sliced-import.ts';
import { loopSlicedWork } from '../realtime/sliced.ts';

/** Longest (ms) one turn of the event loop spends computing adherence. */
const ADHERENCE_BUDGET_MS = 4;

/**
 * Connections the kernel may hold before the server accepts them (Linux caps it at
 * net.core.somaxconn, 4096 by default). Node's 511 overflowed when a thousand screens came back
 * at once, and a dropped SYN is retried only after a second: health checks and screens saw 1 s.
 */
const LISTEN_BACKLOG = 4096;

/** Longest (ms) a GET /snapshot body is reused while the floor has not changed (a change no engine revision counts is seen by then). */
const SNAPSHOT_MAX_AGE_MS = 5000;

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** Real time, epoch ms; tests inject their own. */
  wallClock?: () => number;
  /** Built client to serve; defaults to client/dist. */
  clientDir?: string;
  /** A store to use instead of the one the config names (tests). */
  store?: Store;
  /** Users, sessions, displays and tokens; a fresh empty one by default. */
  directory?: Directory;
}

export interface FloorApp {
  app: Express;
  http: HttpServer;
  io: FloorServer;
  runtime: FloorRuntime;
  floor: Floor;
  engine: Engine;
  plan: Plan;
  hub: Hub;
  auth: Authenticator;
  /** The simulator, when this process runs it. */
  simulator(): SimulatorRunner | null;
  /** Replays the log, starts the sources and timers and listens (port 0 picks a free port); resolves to the port. */
  directory: Directory;
  /** Hands a command to the directory (routes call only this). */
  submit: Submit;
  /** Applies a command on this replica: the directory plus side effects (cutting a revoked display). */
  applyCommand(cmd: Command): void;
  tv: TvFeed;
  /** Live sockets per principal over every namespace (MAX_SOCKETS_PER_PRINCIPAL). */
  connections: ConnectionCap;
  /** Connections in no namespace yet, not signed in (MAX_PENDING_CONNECTIONS). */
  pending: PendingConnections;
  listen(port?: number, host?: string): Promise<number>;
  /** The ops port as bound (OPS_PORT 0 picks a free one), once listening; null when none is configured. */
  opsPort(): number | null;
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** The floor (engine, plan, log, sources) plus Express and the hub; nothing runs until listen(). */
export async function createApp(options: AppOptions): Promise<FloorApp> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const wallClock = options.wallClock ?? Date.now;
  const directory = options.directory ?? new Directory();
  // Commands reach the directory only through the log, on every process; side effects (cutting
  // a revoked display's sockets) are set once the sockets exist.
  const effects = { afterApply: (_cmd: Command): void => {} };
  const runtime = await createFloor({
    config,
    logger,
    wallClock,
    store: options.store,
    directory: {
      apply: (cmd) => {
        if (directory.apply(cmd)) effects.afterApply(cmd);
      },
      toJSON: () => directory.toJSON(),
      load: (commands) => directory.load(commands),
    },
  });
  return createHttpServer(runtime, { ...options, logger, wallClock, directory, effects });
}

/** Express routes, the Socket.IO hubs and the HTTP server around a floor. */
export function createHttpServer(
  runtime: FloorRuntime,
  options: AppOptions & { logger: Logger; wallClock: () => number; directory: Directory; effects: { afterApply: (cmd: Command) => void } },
): FloorApp {
  const { config, logger, wallClock, directory } = options;
  const { floor, engine, plan } = runtime;
  const auth = new Authenticator(config.tokens, directory, wallClock);
  options.effects.afterApply = (cmd) => {
    if (cmd.kind === 'display.revoke') tv.revokeDisplay(cmd.id);
    // A revoked token, a disabled person, a changed password or role, a sign-out: their sockets go too.
    if (cmd.kind === 'token.revoke' || cmd.kind === 'user.disable' || cmd.kind === 'user.upsert' || cmd.kind === 'session.close') cutEndedSignIns(io as unknown as Server, auth);
    // Names shown or hidden now: screens holding the other redaction fetch a fresh snapshot.
    if (cmd.kind === 'tenant.settings') hub.rescope(cmd.tenant);
  };
  /** Applies a command here only (tools and tests); routes use `submit`, which goes through the log. */
  const applyCommand = (cmd: Command): void => {
    if (directory.apply(cmd)) options.effects.afterApply(cmd);
  };
  // Logged before it is answered, so it survives restarts and reaches every replica.
  const submit: Submit = async (cmd) => {
    await floor.submit({ k: 'command', cmd });
  };
  // The replay workspace: its own engine and hub (namespace /replay), never the live numbers.
  let replay: Replay | null = null;
  const engineOf = (req: express.Request): Engine => {
    if (workspaceParam(req) === 'live') return engine;
    if (!replay) throw new HttpError(404, 'no replay: start one with POST /api/v1/replay');
    return replayHub.engine;
  };
  const adherence = adherenceRules(config.adherence);
  // Adherence is computed an agent a step, at most ADHERENCE_BUDGET_MS a turn (a tenant of 20,000 agents is about a second of work).
  const adherenceWork = loopSlicedWork(ADHERENCE_BUDGET_MS, (err) => logger.error({ err }, 'adherence step failed'));
  const liveAdherence = new LiveAdherenceCache(plan, adherence, config.reforecast, wallClock, adherenceWork);
  // Adherence exceptions are a tenant-wide alert metric: sampled only for tenants with such a rule.
  const adherenceAlertTenants = [...new Set(config.alerts.rules.filter((r) => r.metric === 'adherenceExceptions').map((r) => r.tenant))];
  if (adherenceAlertTenants.length) runtime.setAlertSamples((e) => adherenceAlertTenants.filter((t) => e.tenants.has(t)).map((t) => adherenceAlertSample(t, liveAdherence.tenant(e, t))));
  const allowedOrigins = new Set(config.allowedOrigins);
  const maxTs = () => Math.max(wallClock(), runtime.clock()) + config.maxFutureSeconds * 1000;
  const historyForecast: HistoryLookup = Object.assign((tenant: string, queueId: string, date: string) => runtime.history.intervalsIfReady(tenant, queueId, date, engine.clock.dayOf(engine.now || wallClock()).date), {
    errorPaths: (tenant: string, queueId: string, date: string) => runtime.history.errorPathsIfReady(tenant, queueId, date),
  });
  const sink = (events: Parameters<Floor['submitEvents']>[0]) => floor.submitEvents(events);

  const app = express();
  app.disable('x-powered-by');
  // A reverse proxy on this machine terminates TLS: believe its X-Forwarded-Proto, so session cookies get Secure.
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  // An answer given before its body arrived closes the connection, so nobody holds it by trickling the rest.
  app.use(closeUnreadBodies);
  const api = express.Router();
  // The runs are caught where they are awaited (sliced-import.ts): nothing reaches this.
  const imports = importWork((err) => logger.error({ err }, 'import step failed'));
  // Health is open to load balancers, so it says how the server is, never what any tenant holds.
  api.get('/health', (_req, res) => {
    const body: Health = {
      status: floor.health(),
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
  const names = new NamesInFlight();
  api.use(usersRouter({ auth, directory, submit, wallClock, names }));
  api.use(tokensRouter({ auth, directory, submit, wallClock, names }));
  api.use(auditRouter({ auth, directory }));
  api.use(tenantsRouter({ auth, directory, submit, knownTenant: (t) => engine.tenants.has(t), wallClock }));
  api.use(auditPlanChanges(submit, wallClock));
  api.use(eventsRouter({ sink, auth, logger, maxBodyBytes: config.maxBodyBytes, maxStreamBytes: config.maxStreamBytes, maxTs, importWork: imports }));
  api.use(floorRouter({ engineOf, auth, snapshotMaxAgeMs: SNAPSHOT_MAX_AGE_MS, importWork: imports }));
  api.use(ewtRouter({ engineOf, auth }));
  api.use(callReasonsRouter({ engineOf, auth, live: engine, store: runtime.history.store }));
  api.use(campaignsRouter({ engineOf, auth }));
  api.use(alertsRouter({ engine, ledger: floor.fold.alerts, submit: (entry) => floor.submit(entry), auth }));
  api.use(erlangRouter(auth));
  api.use(adherenceRouter({ engineOf, plan, auth, rules: adherence, cache: liveAdherence, work: adherenceWork }));
  api.use(
    replayRouter(auth, {
      fileOf: (date) => (config.journalDir ? join(config.journalDir, `${date}.ndjson`) : null),
      start: (date, file, speed) => {
        replay?.stop();
        // Playback is paced in real time, whatever clock the floor itself runs on.
        const r = new Replay(runtime.makeEngine(), file, date, speed);
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
      submit: (entry) => floor.submit(entry),
      auth,
      reforecast: config.reforecast,
      activities: config.activities,
      maxBodyBytes: config.maxBodyBytes,
      maxScheduleReads: config.maxScheduleReads,
      importWork: imports,
      onPlanChange: (queues) => hub.pushIntraday(queues),
      historyForecast,
    }),
  );
  api.use(historyRouter({ engine, plan, history: runtime.history, auth, maxBodyBytes: config.maxBodyBytes, importWork: imports, submit: (entry) => floor.submit(entry) }));
  api.use(pastDayRouter({ engine, auth, journalFile: (date) => (config.journalDir ? join(config.journalDir, `${date}.ndjson`) : null) }));
  api.use(reportRouter({ engine, store: runtime.history.store, auth, resolvedDispositions: config.resolvedDispositions }));
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

  const http = createServer(headerTimeouts(config.httpHeadersTimeoutMs), app);
  // The same routes on a port no screen uses (config.opsPort), so health checks and feeds never queue behind a storm.
  // No socket server listens there: a Socket.IO request gets a plain 404, not the web app's page.
  const opsHttp = createServer(headerTimeouts(config.httpHeadersTimeoutMs), (req, res) => {
    if (req.url?.startsWith('/socket.io/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no sockets on the ops port: use PORT\n');
      return;
    }
    app(req, res);
  });
  // Connections that have not signed in yet: no sign-in's cap counts them, so they have a bound of their own.
  const pending = new PendingConnections(config.maxPendingConnections, config.maxPendingConnectionsPerAddress, config.socketConnectTimeoutMs, logger);
  const io: FloorServer = new Server(http, {
    serveClient: false,
    cors: { origin: false },
    // Snapshot answers are serialised once per room and cycle (PreEncoded), not once per socket;
    // packets nested too deep to parse in one go are refused unparsed.
    parser: socketParser,
    // Liveness on a quiet floor comes from this heartbeat, not from a message to every socket.
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    perMessageDeflate: deflateOptions(config.wsDeflateThreshold),
    // A screen signs in one round trip after its connection opens; one that does not is closed.
    connectTimeout: config.socketConnectTimeoutMs,
    allowRequest: (req, callback) => {
      // Another site's page must not open a socket with a visitor's browser (WebSockets skip CORS).
      if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) return callback(null, false);
      const refusal = pending.admit(req);
      callback(refusal, refusal === null);
    },
  });
  paceUpgrades(http, upgradeLine());
  // One count for every namespace: a principal's sockets on /, /replay, /ingest and /tv together.
  const connections = new ConnectionCap(config.maxSocketsPerPrincipal);
  const hubOptions = { auth, connections, pagesWaitingPerPrincipal: config.maxPagesWaitingPerPrincipal, steps: imports, logger, pushIntervalMs: config.pushIntervalMs, plan, reforecast: config.reforecast, adherence: liveAdherence, wallClock };
  const hub = new Hub({ ...hubOptions, io: io.of('/'), engine, alerts: floor.fold.alerts, historyForecast });
  floor.fold.onAlertChange = (tenant) => hub.pushAlerts(tenant);
  ingestNamespace(io as unknown as Server, sink, auth, connections, logger, () => ({ maxTs: maxTs() }));
  const replayHub = new Hub({ ...hubOptions, io: io.of('/replay'), engine: runtime.makeEngine() });
  const tv = new TvFeed({ io: io as unknown as Server, engine, plan, reforecast: config.reforecast, auth, connections, directory, logger, wallClock });
  pending.watch(io as unknown as Server);
  closeAtOnce(io as unknown as Server);
  let started = wallClock();
  let ticker: NodeJS.Timeout | null = null;
  let signInSweep: NodeJS.Timeout | null = null;
  let inbox: InboxWatch | null = null;

  return {
    app,
    http,
    io,
    runtime,
    floor,
    engine,
    plan,
    hub,
    auth,
    directory,
    submit,
    applyCommand,
    tv,
    connections,
    pending,
    simulator: runtime.simulator,
    async listen(port = config.port, host = config.host) {
      started = wallClock();
      await runtime.start();
      // Commands left by `npm run users` (an inbox file) go into the log once, then the file is set
      // aside: at start (a bad file stops the start, loudly), then every second while running.
      if (config.directoryFile) {
        const submitInbox = refuseBadNewNames(submit, directory.users, () => auth.principalNames(), logger);
        for (const cmd of takeCommands(config.directoryFile)) await submitInbox(cmd);
        inbox = watchInbox(config.directoryFile, submitInbox, logger);
        inbox.start();
      }
      ticker = setInterval(() => {
        const replayNow = replay?.simulatedNow();
        if (replayNow) replayHub.engine.tick(replayNow);
      }, 200);
      ticker.unref();
      // A session ends by expiring too, with no command to cut its sockets: they are looked at now and then.
      signInSweep = setInterval(() => cutEndedSignIns(io as unknown as Server, auth), config.signInSweepSeconds * 1000);
      signInSweep.unref();
      hub.start();
      replayHub.start();
      tv.start();
      if (config.opsPort !== undefined) await listenOn(opsHttp, config.opsPort, host);
      return listenOn(http, port, host);
    },
    opsPort: () => (opsHttp.listening ? (opsHttp.address() as AddressInfo).port : null),
    async close() {
      inbox?.stop();
      replay?.stop();
      hub.stop();
      replayHub.stop();
      tv.stop();
      if (ticker) clearInterval(ticker);
      if (signInSweep) clearInterval(signInSweep);
      await Promise.all([closeServer(io, http), closeListener(opsHttp)]);
      await runtime.stop();
    },
  };
}

/** Listens on `port` (0: a free one) and resolves to the port bound. */
function listenOn(server: HttpServer, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve((server.address() as AddressInfo).port));
  });
}

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
