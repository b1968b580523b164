import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Logger } from 'pino';
import { can, principalKey, type Authenticator, type Principal } from '../auth/principals.ts';
import { tenantOpenTo } from '../auth/known-tenant.ts';
import type { AgentRecord, Engine, QueueState } from '../domain/engine.ts';
import type { ScopeBefore } from '../domain/tenant-floor.ts';
import type { AlertLedger } from '../domain/alert-ledger.ts';
import type { Plan } from '../domain/plan.ts';
import type { TenantAlerts } from '../protocol/alerts.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import { scopedKey } from '../protocol/keys.ts';
import { AGENT_BOARD_STATES, type QueueView } from '../protocol/metrics.ts';
import { AGENT_STATES } from '../protocol/events.ts';
import type { Ack, AgentPage, ClientToServer, IntradayRequest, ServerToClient, SubscribeRequest, Update, VersionedSnapshot } from '../protocol/socket.ts';
import { filterId } from '../validation/filter-id.ts';
import { quote } from '../validation/quote.ts';
import { localDay } from '../validation/dates.ts';
import { issueText } from '../validation/zod-issues.ts';
import type { LiveAdherenceCache } from '../views/adherence-cache.ts';
import { ADHERENCE_PAGE_DEFAULT, ADHERENCE_PAGE_MAX, narrowLive, pageLive, type AdherencePage } from '../views/adherence-page.ts';
import type { TenantAdherence } from '../protocol/adherence.ts';
import { agentPage, boardIndex, searchBoard, searchKey, type BoardIndex } from '../views/agent-page.ts';
import { intradayView, type HistoryLookup } from '../views/intraday.ts';
import { agentCountInScope, agentInScope, agentQueueKeys, queueInScope, scopeKey, snapshot, visibleFloors, type Scope } from '../views/snapshot.ts';
import { snapshotTextWith } from '../views/snapshot-text.ts';
import { agentChunkSteps, settleAgentChunks, type AgentChunk } from '../views/agent-chunks.ts';
import { boardAlerts } from '../views/board-alerts.ts';
import { agentBoardQueues, boardHasQueue, personScope, personScopeKey, redactAgent, scopeLive, type PersonScope } from '../views/people-scope.ts';
import { loopAdmissionQueue, type AdmissionQueue } from './admission-queue.ts';
import { ChangedAgents } from './changed-agents.ts';
import { AgentViewCache } from '../views/agent-view-cache.ts';
import { EpochCache } from './epoch-cache.ts';
import { PreEncoded } from './pre-encoded.ts';
import { leanConnection } from './lean-connection.ts';
import type { QueueChange } from './published-queues.ts';
import { PUSH_PHASES, PushPhases } from './push-phases.ts';
import { allowed, RequestLimit, WaitingCounts } from './rate-limit.ts';
import { reskilledUsers, type ReskilledUsers } from './reskilled-users.ts';
import { DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL } from '../config/config.ts';
import type { ConnectionCap } from './connection-cap.ts';
import { requireSocketRole } from './socket-auth.ts';
import { RoomRegistry } from './room-registry.ts';
import { LAG_SCAN_MS, LAGGING, SlowReaders } from './slow-readers.ts';
import { loopSlicedWork, runSliced, type SlicedWork } from './sliced.ts';
import { SharedBuilds, TooManyBuilds } from './shared-builds.ts';

interface SocketData {
  principal: Principal;
  /** Costly requests (subscriptions) this socket may still make now. */
  limit: RequestLimit;
  /** What it signed in with, when a command can end it (Authenticator.credential). */
  credential?: string;
}

export type FloorServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type FloorNamespace = Namespace<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type FloorSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
/** A socket handler's answer, as an object or already encoded. */
type Answer<T> = Ack<T> | PreEncoded<Ack<T>>;

// Every id a screen asks for is read as GET /snapshot reads its query (filterId): trimmed, as ingest
// stores event ids, so " acme" is acme's board, not an unknown tenant, and one of spaces is refused naming it.
const id = filterId;
const intradaySchema = z.object({ queueId: id, tenant: id.optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional() }).strict();
const queueRef = z.union([id, z.object({ tenant: id, id }).strict()]);
const teamRef = z.object({ tenant: id, id }).strict();
const subscribeSchema = z.object({ tenants: z.array(id).max(200).optional(), queues: z.array(queueRef).max(1000).optional(), teams: z.array(teamRef).max(200).optional(), agents: z.boolean().optional() }).strict();
const agentPageSchema = z
  .object({
    offset: z.number().int().min(0).max(1_000_000),
    limit: z.number().int().min(1).max(500),
    tenant: id.optional(),
    queue: z.object({ tenant: id, id }).strict().optional(),
    team: teamRef.optional(),
    search: z.string().max(100).optional(),
    searchReasons: z.array(z.string().min(1).max(100)).max(100).optional(),
    states: z.array(z.enum(AGENT_STATES)).max(AGENT_STATES.length).optional(),
    boardStates: z.array(z.enum(AGENT_BOARD_STATES)).max(AGENT_BOARD_STATES.length).optional(),
  })
  .strict();
const adherenceSchema = z.object({ tenants: z.array(id).max(200).optional() }).strict();
const adherencePageSchema = z
  .object({
    tenants: z.array(id).max(200).optional(),
    teamId: filterId.optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(0).max(ADHERENCE_PAGE_MAX).optional(),
  })
  .strict();

/** How often (ms) open intraday views are refreshed while nothing in the plan changes. */
const INTRADAY_REFRESH_MS = 5000;
/** How often (ms) live adherence is pushed (times in and out of adherence tick client-side). */
const ADHERENCE_REFRESH_MS = 2000;
/**
 * Longest (ms) one turn spends building and sending adherence rooms' pages: each is a filter of
 * its tenants' agents and a page of them, encoded once for the room's sockets.
 */
const ADHERENCE_SEND_BUDGET_MS = 4;
/** Subscriptions a socket may make at once, and how many a second after that. */
/** Subscriptions admitted per slot of ADMIT_SLOT_MS over all sockets (a reconnect storm waits in line). */
const ADMIT_PER_SLOT = 50;
const ADMIT_SLOT_MS = 10;
/**
 * Longest (ms) one slot of admissions holds the event loop: a slot of 50 on a big floor can
 * build a snapshot for each of 20 tenants (over a second on a busy 2-core machine), during
 * which health checks, probes and pushes wait. With this, the upgrade line's 3 ms and a push
 * cycle's 4 ms, one turn of a loop busy with a reconnect storm stays near 11 ms plus its I/O,
 * and a health check waits about that (10, 5 and 10 ms gave k6 storm health p99 79-128 ms;
 * these 45-126 ms, median 85: docs/performance.md, fifth round).
 */
const ADMIT_BUDGET_MS = 4;
/** Subscriptions that may wait in line before new ones are told to come back later. */
const ADMIT_MAX_WAITING = 20_000;
/**
 * Longest (ms) one turn of the event loop spends sending a push cycle's room messages; the
 * rest go at the next turn, so a health check or a probe post waits at most about this long
 * behind a cycle that writes to thousands of sockets.
 */
