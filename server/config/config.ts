import { existsSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { QUEUE_KINDS } from '../protocol/backlog.ts';
import { SL_FORMULAS, type TeamName } from '../protocol/metrics.ts';
import { OPEN_MODE_NAME } from '../protocol/people.ts';
import { scopedKey } from '../protocol/keys.ts';
import { CHANNELS, MAX_CHANNEL_CAPACITY } from '../protocol/events.ts';
import { QUEUE_DEFAULTS } from '../domain/queue-config.ts';
import { DEFAULT_ACTIVITIES } from '../domain/plan.ts';
import { ADHERENCE_DEFAULTS, type AdherenceSettings } from '../domain/adherence.ts';
import { REFORECAST_DEFAULTS, type ReforecastParams } from '../domain/reforecast.ts';
import { issueList } from '../validation/zod-issues.ts';
import { alertsConfig, alertsFileSchema, waitNotificationSchema, waitNotificationTargets, type AlertsConfig, type WaitNotificationTarget } from './notify-config.ts';

const zone = z.string().refine((s) => DateTime.local().setZone(s).isValid, { message: 'is not an IANA time zone (like Asia/Taipei)' });
const ratio = z.number().min(0).max(1);
const band = z.object({ amber: z.number().min(0), red: z.number().min(0) });

const thresholds = z
  .object({ serviceLevel: band, abandonRate: band, asaSeconds: band, longestWaitSeconds: band, waiting: band })
  .partial()
  .strict();

const queueSettings = {
  name: z.string().min(1).optional(),
  slThresholdSeconds: z.number().positive().optional(),
  slTarget: ratio.optional(),
  slFormula: z.enum(SL_FORMULAS).optional(),
  shortAbandonSeconds: z.number().min(0).optional(),
  asaTargetSeconds: z.number().positive().optional(),
  abandonTarget: ratio.optional(),
  afterCallWork: z.boolean().optional(),
  patienceSeconds: z.number().positive().optional(),
  kind: z.enum(QUEUE_KINDS).optional(),
  responseTargetSeconds: z.number().positive().optional(),
  lostWaitSeconds: z.number().min(0).optional(),
  channel: z.enum(CHANNELS).optional(),
  capacity: z.number().int().min(0).max(MAX_CHANNEL_CAPACITY).optional(),
  thresholds: thresholds.optional(),
};

const tokenSchema = z
  .object({
    token: z.string().min(16, 'must be at least 16 characters'),
    // Reserved: the audit log takes an entry by it for one made in open mode.
    name: z.string().min(1).refine((n) => n !== OPEN_MODE_NAME, 'is reserved for open mode'),
    /** Tenant ids, or ["*"] for every tenant. */
    tenants: z.array(z.string().min(1)).min(1),
    role: z.enum(['viewer', 'analyst', 'ingest', 'admin']),
  })
  .strict();

/**
 * How long (ms) a connection may take to send a request's headers (HTTP_HEADERS_TIMEOUT_MS;
 * Node's `headersTimeout`, 60 s by default, checked every 30 s): a TCP connection that sends
 * nothing, or half a request, is answered 408 and closed then. With Node's defaults one held
 * its file descriptor 60-90 s before any bound counted it (measured: 87 s); a browser, a feed
 * or a health check sends its headers in one round trip, so 20 s leaves a slow link plenty.
 */
export const DEFAULT_HTTP_HEADERS_TIMEOUT_MS = 20_000;
/** Node's `requestTimeout` (300 s, the whole request body) must not be shorter than the headers' timeout. */
export const MAX_HTTP_HEADERS_TIMEOUT_MS = 300_000;

const fileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    opsPort: z.number().int().min(0).max(65535).optional(),
    host: z.string().optional(),
    allowedOrigins: z.array(z.string().url()).optional(),
    timezone: zone.optional(),
    intervalMinutes: z.union([z.literal(15), z.literal(30)]).optional(),
    pushIntervalMs: z.number().int().min(50).max(5000).optional(),
    reorderWindowSeconds: z.number().min(0).max(600).optional(),
    retentionDays: z.number().int().min(1).max(31).optional(),
    maxBodyBytes: z.number().int().min(1024).optional(),
    maxStreamBytes: z.number().int().min(1024).optional(),
    maxSocketsPerPrincipal: z.number().int().min(1).optional(),
    maxPagesWaitingPerPrincipal: z.number().int().min(1).optional(),
    socketConnectTimeoutMs: z.number().int().min(100).optional(),
    httpHeadersTimeoutMs: z.number().int().min(1000).max(MAX_HTTP_HEADERS_TIMEOUT_MS).optional(),
    maxPendingConnections: z.number().int().min(1).optional(),
    maxPendingConnectionsPerAddress: z.number().int().min(0).optional(),
    maxScheduleReads: z.number().int().min(1).optional(),
    signInSweepSeconds: z.number().int().min(1).max(3600).optional(),
    journalDir: z.string().optional(),
    dataDir: z.string().min(1).optional(),
    redisUrl: z.string().regex(/^rediss?:\/\//, 'must be redis://host:port or rediss://').optional(),
    redisKeyPrefix: z.string().min(1).optional(),
    fsyncIntervalMs: z.number().int().min(1).max(1000).optional(),
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be postgres://user@host:port/database').optional(),
    historySchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').optional(),
    resolvedDispositions: z.array(z.string().min(1)).optional(),
    snapshotIntervalSeconds: z.number().int().min(1).max(86_400).optional(),
    directoryFile: z.string().optional(),
    queueLogTail: z.object({ path: z.string().min(1), tenant: z.string().min(1).optional(), stateFile: z.string().optional() }).strict().optional(),
    maxFutureSeconds: z.number().min(0).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    simulator: z
      .object({ enabled: z.boolean().optional(), speed: z.number().positive().max(3600).optional(), seed: z.number().int().optional() })
      .strict()
      .optional(),
    tenants: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).strict()).optional(),
    teams: z.array(z.object({ id: z.string().min(1), tenant: z.string().min(1), name: z.string().trim().min(1, 'must not be empty') }).strict()).optional(),
    queueDefaults: z.object(queueSettings).omit({ name: true }).strict().optional(),
    queues: z.array(z.object({ id: z.string().min(1), tenant: z.string().min(1), ...queueSettings }).strict()).optional(),
    agents: z
      .array(
        z
          .object({
            id: z.string().min(1),
            tenant: z.string().min(1),
            name: z.string().optional(),
            teamId: z.string().optional(),
            queues: z.array(z.string()).optional(),
            capacity: z.object(Object.fromEntries(CHANNELS.map((c) => [c, z.number().int().min(0).max(MAX_CHANNEL_CAPACITY).optional()]))).strict().optional(),
          })
          .strict(),
      )
      .optional(),
    auth: z.object({ tokens: z.array(tokenSchema) }).strict().optional(),
    reforecast: z
      .object({
        windowMinutes: z.number().positive().max(1440),
        minIntervals: z.number().int().min(1),
        volumeCredibilityCalls: z.number().min(0),
        ahtCredibilityCalls: z.number().min(0),
      })
      .partial()
      .strict()
      .optional(),
    activities: z.array(z.string().min(1)).optional(),
    adherence: z
      .object({
        graceSeconds: z.number().min(0),
        severeSeconds: z.number().min(0),
        rules: z.record(z.string(), z.array(z.string().min(1))),
        equivalences: z.array(z.array(z.string().min(1)).min(2)),
        unpaidActivities: z.array(z.string()),
      })
      .partial()
      .strict()
      .optional(),
    forecastFiles: z.array(z.string()).optional(),
    scheduleFiles: z.array(z.string()).optional(),
    waitNotifications: z.array(waitNotificationSchema).optional(),
    alerts: alertsFileSchema.optional(),
  })
  .strict();