const SEND_BUDGET_MS = 4;
/**
 * Longest (ms) one turn spends recomputing intraday views for their rooms: each is a day of
 * intervals (about 1 ms), and one viewer's thousand screens on a thousand days were a second of
 * stalled loop every refresh.
 */
const INTRADAY_BUDGET_MS = 4;
/**
 * Longest (ms) one turn spends answering board pages: each is a pass over a board (up to 20 ms
 * at 20,000 agents on a loaded machine), and a sign-in's 20 at once from ten sockets were read
 * in one turn and held health 1.5 s.
 */
const PAGE_BUDGET_MS = 4;
/** Longest (ms) one turn spends writing subscribe answers with agents when the hub is given no turns (tests); the server gives it its imports' (IMPORT_BUDGET_MS, 8 ms). */
const STEPS_BUDGET_MS = 8;
/**
 * Longest (ms) one turn spends sending answers that were given over turns: at least one a turn,
 * and one 7.4 MB answer alone takes 15-25 ms to encode and write.
 */
const LATE_ACK_BUDGET_MS = 4;
/**
 * Subscribe answers with agents being written at once, per sign-in and in all: each holds up to
 * a whole floor's text (7.4 MB at 20,000 agents) until it is sent.
 */
const AGENT_SNAPSHOT_BUILDS_PER_SIGN_IN = 2;
const AGENT_SNAPSHOT_BUILDS = 4;
/** Subscribe answers with agents that may wait for one of those builds to end, per sign-in and in all. */
const AGENT_SNAPSHOT_WAITS_PER_SIGN_IN = 1000;
const AGENT_SNAPSHOT_WAITS = 5000;
/** Distinct snapshots (and agent lists) kept per push cycle. */
const CACHE_ENTRIES = 2000;
/** Characters of snapshot answers kept per push phase between its pushes with changes (about 4 whole 20,000-agent floors with agents). */
const CACHE_CHARS_PER_PHASE = 32 * 1024 * 1024;
/** Rows of agent boards kept per push cycle (about 20 whole 20,000-agent boards, 2 MB each). */
const CACHE_BOARD_ROWS = 400_000;
/** Characters of board pages kept per push cycle (a page of 500 rows is about 190,000). */
const CACHE_PAGE_CHARS = 16 * 1024 * 1024;
/**
 * A quiet room hears the engine clock only when it has drifted this far (ms) from what its
 * screens extrapolate at real speed since the room's last message (a simulated or replayed
 * floor), and at most once per this long of real time.
 */
const CLOCK_DRIFT_MS = 1000;

export interface HubOptions {
  io: FloorNamespace;
  /** The engine this hub serves; a replay workspace swaps it with `setEngine`. */
  engine: Engine;
  auth: Authenticator;
  /** Live sockets per principal over the whole server, with their ceiling. */
  connections: ConnectionCap;
  /** Board pages a principal may have waiting at once, over all its sockets (config maxPagesWaitingPerPrincipal). */
  pagesWaitingPerPrincipal?: number;
  logger: Logger;
  pushIntervalMs: number;
  plan: Plan;
  reforecast: ReforecastParams;
  adherence: LiveAdherenceCache;
  /** Real time (epoch ms), for rate limits. */
  wallClock: () => number;
  /** The logged alerts (the live floor's; a replay workspace has none). */
  alerts?: AlertLedger;
  /** History forecasts for the intraday view when no forecast was imported (live floor only). */
  historyForecast?: HistoryLookup;
  /** Subscription admission; defaults to ADMIT_PER_SLOT per ADMIT_SLOT_MS (at most ADMIT_BUDGET_MS each) with setTimeout. */
  admission?: AdmissionQueue;
  /** The turns subscribe answers with agents are written in (the server shares its imports' turns); defaults to the hub's own of STEPS_BUDGET_MS. */
  steps?: SlicedWork;
}

interface FloorGroup {
  scope: Scope;
  /** scopeKey(scope): sockets with the same scope and phase share a room. */
  key: string;
  /** The push phase of the room's sockets (push-phases.ts). */
  phase: number;
  /** Engine time of the last message to the room (epoch ms). */
  lastSent: number;
  /** Real time of the last message to the room (epoch ms). */
  lastSentWall: number;
  /** Version of the last update sent to the room (the hub's version when it was made). */
  version: number;
  /** An agent its screens hold left its scope for another team or queues (`markLeavers`), or its agent user's agent was reskilled (`followReskills`): its next update makes them subscribe again. */
  resync?: boolean;
}
interface IntradayWatch {
  tenant: string;
  queueId: string;
  date: string;
}
interface AlertWatch {
  /** null: every tenant. */
  tenants: ReadonlySet<string> | null;
  /** An agent's queues (`agentBoardQueues`), as of its subscription or its agent's last reskill (`followReskills`); null: every queue. */
  board: ReadonlySet<string> | null;
  /** The ACD agent of an agent user, whose skills its board follows; null for every other role. */
  agent: string | null;
}
interface AdherenceWatch {
  /** null: every tenant. */
  tenants: ReadonlySet<string> | null;
  people: PersonScope;
  /** Only this team's agents, exceptions and figures; null: every team. */
  teamId: string | null;
  /** The page of each tenant's agents the room's screens show. */
  page: AdherencePage;
}

/**
 * Pushes the floor to browsers. Each socket proves who it is at the handshake, subscribes to
 * what it may see and gets a full snapshot in the acknowledgement, then coalesced updates.
 * Sockets with the same scope and push phase share one room, so each push builds and encodes
 * one message per room and every socket gets exactly one. The hub keeps its own map of
 * scopes; room names are opaque and never parsed.
 */
export class Hub {
  engine: Engine;
  private readonly io: FloorNamespace;
  private readonly opts: HubOptions;
  private readonly floors = new RoomRegistry<FloorGroup>('f');
  private readonly intraday = new RoomRegistry<IntradayWatch>('i');
  private readonly adherenceRooms = new RoomRegistry<AdherenceWatch>('a');
  private readonly alertRooms = new RoomRegistry<AlertWatch>('l');
  private timer: NodeJS.Timeout | null = null;
  private intradayTimer: NodeJS.Timeout | null = null;
  private adherenceTimer: NodeJS.Timeout | null = null;
  /** Intraday rooms waiting for their refresh, by room (sliced.ts). */
  private readonly intradayRefresh: SlicedWork;
  /** Adherence rooms waiting for their page of this cycle, by room. */
  private readonly adherenceSends: SlicedWork;
  /** Whether the last adherence cycle is still computing its tenants (a cycle due then is skipped). */
  private adherenceComputing = false;
  private lastInterval = -1;
  /** Pushes that sent anything; each update carries the push's number. */
  version = 0;
  /**
   * The floor's screens in push phases, each with the queue views it last got (updates carry the
   * fields changed since) and its subscribe answers by scope (and agent mode), built and
   * serialised at most once between two of its pushes with changes.
   */
  readonly phases = new PushPhases<PreEncoded<Ack<VersionedSnapshot>>>(CACHE_ENTRIES, { weigh: (s) => s.json.length, maxWeight: CACHE_CHARS_PER_PHASE });
  /** Beats of the push timer; phase `beats % PUSH_PHASES` is pushed at each. */
  private beats = 0;
  /** Phases whose push came due while the last messages were still going out. */
  private readonly duePhases = new Set<number>();
  /**
   * Agent boards by scope, tenant and queue, built and sorted once per push cycle; a search or
   * a state filter is a linear pass over one (20,000 agents: a rebuild per new search was
   * 130-320 ms of held loop).
   */
  private readonly boards = new EpochCache<BoardIndex>(CACHE_ENTRIES, { weigh: (b) => b.rows.length, maxWeight: CACHE_BOARD_ROWS });
  /**
   * Board pages answered, encoded, by board, version and window: a wall of screens of one tenant
   * asks for the same first window every 2 s, and each was filtered, counted and serialised anew.
   * Dropped with the boards.
   */
  private readonly pageAnswers = new EpochCache<PreEncoded<Ack<AgentPage>>>(CACHE_ENTRIES, { weigh: (a) => a.json.length, maxWeight: CACHE_PAGE_CHARS });
  /** Agents' views kept across cycles while they do not change: boards and updates read them. */
  private readonly agentViews = new AgentViewCache();
  /** Subscribe answers with agents being written over turns, by phase and scope; shared by the screens that ask meanwhile. */
  private readonly agentSnapshots = new SharedBuilds<PreEncoded<Ack<VersionedSnapshot>>>(
    { perSignIn: AGENT_SNAPSHOT_BUILDS_PER_SIGN_IN, total: AGENT_SNAPSHOT_BUILDS },
    { perSignIn: AGENT_SNAPSHOT_WAITS_PER_SIGN_IN, total: AGENT_SNAPSHOT_WAITS },
  );
  /** Each socket's last subscribe still being answered: the next waits for it, so answers arrive in the order asked. */
  private readonly subscribing = new WeakMap<FloorSocket, Promise<unknown>>();
  /** The turns subscribe answers with agents are written in. */
  private readonly steps: SlicedWork;
  /** Answers given over turns, sent a budget a turn: the screens that shared one 7.4 MB build were each sent it in one turn (203-1,117 ms). */
  private readonly lateAcks: SlicedWork;
  private lateAckCount = 0;
  /** Every board and page is built again when next asked for (the floor changed, or who sees what). */
  private outdateBoards(): void {
    this.boards.advance();
    this.pageAnswers.advance();
  }