/** Where `npm run users` leaves commands for the server by default: in its data directory. */
export function defaultDirectoryFile(dataDir: string): string {
  return `${dataDir}/directory.ndjson`;
}

/**
 * Per-message deflate threshold (bytes), 0 for none. Off by default: Socket.IO then deflates
 * each socket's copy of a message on its own (13x the CPU of sending a 64 KB message as it is,
 * bench/ws-broadcast.ts) and stops sending broadcasts as one pre-built frame (+13% CPU per
 * socket for a 1 KB update), and the server is CPU-bound with many screens on 2 cores. Set
 * WS_DEFLATE_THRESHOLD=65536 where screens sit behind slow links: only subscribe answers and
 * interval rollovers reach that size (a 40-queue tenant's answer: 70 KB, 1.5 KB deflated).
 * See docs/performance.md ("Compression").
 */
export const DEFAULT_DEFLATE_THRESHOLD = 0;

/**
 * Live sockets one principal may hold at once (MAX_SOCKETS_PER_PRINCIPAL). A person has a few
 * tabs open, and a floor's shared wallboard token or a TV display's drives tens of screens, each
 * page one socket; 500 is far above that, and bounds what one stolen or misused token can take
 * (each socket is a file descriptor and a few KB of heap: docs/performance.md). Load tests that
 * drive thousands of screens with one token raise it.
 */
export const DEFAULT_MAX_SOCKETS_PER_PRINCIPAL = 500;

/**
 * Board pages (agents:page) one principal may have waiting to be answered at once, over all its
 * sockets (MAX_PAGES_WAITING_PER_PRINCIPAL): a wall of tens of screens on one token refreshes
 * every board every 2 s, far below it. Load tests of a thousand screens on one token raise it.
 */
export const DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL = 50;

/**
 * How long (ms) a new connection may stay in no namespace before it is closed
 * (SOCKET_CONNECT_TIMEOUT_MS; Socket.IO's `connectTimeout`, 45 s by default). A screen sends its
 * namespace CONNECT as soon as the connection opens, so it needs one round trip; until then the
 * connection has shown no token and counts against no sign-in, so Socket.IO's 45 s let an
 * anonymous client hold file descriptors for free. 10 s leaves a slow link and a busy server
 * plenty.
 */
export const DEFAULT_SOCKET_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connections open and in no namespace yet that one process holds at once (MAX_PENDING_CONNECTIONS);
 * a new one beyond is refused at the handshake. A screen is in that state for one round trip:
 * at the upgrade line's full rate (10,000 a second) 2,000 leaves each 200 ms to sign in. Each is
 * a file descriptor: 2,000 held by an anonymous client are a tenth of what a process serving
 * 10,000 screens is given (20,000), where the 10,000 a second the line admits filled them in
 * two seconds.
 */
export const DEFAULT_MAX_PENDING_CONNECTIONS = 2_000;

/**
 * GET /schedules/:date reads one process has in hand at once, over every sign-in
 * (MAX_SCHEDULE_READS; each sign-in has at most 2 of them). A read holds its day's answer until
 * it has gone out (about 16 MB at its worst for 120,000 segments, bench/schedule-read.ts), and
 * reads share the one 8 ms a turn imports are given, so more at once finish no sooner: only the
 * memory grows (32 reads of such a day at once took the heap to 1.1 GB, when each held 45 MB).
 * 8 is four integrations reading two days each.
 */
export const DEFAULT_MAX_SCHEDULE_READS = 8;

export type TokenConfig = z.infer<typeof tokenSchema>;
type FileConfig = z.infer<typeof fileSchema>;