  /** Boards built since the hub started (for tests and figures). */
  get boardBuilds(): number {
    return this.boards.builds;
  }
  /** Board pages waiting for their turn (sliced.ts), by socket and request. */
  private readonly pages: SlicedWork;
  private pageRequests = 0;
  /** Board pages waiting per sign-in over all its sockets (each socket also has its own `limit`). */
  private readonly pagesWaiting: WaitingCounts;
  readonly admission: AdmissionQueue;
  /** This cycle's room messages, in order; those from `sentUpTo` on are still to send. */
  private outbox: ({ room: string; update: Update } | { room: string; tick: { now: number } })[] = [];
  private sentUpTo = 0;
  /** SEND_BUDGET_MS, settable for tests (0: one room message per turn). */
  sendBudgetMs = SEND_BUDGET_MS;
  /** Screens that do not keep up with their pushes, left out of broadcasts until they do (slow-readers.ts). */
  readonly slowReaders: SlowReaders<FloorSocket>;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(opts: HubOptions) {
    this.opts = opts;
    this.io = opts.io;
    this.engine = opts.engine;
    this.admission = opts.admission ?? loopAdmissionQueue({ perSlot: ADMIT_PER_SLOT, slotMs: ADMIT_SLOT_MS, maxWaiting: ADMIT_MAX_WAITING, budgetMs: ADMIT_BUDGET_MS });
    this.intradayRefresh = loopSlicedWork(INTRADAY_BUDGET_MS, (err) => opts.logger.error({ err }, 'intraday refresh failed'));
    this.adherenceSends = loopSlicedWork(ADHERENCE_SEND_BUDGET_MS, (err) => opts.logger.error({ err }, 'adherence push failed'));
    this.pages = loopSlicedWork(PAGE_BUDGET_MS, (err) => opts.logger.error({ err }, 'board page failed'));
    this.steps = opts.steps ?? loopSlicedWork(STEPS_BUDGET_MS, (err) => opts.logger.error({ err }, 'subscribe answer failed'));
    this.lateAcks = loopSlicedWork(LATE_ACK_BUDGET_MS, (err) => opts.logger.error({ err }, 'socket answer failed'));
    this.pagesWaiting = new WaitingCounts(opts.pagesWaitingPerPrincipal ?? DEFAULT_MAX_PAGES_WAITING_PER_PRINCIPAL);
    this.slowReaders = new SlowReaders(() => this.io.sockets.values(), (socket) => this.caughtUp(socket));
    requireSocketRole(this.io as unknown as Namespace, opts.auth, 'read', opts.connections);
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  start(): void {
    this.timer = setInterval(() => this.beat(), this.opts.pushIntervalMs / PUSH_PHASES);
    this.timer.unref();
    this.intradayTimer = setInterval(() => this.pushIntraday('all'), INTRADAY_REFRESH_MS);
    this.intradayTimer.unref();
    this.adherenceTimer = setInterval(() => this.pushAdherence(), ADHERENCE_REFRESH_MS);
    this.adherenceTimer.unref();
    this.lagTimer = setInterval(() => this.slowReaders.scan(this.opts.wallClock()), LAG_SCAN_MS);
    this.lagTimer.unref();
  }

  stop(): void {
    for (const t of [this.timer, this.intradayTimer, this.adherenceTimer, this.lagTimer]) if (t) clearInterval(t);
    this.timer = this.intradayTimer = this.adherenceTimer = this.lagTimer = null;
  }

  /** A room's sockets that keep up with their pushes (a lagging screen catches up by snapshot instead). */
  private room(name: string) {
    return this.io.to(name).except(LAGGING);
  }

  /**
   * A screen that lagged takes writes again: it hears its room's current version, so if it
   * missed an update it asks for a snapshot (the client's version gap), and if not nothing changes.
   */
  private caughtUp(socket: FloorSocket): void {
    const group = this.floors.valueOf(socket.id);
    if (group) socket.emit('update', { now: this.engine.now, queues: [], agents: [], version: group.version, base: group.version });
    // Alerts go out only when they change, so those it missed would stay missing; adherence and intraday refresh on their own.
    const watch = this.alertRooms.valueOf(socket.id);
    if (watch) for (const alerts of this.alertsOf(watch.tenants, watch.board)) socket.emit('alerts', alerts);
  }

  /** Serves another engine (a new replay); clients are told to subscribe again. */
  setEngine(engine: Engine): void {
    this.sendAllNow();
    this.engine = engine;
    this.lastInterval = -1;
    this.phases.clear(this.version);
    this.outdateBoards();
    this.io.emit('reset');
  }

  private emitRoom(m: Hub['outbox'][number]): void {
    if ('update' in m) this.room(m.room).emit('update', m.update);
    else this.room(m.room).emit('tick', m.tick);
  }

  /** Room messages of the last push cycle not sent yet. */
  get unsent(): number {
    return this.outbox.length - this.sentUpTo;
  }

  /** Sends the rest of the last cycle's messages at once (before a message that must follow them). */
  private sendAllNow(): void {
    for (const m of this.outbox.slice(this.sentUpTo)) this.emitRoom(m);
    this.outbox = [];
    this.sentUpTo = 0;
  }

  /**
   * Sends live adherence to each room of watchers: one message with every tenant they watch,
   * each its page of agents. The tenants watched are computed first, once each and over turns
   * (the shared cache); then each room's page is built and encoded once, a slice of rooms a turn.
   * Resolves when every room's job is queued (tests await it).
   */
  async pushAdherence(): Promise<void> {
    if (this.adherenceComputing) return;
    const rooms = [...this.adherenceRooms.entries()];
    if (!rooms.length) return;
    const engine = this.engine;
    const watched = new Set<string>();
    for (const { value } of rooms) for (const t of this.watchedTenants(value.tenants)) watched.add(t);
    this.adherenceComputing = true;
    try {
      await Promise.all([...watched].map((t) => this.opts.adherence.tenantAsync(engine, t)));
    } catch (err) {
      this.opts.logger.error({ err }, 'adherence push failed');
      return;
    } finally {
      this.adherenceComputing = false;
    }
    for (const { room, value } of this.adherenceRooms.entries()) {
      this.adherenceSends.add(room, () => {
        const live = this.adherenceOf(value);
        if (live.length) this.room(room).emit('adherence', PreEncoded.of(live) as unknown as TenantAdherence[]);
      });
    }
  }

  /** The tenants among `tenants` (every one when null) that exist. */
  private watchedTenants(tenants: ReadonlySet<string> | null): string[] {
    return [...this.engine.tenants.keys()].filter((t) => !tenants || tenants.has(t));
  }

  /**
   * The page a room shows of each tenant watched, from the tenants' last computed live adherence
   * (`tenantAsync` first): limited to the person scope, then to the team, then paged.
   */
  private adherenceOf(w: AdherenceWatch): TenantAdherence[] {
    const out: TenantAdherence[] = [];
    for (const t of this.watchedTenants(w.tenants)) {
      const live = this.opts.adherence.last(this.engine, t);
      if (live) out.push(pageLive(narrowLive(scopeLive(w.people, live), { teamId: w.teamId }), w.page));
    }
    return out;
  }

  /**
   * Recomputes and sends the intraday views being watched, for some queues (by tenant) or all,
   * a slice of rooms per turn; a room still waiting from the last refresh is not queued twice.
   */
  pushIntraday(queues: QueueState[] | 'all'): void {
    for (const { room, value: w } of this.intraday.entries()) {
      const q = this.engine.queue(w.tenant, w.queueId);
      if (!q || (queues !== 'all' && !queues.includes(q))) continue;
      this.intradayRefresh.add(room, () => this.refreshIntraday(room, w));
    }
  }

  /** Sends one room its intraday view as it is now (the engine may have been swapped meanwhile). */
  private refreshIntraday(room: string, w: IntradayWatch): void {
    const q = this.engine.queue(w.tenant, w.queueId);
    const day = this.engine.clock.dayOfDate(w.date);
    if (q && day) this.room(room).emit('intraday', intradayView(this.engine, this.opts.plan, q, day.start, this.opts.reforecast, this.opts.historyForecast));
  }

  /**
   * The socket handlers, made once per hub and shared by every socket (the emitter calls each
   * with `this` = the socket): per-socket closures were about 0.6 KB of heap per screen.
   */
  private readonly handlers = ((hub: Hub) => ({
    subscribe(this: FloorSocket, req: SubscribeRequest, ack: unknown) {
      hub.admit(this, ack, () => hub.subscribeInOrder(this, req));
    },
    agentsPage(this: FloorSocket, req: unknown, ack: unknown) {
      if (typeof ack !== 'function' || !allowed(this, this.data.limit, ack)) return;
      // Also per sign-in: one token's 500 sockets may not queue 500 times a socket's pages.
      const key = principalKey(this.data.principal);
      if (!hub.pagesWaiting.take(key)) {
        ack({ ok: false, error: `too many board pages waiting for this sign-in (limit ${hub.pagesWaiting.max}): try again shortly`, retryAfterSeconds: 1 });
        return;
      }
      hub.pages.add(`${this.id}:${++hub.pageRequests}`, () => {
        hub.pagesWaiting.giveBack(key);
        if (this.connected) hub.answer(this, ack, () => hub.agentPage(this, req), false);
      });
    },
    intraday(this: FloorSocket, req: IntradayRequest, ack: unknown) {
      hub.admit(this, ack, () => hub.subscribeIntraday(this, req));
    },
    adherence(this: FloorSocket, req: unknown, ack: unknown) {
      hub.answerLater(this, ack, () => hub.subscribeAdherence(this, req));
    },
    alerts(this: FloorSocket, req: unknown, ack: unknown) {
      hub.answer(this, ack, () => hub.subscribeAlerts(this, req));
    },
    disconnect(this: FloorSocket) {
      const group = hub.floors.valueOf(this.id);
      if (group) hub.phases.left(group.phase);
      hub.floors.leave(this.id);
      hub.intraday.leave(this.id);
      hub.adherenceRooms.leave(this.id);
      hub.alertRooms.leave(this.id);
    },
  }))(this);

  private onConnection(socket: FloorSocket): void {
    socket.data.limit = new RequestLimit(this.opts.wallClock);
    const h = this.handlers;
    socket.on('subscribe', h.subscribe);
    socket.on('agents:page', h.agentsPage);
    socket.on('intraday:subscribe', h.intraday);
    socket.on('adherence:subscribe', h.adherence);
    socket.on('alerts:subscribe', h.alerts);
    socket.on('disconnect', h.disconnect);
    leanConnection(socket);
  }

  /** Runs a rate-limited handler and acknowledges its answer (when it comes, for one given over turns); never throws at the client. */
  private answer<T>(socket: FloorSocket, ack: unknown, handler: () => Answer<T> | Promise<Answer<T>>, limited = true): void {
    if (typeof ack !== 'function') return;
    if (limited && !allowed(socket, socket.data.limit, ack)) return;
    const failed = (err: unknown) => {
      this.opts.logger.error({ err }, 'socket handler failed');
      ack({ ok: false, error: 'internal error' });
    };
    try {
      const answer = handler();
      if (!(answer instanceof Promise)) ack(answer);
      else answer.then((a) => this.lateAcks.add(`${++this.lateAckCount}`, () => ack(a)), failed);
    } catch (err) {
      failed(err);
    }
  }

  /** Like `answer`, for a handler whose answer is computed over turns. */
  private answerLater<T>(socket: FloorSocket, ack: unknown, handler: () => Promise<Ack<T>>): void {
    if (typeof ack !== 'function' || !allowed(socket, socket.data.limit, ack)) return;
    handler().then(
      (answer) => ack(answer),
      (err: unknown) => {
        this.opts.logger.error({ err }, 'socket handler failed');
        ack({ ok: false, error: 'internal error' });
      },
    );
  }

  /**
   * Like `answer`, but the handler waits its turn in the global admission line, so a storm
   * of subscriptions is served at a bounded rate, principals in turn and each one's in order;
   * the rate limit is checked first.
   */
  private admit<T>(socket: FloorSocket, ack: unknown, handler: () => Answer<T> | Promise<Answer<T>>): void {
    if (typeof ack !== 'function' || !allowed(socket, socket.data.limit, ack)) return;
    // Each principal waits in its own lane, served in turn: one viewer's thousand screens do not hold up another tenant's.
    const queued = this.admission.offer(
      () => this.answer(socket, ack, handler, false),
      () => socket.connected,
      principalKey(socket.data.principal),
    );
    if (!queued) ack(this.busy());
  }

  /** The answer to a subscription the admission line has no room for. */
  private busy(): { ok: false; error: string; retryAfterSeconds: number } {
    const wait = this.admission.waitSeconds();
    return { ok: false, error: `server busy: try again in ${wait} s`, retryAfterSeconds: wait };
  }

  /** Moves a socket into the room of `key`, leaving its previous room of that registry; returns the room and the one it left, if any. */
  private join<T>(socket: FloorSocket, registry: RoomRegistry<T>, key: string, value: T): { room: string; left: string | null } {
    const joined = registry.join(socket.id, key, value);
    if (joined.left) void socket.leave(joined.left);
    void socket.join(joined.room);
    return joined;
  }

  /**
   * Joins the room of the tenants, team and page asked for (with the person scope) and answers its
   * page once the tenants' live adherence is computed (over turns, shared with every reader).
   */
  private async subscribeAdherence(socket: FloorSocket, raw: unknown): Promise<Ack<TenantAdherence[]>> {
    const parsed = adherencePageSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: `adherence:subscribe: ${issueText(parsed.error, 'request')}` };
    const p = socket.data.principal;
    const asked = parsed.data.tenants ?? [];
    const unknown = this.unknownTenant(p, asked);
    if (unknown) return unknown;
    const tenants = asked.length ? new Set(asked) : p.tenants;
    const people = personScope(p, this.opts.auth);
    const teamId = parsed.data.teamId ?? null;
    const page: AdherencePage = { offset: parsed.data.offset ?? 0, limit: parsed.data.limit ?? ADHERENCE_PAGE_DEFAULT };
    const w: AdherenceWatch = { tenants, people, teamId, page };
    this.join(socket, this.adherenceRooms, JSON.stringify([tenants ? [...tenants].sort() : '*', teamId, page.offset, page.limit]) + personScopeKey(people), w);
    const engine = this.engine;
    await Promise.all(this.watchedTenants(tenants).map((t) => this.opts.adherence.tenantAsync(engine, t)));
    return { ok: true, data: this.adherenceOf(w) };
  }

  /** Sends a tenant's alerts to every group watching it (called when a logged alert entry changes them). */
  pushAlerts(tenant: string): void {
    const ledger = this.opts.alerts;
    if (!ledger) return;
    let message: TenantAlerts | null = null;
    for (const { room, value } of this.alertRooms.entries()) {
      if (value.tenants && !value.tenants.has(tenant)) continue;
      message ??= ledger.tenant(tenant);
      this.room(room).emit('alerts', boardAlerts(this.engine, value.board, message));
    }
  }

  private subscribeAlerts(socket: FloorSocket, raw: unknown): Ack<TenantAlerts[]> {
    const parsed = adherenceSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: `alerts:subscribe: ${issueText(parsed.error, 'request')}` };
    const p = socket.data.principal;
    const asked = parsed.data.tenants ?? [];
    const unknown = this.unknownTenant(p, asked);
    if (unknown) return unknown;
    const { watch } = this.watchAlerts(socket, asked.length ? new Set(asked) : p.tenants);
    return { ok: true, data: this.alertsOf(watch.tenants, watch.board) };
  }

  /**
   * Puts the socket in the alerts room of `tenants` and its principal's board as the engine has
   * it now; returns what the room watches, its name and whether the socket left another for it.
   */
  private watchAlerts(socket: FloorSocket, tenants: ReadonlySet<string> | null): { watch: AlertWatch; room: string; moved: boolean } {
    const p = socket.data.principal;
    // An agent hears the alerts of the queues it serves: its agent and queues are part of its room
    // (the agent so that its rooms, and only those, follow its reskills).
    const board = agentBoardQueues(this.engine, p);
    const agent = board && p.agentId !== undefined ? p.agentId : null;
    const watch: AlertWatch = { tenants, board, agent };
    const key = (tenants ? JSON.stringify([...tenants].sort()) : '*') + (board ? JSON.stringify([agent, ...[...board].sort()]) : '');
    const { room, left } = this.join(socket, this.alertRooms, key, watch);
    return { watch: this.alertRooms.valueOf(socket.id) ?? watch, room, moved: left !== null };
  }

  /** The alerts of each known tenant among `tenants` (every tenant when null), by tenant id, limited to an agent's `board`. */
  private alertsOf(tenants: ReadonlySet<string> | null, board: ReadonlySet<string> | null): TenantAlerts[] {
    const ledger = this.opts.alerts;
    if (!ledger) return [];
    return [...this.engine.tenants.keys()].filter((t) => !tenants || tenants.has(t)).sort().map((t) => boardAlerts(this.engine, board, ledger.tenant(t)));
  }

  private subscribeIntraday(socket: FloorSocket, raw: IntradayRequest) {
    const parsed = intradaySchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `intraday:subscribe: ${issueText(parsed.error, 'request')}` };
    const { queueId, tenant, date } = parsed.data;
    // An agent's intraday is that of the queues it serves: any other answers like an unknown queue.
    const board = agentBoardQueues(this.engine, socket.data.principal);
    const found = this.visibleQueues(socket.data.principal, queueId, tenant).filter((q) => boardHasQueue(board, q.config.tenant, q.config.id));
    if (found.length === 0) return { ok: false as const, error: `unknown queue ${quote(queueId)}` };
    if (found.length > 1) return { ok: false as const, error: `queue ${quote(queueId)} exists in ${found.length} of your tenants: give tenant` };
    const q = found[0];
    const day = date ? localDay(this.engine.clock, date) : this.engine.clock.dayOf(this.engine.now);
    if (typeof day === 'string') return { ok: false as const, error: `date: ${day}` };
    const w: IntradayWatch = { tenant: q.config.tenant, queueId: q.config.id, date: day.date };
    this.join(socket, this.intraday, JSON.stringify([w.tenant, w.queueId, w.date]), w);
    return { ok: true as const, data: intradayView(this.engine, this.opts.plan, q, day.start, this.opts.reforecast, this.opts.historyForecast) };
  }

  /**
   * The refusal of the first of `tenants` that `p` may not open (tenantOpenTo), or null when it may
   * open them all. A tenant there is not is unknown to an all-tenant admin too, not an empty board (a
   * typo read as a floor with nobody on it); one granted by name to anyone is an empty board until
   * its first event, as its settings are there; another tenant's answer is that of one there is not.
   */
  private unknownTenant(p: Principal, tenants: readonly string[]): { ok: false; error: string } | null {
    const t = tenants.find((t) => !tenantOpenTo(p, t, (id) => this.engine.tenants.has(id), this.opts.auth));
    return t === undefined ? null : { ok: false, error: `unknown tenant ${quote(t)}` };
  }

  /** The queues with this id in the tenants the principal may see (or the one asked for). */
  private visibleQueues(p: Principal, queueId: string, tenant?: string): QueueState[] {
    if (tenant !== undefined) {
      const q = can.seeTenant(p, tenant) ? this.engine.queue(tenant, queueId) : undefined;
      return q ? [q] : [];
    }
    return visibleFloors(this.engine, p.tenants).flatMap((t) => t.queues.get(queueId) ?? []);
  }

  /** `subscribe`, once the socket's earlier subscribe has been answered when that one is written over turns. */
  private subscribeInOrder(socket: FloorSocket, raw: SubscribeRequest): Answer<VersionedSnapshot> | Promise<Answer<VersionedSnapshot>> {
    const before = this.subscribing.get(socket);
    // Gone meanwhile: joining rooms now would keep it in them (its disconnect has been handled), and nobody hears the answer.
    const next = () => (socket.connected ? this.subscribe(socket, raw) : { ok: false as const, error: 'disconnected' });
    const answer = before ? before.then(next, next) : this.subscribe(socket, raw);
    if (answer instanceof Promise) {
      this.subscribing.set(socket, answer);
      const done = () => {
        if (this.subscribing.get(socket) === answer) this.subscribing.delete(socket);
      };
      answer.then(done, done);
    }
    return answer;
  }

  private subscribe(socket: FloorSocket, raw: SubscribeRequest, first = false): Answer<VersionedSnapshot> | Promise<Answer<VersionedSnapshot>> {
    const parsed = subscribeSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `subscribe: ${issueText(parsed.error, 'request')}` };
    const { tenants = [], queues = [], teams } = parsed.data;
    const p = socket.data.principal;
    const unknown = this.unknownTenant(p, tenants);
    if (unknown) return unknown;
    const queueKeys = new Set<string>();
    for (const ref of queues) {
      const found = typeof ref === 'string' ? this.visibleQueues(p, ref) : this.visibleQueues(p, ref.id, ref.tenant);
      if (found.length === 0) return { ok: false as const, error: `unknown queue ${quote(typeof ref === 'string' ? ref : ref.id)}` };
      for (const q of found) queueKeys.add(scopedKey(q.config.tenant, q.config.id));
    }
    const scopeTenants = tenants.length ? new Set(tenants) : p.tenants;
    // An agent's board shows only the queues it serves, whatever it asked for.
    const board = agentBoardQueues(this.engine, p);
    const asked = queueKeys.size ? queueKeys : null;
    const scopeQueues = board ? new Set([...(asked ?? board)].filter((k) => board.has(k))) : asked;
    // Teams narrow the agents like a filter: a team nobody is in yet, one of a tenant the token may
    // not see and one of another team lead's are the same empty board (agents log in to a team during the day).
    const scope: Scope = { tenants: scopeTenants, queues: scopeQueues, people: personScope(p, this.opts.auth), ...(teams?.length ? { teams: new Set(teams.map((t) => scopedKey(t.tenant, t.id))) } : {}) };
    const key = scopeKey(scope);
    const phase = this.floorPhase(socket);
    // Built and serialised once per scope and phase between the phase's pushes with changes, from
    // the queue views of its last push (so its next update's patches apply field for field). It
    // carries the phase's version, never below what any of the phase's rooms next builds on.
    if (parsed.data.agents === false) {
      this.joinFloor(socket, scope, key, phase);
      const published = this.phases.published(phase);
      return this.phases.snapshot(phase, `a${key}`, () => {
        const s = snapshot(this.engine, scope, (q) => published.view(this.engine, q), false);
        return PreEncoded.of<Ack<VersionedSnapshot>>({ ok: true, data: { ...s, agentCount: agentCountInScope(this.engine, scope), version: this.phases.version(phase) } });
      });
    }
    const cacheKey = `A${key}`;
    const kept = this.phases.keptSnapshot(phase, cacheKey);
    if (kept) {
      this.joinFloor(socket, scope, key, phase);
      return kept;
    }
    const signIn = principalKey(p);
    let built: Promise<PreEncoded<Ack<VersionedSnapshot>>>;
    try {
      built = this.agentSnapshots.get(this.engine, `${phase}${cacheKey}`, signIn, () => this.snapshotWithAgents(phase, cacheKey, scope));
    } catch (e) {
      if (!(e instanceof TooManyBuilds)) throw e;
      // Refused before joining: the screen keeps the room (and scope) it has.
      // A wall of screens of one sign-in after a deploy: each waits in line, and asks again in the
      // admission line when a build ends and its turn comes, or when a build of its scope starts.
      const builds = this.agentSnapshots;
      const waited = builds.wait(this.engine, `${phase}${cacheKey}`, signIn, () => socket.connected, first);
      if (!waited) return { ok: false as const, error: `subscribe: ${e.message} (limit ${e.limit}), and too many wait: ask again in a second` };
      return waited.then(
        (turn) =>
          new Promise<Answer<VersionedSnapshot>>((resolve, reject) => {
            const again = () => {
              const starts = builds.starts;
              try {
                // Refused again: back at the front of the line, where it was.
                resolve(socket.connected ? this.subscribe(socket, raw, true) : { ok: false as const, error: 'disconnected' });
              } catch (err) {
                reject(err);
              } finally {
                // The turn was this ask's: kept, joined, refused, gone or failed, it started no build, so the next waiter may.
                if (turn && builds.starts === starts) builds.handOver(signIn);
              }
            };
            if (this.admission.offer(again, () => true, principalKey(p))) return;
            if (turn) builds.handOver(signIn);
            resolve(this.busy());
          }),
      );
    }
    // Joined as the build starts: updates while it is written reach the screen, which keeps those newer than the answer.
    this.joinFloor(socket, scope, key, phase);
    return built;
  }

  /**
   * A subscribe answer with every agent of the scope: 20,000 agents' views and 7.4 MB of JSON
   * held the loop 100-400 ms in one turn. The agents are written a chunk at a time over turns;
   * then, in a turn of its own, the agents that changed meanwhile are written again and all are
   * joined with the queues of the phase's last push, so the answer is the floor as of that turn
   * and carries the phase's version then, as one built in a single turn would.
   */
  private async snapshotWithAgents(phase: number, cacheKey: string, scope: Scope): Promise<PreEncoded<Ack<VersionedSnapshot>>> {
    const engine = this.engine;
    const hub = this;
    const chunks = await runSliced(
      this.steps,
      'subscribe agents',
      (function* () {
        // Stops at another engine (a replay reset): what it wrote is of no use.
        const steps = agentChunkSteps(engine, scope, (a) => hub.agentViews.view(engine, a));
        for (let r = steps.next(); ; r = steps.next()) {
          if (r.done) return r.value;
          yield;
          if (hub.engine !== engine) return [];
        }
      })(),
    );
    // The last turn is a job of its own: two builds that end together settle in two turns.
    return runSliced(
      this.steps,
      'subscribe answer',
      (function* () {
        return hub.settledSnapshot(phase, cacheKey, scope, hub.engine === engine ? chunks : []);
      })(),
    );
  }

  /** The answer of `settleAgentChunks` on the engine now, kept for the phase until its next push with changes. */
  private settledSnapshot(phase: number, cacheKey: string, scope: Scope, chunks: readonly AgentChunk[]): PreEncoded<Ack<VersionedSnapshot>> {
    const engine = this.engine;
    const published = this.phases.published(phase);
    return this.phases.snapshot(phase, cacheKey, () => {
      const agents = settleAgentChunks(engine, scope, chunks, (a) => this.agentViews.view(engine, a), (a) => this.agentViews.kept(engine, a));
      const text = snapshotTextWith(engine, scope, (q) => published.view(engine, q), agents.texts, `,"agentCount":${agents.texts.length},"version":${this.phases.version(phase)}`);
      return new PreEncoded<Ack<VersionedSnapshot>>(`{"ok":true,"data":${text}}`);
    });
  }

  /**
   * The push phase of the socket's room: a socket that subscribes again keeps its phase (a
   * screen changing scope never hears two updates within an interval); a new one goes where
   * `PushPhases.choose` says.
   */
  private floorPhase(socket: FloorSocket): number {
    return this.floors.valueOf(socket.id)?.phase ?? this.phases.choose();
  }

  /** Puts the socket in the room of its scope and push phase (`floorPhase`), unless it is there. */
  private joinFloor(socket: FloorSocket, scope: Scope, key: string, phase: number): void {
    const before = this.floors.valueOf(socket.id);
    if (before?.key === key) return;
    // A new room starts at its phase's version, which its snapshot carries too.
    this.join(socket, this.floors, `${phase}${key}`, { scope, key, phase, lastSent: this.engine.now, lastSentWall: this.opts.wallClock(), version: this.phases.version(phase) });
    if (!before) this.phases.joined(phase);
  }

  /** A window of the board of the socket's scope (its principal's tenants and people scope before it subscribes). */
  private agentPage(socket: FloorSocket, raw: unknown): Answer<AgentPage> {
    const parsed = agentPageSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: `agents:page: ${issueText(parsed.error, 'request')}` };
    const f = parsed.data;
    const p = socket.data.principal;
    const unknown = this.unknownTenant(p, f.tenant === undefined ? [] : [f.tenant]);
    if (unknown) return unknown;
    // As subscribe answers: a queue of another tenant is unknown exactly like one that does not exist (an empty page said neither).
    if (f.queue && this.visibleQueues(p, f.queue.id, f.queue.tenant).length === 0) return { ok: false, error: `unknown queue ${quote(f.queue.id)}` };
    // The room's scope, shared by its sockets (a copy per socket was 0.2 KB of heap per screen).
    const scope: Scope = this.floors.valueOf(socket.id)?.scope ?? { tenants: p.tenants, queues: agentBoardQueues(this.engine, p), people: personScope(p, this.opts.auth) };
    const filter = { tenant: f.tenant, queue: f.queue, team: f.team };
    const boardKey = JSON.stringify([scopeKey(scope), f.tenant ?? null, f.queue ?? null, f.team ? scopedKey(f.team.tenant, f.team.id) : null]);
    // Asks with the same answer share a key: the search as compared, its reasons only with a search, lists as sets.
    const search = searchKey(f.search);
    const sorted = (xs: readonly string[] | undefined) => (xs?.length ? [...new Set(xs)].sort() : null);
    const pageKey = JSON.stringify([boardKey, this.version, f.offset, f.limit, search, search ? sorted(f.searchReasons?.map((r) => r.toLowerCase())) : null, sorted(f.states), sorted(f.boardStates)]);
    return this.pageAnswers.get(pageKey, () => {
      const board = this.boards.get(boardKey, () => boardIndex(this.engine, scope, filter, (a) => this.agentViews.view(this.engine, a)));
      return PreEncoded.of<Ack<AgentPage>>({ ok: true, data: agentPage(searchBoard(board, f.search, f.searchReasons), f, this.version) });
    });
  }

  /**
   * A tenant's name setting changed: client-viewer rooms watching it get an empty update that
   * builds on a version they never had, so each screen takes a fresh snapshot (built anew: the
   * cached ones hold the old redaction).
   */
  rescope(tenant: string): void {
    this.sendAllNow();
    this.outdateBoards();
    const version = this.version + 1;
    let bumped = false;
    for (const { room, value } of this.floors.entries()) {
      if (!value.scope.people?.hideAgentNames || (value.scope.tenants && !value.scope.tenants.has(tenant))) continue;
      this.room(room).emit('update', { now: this.engine.now, queues: [], agents: [], version, base: version });
      value.version = version;
      bumped = true;
    }
    if (bumped) this.version = version;
    // Snapshots built anew (the cached ones hold the old redaction), at a version no bumped room is above.
    this.phases.renewAll(this.version);
  }

  /** The push timer's beat, every `pushIntervalMs / PUSH_PHASES`: pushes the next phase's rooms. */
  beat(): void {
    this.beats = (this.beats + 1) % PUSH_PHASES;
    this.push([this.beats]);
  }

  /** Pushes every phase's rooms now, as if a whole interval of beats had passed (tests drive pushes with it). */
  flush(): void {
    this.push(Array.from({ length: PUSH_PHASES }, (_, p) => p));
  }

  /**
   * Sends what changed since each due phase's last push: one message per room (a scope in a
   * phase), built and encoded once for all its sockets. Queues seen before go as patches of
   * their changed fields; a room with nothing new hears nothing (the transport heartbeat says
   * the link is alive), except the engine clock when it runs apart from real time. The messages
   * are built here and sent over as many turns of the loop as SEND_BUDGET_MS asks.
   */
  private push(phases: readonly number[]): void {
    for (const p of phases) this.duePhases.add(p);
    // Versions must reach each room in order: these phases go once the last messages are out.
    if (this.sentUpTo < this.outbox.length) return;
    // Only now: a room's version may name an update still in the outbox, which a screen let back in would take for one it missed.
    this.slowReaders.review(this.opts.wallClock());
    const engine = this.engine;
    const interval = engine.clock.intervalStart(engine.now);
    const dirty = engine.takeDirty();
    this.agentViews.forget(dirty.agents);
    if (dirty.moved.size) {
      this.markLeavers(dirty.moved);
      this.followReskills(dirty.moved);
    }
    // Boards are built from the live engine, so any change outdates them, whether or not a screen
    // is subscribed: with no room to push to they were never rebuilt, and a board paged without
    // a subscription stayed as it was at its first page.
    if (dirty.agents.length || dirty.queues.length) this.outdateBoards();
    const newInterval = interval !== this.lastInterval;
    if (newInterval) {
      // A new interval changes every queue's "this interval" figures, and closes one for the reforecast.
      this.lastInterval = interval;
      this.pushIntraday('all');
    }
    this.phases.collect(dirty.queues, dirty.agents, newInterval, this.version);
    const due = [...this.duePhases].filter((p) => this.phases.has(p));
    this.duePhases.clear();
    // A beat of a phase with no screens (every beat but one while a floor has few) stops here.
    if (!due.length) return;
    const now = engine.now;
    const wall = this.opts.wallClock();
    const rooms = [...this.floors.entries()];
    // Whatever changed belongs to the next version; cached snapshots predate it (boards were
    // outdated when the change was taken). A push with no change keeps them: they are still what the next update builds on.
    const version = this.version + 1;
    let sent = false;
    const changed: number[] = [];
    for (const phase of due) {
      const taken = this.phases.take(phase);
      // Each changed queue is viewed and diffed once per phase, whatever the number of rooms showing it.
      const changes: { q: QueueState; change: QueueChange }[] = [];
      for (const q of taken.allQueues ? engine.allQueues() : taken.queues) {
        const change = taken.published.publish(engine, q);
        if (change) changes.push({ q, change });
      }
      if (changes.length || taken.agents.length) changed.push(phase);
      const phaseRooms = rooms.filter((r) => r.value.phase === phase);
      const changedAgents = new ChangedAgents(engine, taken.agents);
      for (const { room, value } of phaseRooms) {
        // Built on a version the screens never had: they take it for a missed update and subscribe again.
        const u: Update = { now, queues: [], agents: [], version, base: value.resync ? version : value.version };
        const patches: NonNullable<Update['queuePatches']> = [];
        for (const { q, change } of changes) {
          if (!queueInScope(value.scope, q)) continue;
          if (change.full) u.queues.push(change.full);
          else patches.push(change.patch);
        }
        if (patches.length) u.queuePatches = patches;
        for (const a of changedAgents.inScope(value.scope)) {
          u.agents.push(redactAgent(value.scope.people, this.agentViews.view(engine, a)));
        }
        if (u.queues.length || patches.length || u.agents.length || value.resync) {
          value.resync = false;
          this.outbox.push({ room, update: u });
          value.version = version;
          sent = true;
        } else if (!clockDrifted(value, now, wall)) {
          continue;
        } else {
          this.outbox.push({ room, tick: { now } });
        }
        value.lastSent = now;
        value.lastSentWall = wall;
      }
    }
    // Set before any message goes: a screen subscribing between two turns of sending gets the
    // snapshot of this version, and its room's update (if still to come) repeats what it holds.
    if (sent) this.version = version;
    for (const phase of changed) this.phases.renew(phase, this.version);
    this.sendOutbox();
  }

  /**
   * Marks the rooms whose scope held an agent before a login moved it to another team or other
   * queues (`moved`: agent to where it stood) and holds it no more. Updates carry changed agents
   * and never a removal, so a team's screen, a team lead's or a screen of some queues kept the row
   * of an agent that left them until it subscribed again for another reason: now the room's next
   * update asks it to.
   */
  private markLeavers(moved: ReadonlyMap<AgentRecord, ScopeBefore>): void {
    // Each moved agent as it was and is, its queues' keys found once (a shift's reassignment moves hundreds, and scoped screens are many).
    const agents = [...moved].map(([a, before]) => ({
      a,
      was: { ...a, teamId: before.teamId },
      wasKeys: before.queues.map((q) => scopedKey(a.tenant, q.config.id)),
      keys: undefined as string[] | undefined,
    }));
    for (const { value } of this.floors.entries()) {
      const scope = value.scope;
      if (value.resync || (!scope.teams && !scope.people?.teams && !scope.queues)) continue;
      for (const m of agents) {
        if (scope.queues) m.keys ??= agentQueueKeys(this.engine, m.a);
        if (agentInScope(scope, this.engine, m.was, m.wasKeys) && !agentInScope(scope, this.engine, m.a, m.keys)) {
          value.resync = true;
          break;
        }
      }
    }
  }

  /**
   * Brings agent users' screens up to date with their agents' new skills (`moved`: agent to where
   * it stood; only those whose skills changed count): an agent user's board, alerts and intraday
   * show the queues its agent was skilled for when it subscribed. Each floor room of such an agent
   * user (in the agent's tenant) is marked so that its next update asks its screens to subscribe
   * again, as `markLeavers` does; each of its alerts rooms moves its sockets to the room of the new
   * board and sends them its alerts (alerts have no versions to ask again by); its sockets leave the
   * intraday room of a queue it no longer serves. Other rooms and sockets are not touched.
   */
  private followReskills(moved: ReadonlyMap<AgentRecord, ScopeBefore>): void {
    const reskilled = reskilledUsers(moved);
    if (!reskilled) return;
    for (const { value } of this.floors.entries()) if (reskilled(value.scope.people?.agent, value.scope.tenants)) value.resync = true;
    // Rooms first, then their sockets: moving a socket changes the registry and the room's members.
    const rooms = [...this.alertRooms.entries()].filter(({ value }) => reskilled(value.agent, value.tenants));
    const notify = new Map<string, AlertWatch>();
    for (const { room } of rooms) {
      for (const socket of this.socketsIn(room)) {
        const watch = this.alertRooms.valueOf(socket.id);
        if (!watch) continue;
        const now = this.watchAlerts(socket, watch.tenants);
        if (now.moved) notify.set(now.room, now.watch);
      }
    }
    for (const [room, w] of notify) for (const alerts of this.alertsOf(w.tenants, w.board)) this.room(room).emit('alerts', alerts);
    this.dropLostIntraday(reskilled);
  }

  /**
   * Takes the sockets of reskilled agent users (`reskilled`, see `reskilledUsers`) out of the
   * intraday room of a queue their agent no longer serves. An intraday watch is of one queue the
   * screen chose, so there is no new room to move it to: the board's update (marked by
   * `followReskills`) makes the client subscribe again, and its intraday page then watches a queue
   * of the new board. The room, shared by every screen of that queue's day, stays.
   */
  private dropLostIntraday(reskilled: ReskilledUsers): void {
    // Every intraday socket is looked at once per cycle with a reskill (logins are rare beside pushes);
    // rooms first, then their sockets: leaving changes the registry and the room's members.
    for (const { room, value: w } of [...this.intraday.entries()]) {
      for (const socket of this.socketsIn(room)) {
        const p = socket.data.principal;
        if (!reskilled(p.agentId, p.tenants) || boardHasQueue(agentBoardQueues(this.engine, p), w.tenant, w.queueId)) continue;
        this.intraday.leave(socket.id);
        void socket.leave(room);
      }
    }
  }

  /** The sockets in a room now, as a list that stays as it is while they leave it. */
  private socketsIn(room: string): FloorSocket[] {
    return [...(this.io.adapter.rooms.get(room) ?? [])].flatMap((id) => this.io.sockets.get(id) ?? []);
  }

  /**
   * Sends the cycle's room messages for up to SEND_BUDGET_MS (at least one), then yields and
   * goes on at the next turn. Rooms are resolved when their message goes: a screen that moved
   * to another scope meanwhile never gets its old scope's update.
   */
  private sendOutbox(): void {
    const start = performance.now();
    const first = this.sentUpTo;
    while (this.sentUpTo < this.outbox.length) {
      if (this.sentUpTo > first && performance.now() - start >= this.sendBudgetMs) {
        setImmediate(() => this.sendOutbox());
        return;
      }
      this.emitRoom(this.outbox[this.sentUpTo++]);
    }
    this.outbox = [];
    this.sentUpTo = 0;
    if (this.duePhases.size) this.push([]);
  }
}

/**
 * Whether a room's screens, extrapolating the engine clock at real speed from the room's last
 * message, are now CLOCK_DRIFT_MS or more off (a simulated or replayed clock), and a second of
 * real time has passed since that message. A live floor's clock is real time: never.
 */
function clockDrifted(g: FloorGroup, now: number, wall: number): boolean {
  const realElapsed = wall - g.lastSentWall;
  return realElapsed >= 1000 && Math.abs(now - g.lastSent - realElapsed) >= CLOCK_DRIFT_MS;
}