export interface Config {
  port: number;
  /**
   * A second port for health checks, metrics and event feeds (OPS_PORT), serving the same routes
   * with the same auth but no sockets: during a reconnect storm a new connection to the main
   * port waits behind the screens' in the kernel's accept queue. Unset: none.
   */
  opsPort: number | undefined;
  /** Where to listen: HOST, else 127.0.0.1 in open mode (no tokens), else every interface (undefined). */
  host: string | undefined;
  /** Origins (besides the server's own) whose pages may open sockets and write. */
  allowedOrigins: string[];
  timezone: string;
  intervalMinutes: 15 | 30;
  pushIntervalMs: number;
  /** WebSocket messages of at least this many bytes are deflated (per-message deflate); 0: none. */
  wsDeflateThreshold: number;
  reorderWindowSeconds: number;
  retentionDays: number;
  maxBodyBytes: number;
  /** Limit of a streamed NDJSON or queue_log body (bytes). */
  maxStreamBytes: number;
  /** Live Socket.IO connections one token, display or person may hold at once, over every namespace (per process). */
  maxSocketsPerPrincipal: number;
  /** Board pages one token, display or person may have waiting at once, over all its sockets (per process). */
  maxPagesWaitingPerPrincipal: number;
  /** A connection in no namespace this long (ms) is closed (Socket.IO's `connectTimeout`). */
  socketConnectTimeoutMs: number;
  /** A connection that has not sent a request's headers this long (ms) is answered 408 and closed (Node's `headersTimeout`). */
  httpHeadersTimeoutMs: number;
  /** Connections open and in no namespace yet, per process; beyond, a new one is refused at the handshake. */
  maxPendingConnections: number;
  /** The same from one client address (behind a proxy on this machine, its X-Forwarded-For; an IPv6 one's /64); 0: no such bound. */
  maxPendingConnectionsPerAddress: number;
  /** GET /schedules/:date reads in hand at once in one process, over every sign-in; beyond, 503. */
  maxScheduleReads: number;
  /** How often (seconds) open sockets are checked for a sign-in that expired (sessions end without a command). */
  signInSweepSeconds: number;
  /** The embedded store's directory (log, snapshot, lock); default ./data. */
  dataDir: string;
  /** When set, the log, snapshots and leases live in Redis and several processes share the floor. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** File store: the longest a write waits for its group commit (ms). */
  fsyncIntervalMs: number;
  /** History in PostgreSQL (shared by replicas) when set, else SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema of the history tables; the connection's default when unset. */
  historySchema: string | undefined;
  /** Dispositions counted as resolved cases; empty: any disposition containing "resolved". */
  resolvedDispositions: string[];
  /** How often (s) the floor is snapshotted, so a restart replays only the log after it. */
  snapshotIntervalSeconds: number;
  /** Where accepted events are journaled (one NDJSON file per local date); off when unset. */
  journalDir: string | undefined;
  /** Users, sessions, displays, tokens and audit as NDJSON commands (until the durable log holds them); undefined: memory only. */
  directoryFile: string | undefined;
  /** A growing queue_log file to follow. */
  queueLogTail: { path: string; tenant: string; stateFile: string | undefined } | undefined;
  maxFutureSeconds: number;
  logLevel: NonNullable<FileConfig['logLevel']>;
  simulator: { enabled: boolean; speed: number; seed: number };
  tenants: { id: string; name: string }[];
  /** Team names per tenant (`teams: [{ id, tenant, name }]`), shown instead of team ids. */
  teams: TeamName[];
  queueDefaults: typeof QUEUE_DEFAULTS;
  queues: NonNullable<FileConfig['queues']>;
  agents: NonNullable<FileConfig['agents']>;
  tokens: TokenConfig[];
  reforecast: ReforecastParams;
  /** Schedule activities accepted on import. */
  activities: string[];
  adherence: AdherenceSettings;
  /** CSV files loaded at start: forecasts (interval_start,queue_id,calls,aht_seconds) and schedules. */
  forecastFiles: string[];
  scheduleFiles: string[];
  /** Wait-time notification webhooks (estimates for waiting callers), posted by one process. */
  waitNotifications: WaitNotificationTarget[];
  /** Alert rules and chat webhooks (docs/alerts.md). */
  alerts: AlertsConfig;
  /** Where the configuration came from, for the start-up log. */
  source: string;
}

export class ConfigError extends Error {}

/** Environment variables, parsed by name; each maps onto a config file field. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  TIMEZONE: zone.optional(),
  INTERVAL_MINUTES: z.enum(['15', '30']).transform(Number).optional(),
  SIMULATOR: z.enum(['on', 'off']).optional(),
  SIMULATOR_SPEED: z.coerce.number().positive().max(3600).optional(),
  SIMULATOR_SEED: z.coerce.number().int().optional(),
  PUSH_INTERVAL_MS: z.coerce.number().int().min(50).max(5000).optional(),
  WS_DEFLATE_THRESHOLD: z.coerce.number().int().min(0).optional(),
  REORDER_WINDOW_SECONDS: z.coerce.number().min(0).max(600).optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).optional(),
  MAX_STREAM_BYTES: z.coerce.number().int().min(1024).optional(),
  MAX_SOCKETS_PER_PRINCIPAL: z.coerce.number().int().min(1).optional(),
  MAX_PAGES_WAITING_PER_PRINCIPAL: z.coerce.number().int().min(1).optional(),
  SOCKET_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(MAX_HTTP_HEADERS_TIMEOUT_MS).optional(),
  MAX_PENDING_CONNECTIONS: z.coerce.number().int().min(1).optional(),
  MAX_PENDING_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).optional(),
  MAX_SCHEDULE_READS: z.coerce.number().int().min(1).optional(),
  SIGN_IN_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  JOURNAL_DIR: z.string().optional(),
  DATA_DIR: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be redis://host:port or rediss://').optional(),
  REDIS_KEY_PREFIX: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be postgres://user@host:port/database').optional(),
  HISTORY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').optional(),
  FSYNC_INTERVAL_MS: z.coerce.number().int().min(1).max(1000).optional(),
  SNAPSHOT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  DIRECTORY_FILE: z.string().optional(),
  QUEUE_LOG_TAIL: z.string().optional(),
  QUEUE_LOG_TENANT: z.string().optional(),
  QUEUE_LOG_STATE: z.string().optional(),
  MAX_FUTURE_SECONDS: z.coerce.number().min(0).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  FLOORBOARD_TOKENS: z.string().optional(),
  FLOORBOARD_CONFIG: z.string().optional(),
  FORECAST_FILES: z.string().optional(),
  ADHERENCE_GRACE_SECONDS: z.coerce.number().min(0).optional(),
  SCHEDULE_FILES: z.string().optional(),
  ALERT_RULES_FILE: z.string().optional(),
  ALERT_WEBHOOK_URL: z.string().optional(),
});

/**
 * Reads the optional config file (FLOORBOARD_CONFIG, else ./floorboard.config.json if present)
 * and the environment (which wins), validates both and fails with every problem listed.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const envParsed = envSchema.safeParse(pickEnv(env));
  if (!envParsed.success) problems.push(...issueList(envParsed.error).map((m) => `environment ${m}`));
  const e = envParsed.success ? envParsed.data : {};

  const explicitPath = e.FLOORBOARD_CONFIG;
  const path = explicitPath ?? `${cwd}/floorboard.config.json`;
  let file: FileConfig = {};
  let source = 'defaults and environment';
  if (explicitPath || existsSync(path)) {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) file = parsed.data;
      else problems.push(...issueList(parsed.error, '(top level)').map((m) => `config file ${path}: ${m}`));
      source = `${path} and environment`;
    } catch (err) {
      problems.push(`config file ${path}: ${(err as Error).message}`);
    }
  }

  let envTokens: TokenConfig[] | undefined;
  if (e.FLOORBOARD_TOKENS) {
    try {
      const parsed = z.array(tokenSchema).safeParse(JSON.parse(e.FLOORBOARD_TOKENS));
      if (parsed.success) envTokens = parsed.data;
      else problems.push(...issueList(parsed.error).map((m) => `environment FLOORBOARD_TOKENS ${m}`));
    } catch (err) {
      problems.push(`environment FLOORBOARD_TOKENS: not JSON (${(err as Error).message})`);
    }
  }

  const port = e.PORT ?? file.port ?? 3000;
  const opsPort = e.OPS_PORT ?? file.opsPort;
  if (opsPort !== undefined && opsPort !== 0 && opsPort === port) problems.push(`OPS_PORT: must differ from PORT (both ${port})`);

  const queueIds = new Set<string>();
  for (const q of file.queues ?? []) {
    if (queueIds.has(q.id)) problems.push(`config file ${path}: queues: queue id "${q.id}" appears twice`);
    queueIds.add(q.id);
  }
  problems.push(...duplicateTeams(file.teams ?? []).map((m) => `config file ${path}: teams: ${m}`));
  const alerts = alertsConfig(file.alerts, e, problems);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);

  const tokens = envTokens ?? file.auth?.tokens ?? [];
  return {
    port,
    opsPort,
    // Open mode lets anyone who reaches the port do everything: keep it to this machine unless told.
    host: e.HOST ?? file.host ?? (tokens.length ? undefined : '127.0.0.1'),
    allowedOrigins: e.ALLOWED_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean) ?? file.allowedOrigins ?? [],
    timezone: e.TIMEZONE ?? file.timezone ?? systemZone(),
    intervalMinutes: (e.INTERVAL_MINUTES ?? file.intervalMinutes ?? 30) as 15 | 30,
    pushIntervalMs: e.PUSH_INTERVAL_MS ?? file.pushIntervalMs ?? 250,
    wsDeflateThreshold: e.WS_DEFLATE_THRESHOLD ?? DEFAULT_DEFLATE_THRESHOLD,
    reorderWindowSeconds: e.REORDER_WINDOW_SECONDS ?? file.reorderWindowSeconds ?? 5,
    retentionDays: file.retentionDays ?? 3,
    maxBodyBytes: e.MAX_BODY_BYTES ?? file.maxBodyBytes ?? 10 * 1024 * 1024,
    maxStreamBytes: e.MAX_STREAM_BYTES ?? file.maxStreamBytes ?? 1024 * 1024 * 1024,
    maxSocketsPerPrincipal: e.MAX_SOCKETS_PER_PRINCIPAL ?? file.maxSocketsPerPrincipal ?? DEFAULT_MAX_SOCKETS_PER_PRINCIPAL,
    maxPagesWaitingPerPrincipal: e.MAX_PAGES_WAITING_PER_PRINCIPAL ?? file.maxPagesWaitingPerPrincipal ?? DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL,
    socketConnectTimeoutMs: e.SOCKET_CONNECT_TIMEOUT_MS ?? file.socketConnectTimeoutMs ?? DEFAULT_SOCKET_CONNECT_TIMEOUT_MS,
    httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS ?? file.httpHeadersTimeoutMs ?? DEFAULT_HTTP_HEADERS_TIMEOUT_MS,
    maxPendingConnections: e.MAX_PENDING_CONNECTIONS ?? file.maxPendingConnections ?? DEFAULT_MAX_PENDING_CONNECTIONS,
    maxPendingConnectionsPerAddress: e.MAX_PENDING_CONNECTIONS_PER_ADDRESS ?? file.maxPendingConnectionsPerAddress ?? 0,
    maxScheduleReads: e.MAX_SCHEDULE_READS ?? file.maxScheduleReads ?? DEFAULT_MAX_SCHEDULE_READS,
    signInSweepSeconds: e.SIGN_IN_SWEEP_SECONDS ?? file.signInSweepSeconds ?? 60,
    journalDir: e.JOURNAL_DIR ?? file.journalDir,
    dataDir: e.DATA_DIR ?? file.dataDir ?? `${cwd}/data`,
    redisUrl: e.REDIS_URL ?? file.redisUrl,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? file.redisKeyPrefix ?? 'floorboard:',
    fsyncIntervalMs: e.FSYNC_INTERVAL_MS ?? file.fsyncIntervalMs ?? 50,
    snapshotIntervalSeconds: e.SNAPSHOT_INTERVAL_SECONDS ?? file.snapshotIntervalSeconds ?? 300,
    // DIRECTORY_FILE=none keeps people and displays in memory only (tests).
    directoryFile: directoryFileOf(e.DIRECTORY_FILE ?? file.directoryFile ?? defaultDirectoryFile(e.DATA_DIR ?? file.dataDir ?? `${cwd}/data`)),
    databaseUrl: e.DATABASE_URL ?? file.databaseUrl,
    historySchema: e.HISTORY_SCHEMA ?? file.historySchema,
    resolvedDispositions: file.resolvedDispositions ?? [],
    queueLogTail: (e.QUEUE_LOG_TAIL ?? file.queueLogTail?.path)
      ? {
          path: (e.QUEUE_LOG_TAIL ?? file.queueLogTail?.path)!,
          tenant: e.QUEUE_LOG_TENANT ?? file.queueLogTail?.tenant ?? 'default',
          stateFile: e.QUEUE_LOG_STATE ?? file.queueLogTail?.stateFile,
        }
      : undefined,
    maxFutureSeconds: e.MAX_FUTURE_SECONDS ?? file.maxFutureSeconds ?? 300,
    logLevel: e.LOG_LEVEL ?? file.logLevel ?? 'info',
    simulator: {
      enabled: e.SIMULATOR ? e.SIMULATOR === 'on' : (file.simulator?.enabled ?? true),
      speed: e.SIMULATOR_SPEED ?? file.simulator?.speed ?? 1,
      seed: e.SIMULATOR_SEED ?? file.simulator?.seed ?? 42,
    },
    tenants: file.tenants ?? [],
    teams: file.teams ?? [],
    queueDefaults: { ...QUEUE_DEFAULTS, ...file.queueDefaults },
    queues: file.queues ?? [],
    agents: file.agents ?? [],
    tokens,
    reforecast: { ...REFORECAST_DEFAULTS, ...file.reforecast },
    activities: file.activities ?? [...DEFAULT_ACTIVITIES],
    adherence: {
      ...ADHERENCE_DEFAULTS,
      ...file.adherence,
      rules: { ...ADHERENCE_DEFAULTS.rules, ...file.adherence?.rules },
      graceSeconds: e.ADHERENCE_GRACE_SECONDS ?? file.adherence?.graceSeconds ?? ADHERENCE_DEFAULTS.graceSeconds,
    },
    forecastFiles: e.FORECAST_FILES?.split(',').filter(Boolean) ?? file.forecastFiles ?? [],
    scheduleFiles: e.SCHEDULE_FILES?.split(',').filter(Boolean) ?? file.scheduleFiles ?? [],
    waitNotifications: waitNotificationTargets(file.waitNotifications ?? []),
    alerts,
    source,
  };
}

/** A problem for each team named twice in one tenant (which name would win is not for the file's order to say). */
function duplicateTeams(teams: readonly TeamName[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const t of teams) {
    const key = scopedKey(t.tenant, t.id);
    if (seen.has(key)) problems.push(`team "${t.id}" of tenant "${t.tenant}" appears twice`);
    seen.add(key);
  }
  return problems;
}

function directoryFileOf(v: string): string | undefined {
  return v === 'none' ? undefined : v;
}

function pickEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
