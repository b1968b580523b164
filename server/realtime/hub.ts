import type { Namespace, Server, Socket } from 'socket.io';
import { requireSocketRole } from './socket-auth.ts';
import { z } from 'zod';
import type { Logger } from 'pino';
import { can, type Authenticator, type Principal } from '../auth/principals.ts';
import type { Engine } from '../domain/engine.ts';
import type { AgentView, QueueView } from '../protocol/metrics.ts';
import type { ClientToServer, IntradayRequest, ServerToClient, SubscribeRequest, Update } from '../protocol/socket.ts';
import type { Plan } from '../domain/plan.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import { impactLookup, intradayView } from '../views/intraday.ts';
import type { AdherenceRules } from '../domain/adherence.ts';
import { adherenceLive } from '../views/adherence.ts';
import type { TenantAdherence } from '../protocol/adherence.ts';
import { agentView } from '../views/agent-view.ts';
import { queueView } from '../views/queue-view.ts';
import { agentQueues, snapshot } from '../views/snapshot.ts';
import { issueText } from '../validation/zod-issues.ts';

interface SocketData {
  principal: Principal;
}

export type FloorServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type FloorNamespace = Namespace<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type FloorSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

const intradaySchema = z.object({ queueId: z.string().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional() });

const subscribeSchema = z.object({
  tenants: z.array(z.string().min(1)).max(200).optional(),
  queues: z.array(z.string().min(1)).max(1000).optional(),
});

/** Room names: every tenant, one tenant, one queue. */
const ALL_ROOM = 't:*';
const tenantRoom = (id: string) => `t:${id}`;
const queueRoom = (id: string) => `q:${id}`;
const intradayRoom = (queueId: string, date: string) => `i:${queueId}:${date}`;

/** How often (ms) open intraday views are refreshed while nothing in the plan changes. */
const INTRADAY_REFRESH_MS = 5000;
/** How often (ms) live adherence is pushed (times in and out of adherence tick client-side). */
const ADHERENCE_REFRESH_MS = 2000;
const adherenceRoom = (tenant: string) => `adh:${tenant}`;

/**
 * Pushes the floor to browsers. Each socket proves who it is at the handshake, subscribes to
 * the tenants or queues it may see, gets a full snapshot in the acknowledgement, then receives
 * coalesced updates: all changes within `pushIntervalMs` go out as one message per room.
 */
export class Hub {
  private timer: NodeJS.Timeout | null = null;
  private intradayTimer: NodeJS.Timeout | null = null;
  private adherenceTimer: NodeJS.Timeout | null = null;
  private lastInterval = -1;
  private lastTick = 0;

  constructor(
    private readonly io: FloorNamespace,
    /** The engine this hub serves; a replay workspace swaps it with `setEngine`. */
    public engine: Engine,
    auth: Authenticator,
    private readonly logger: Logger,
    private readonly pushIntervalMs: number,
    private readonly plan: Plan,
    private readonly reforecast: ReforecastParams,
    private readonly adherence: AdherenceRules,
  ) {
    requireSocketRole(io as unknown as Namespace, auth, 'read');
    io.on('connection', (socket) => this.onConnection(socket));
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), this.pushIntervalMs);
    this.timer.unref();
    this.intradayTimer = setInterval(() => this.pushIntraday('all'), INTRADAY_REFRESH_MS);
    this.intradayTimer.unref();
    this.adherenceTimer = setInterval(() => this.pushAdherence(), ADHERENCE_REFRESH_MS);
    this.adherenceTimer.unref();
  }

  /** Serves another engine (a new replay); clients are told to subscribe again. */
  setEngine(engine: Engine): void {
    this.engine = engine;
    this.lastInterval = -1;
    this.io.emit('reset');
  }

  /** Sends live adherence per tenant to the rooms watching it. */
  pushAdherence(): void {
    const rooms = this.io.adapter.rooms;
    const all = rooms.has(adherenceRoom('*'));
    const impact = impactLookup(this.engine, this.plan, this.reforecast);
    for (const tenant of this.engine.tenants.keys()) {
      if (!all && !rooms.has(adherenceRoom(tenant))) continue;
      this.io.to([adherenceRoom(tenant), adherenceRoom('*')]).emit('adherence', this.tenantAdherence(tenant, impact));
    }
  }

  private tenantAdherence(tenant: string, impact: ReturnType<typeof impactLookup>): TenantAdherence {
    return { ...adherenceLive(this.engine, this.plan, this.adherence, { tenants: new Set([tenant]) }, impact), tenant };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.intradayTimer) clearInterval(this.intradayTimer);
    if (this.adherenceTimer) clearInterval(this.adherenceTimer);
    this.timer = null;
    this.intradayTimer = null;
  }

  /** Recomputes and sends the intraday views being watched, for some queues or all. */
  pushIntraday(queueIds: string[] | 'all'): void {
    for (const room of this.io.adapter.rooms.keys()) {
      if (!room.startsWith('i:')) continue;
      const [, queueId, date] = room.split(':');
      if (queueIds !== 'all' && !queueIds.includes(queueId)) continue;
      const q = this.engine.queues.get(queueId);
      const day = this.engine.clock.dayOfDate(date);
      if (!q || !day) continue;
      this.io.to(room).emit('intraday', intradayView(this.engine, this.plan, q, day.start, this.reforecast));
    }
  }

  private onConnection(socket: FloorSocket): void {
    socket.on('subscribe', (req, ack) => this.answer(ack, () => this.subscribe(socket, req)));
    socket.on('intraday:subscribe', (req, ack) => this.answer(ack, () => this.subscribeIntraday(socket, req)));
    socket.on('adherence:subscribe', (req, ack) => this.answer(ack, () => this.subscribeAdherence(socket, req)));
  }

  /** Runs a handler and acknowledges its answer; never throws at the client. */
  private answer<T>(ack: unknown, handler: () => T): void {
    if (typeof ack !== 'function') return;
    try {
      ack(handler());
    } catch (err) {
      this.logger.error({ err }, 'socket handler failed');
      ack({ ok: false, error: 'internal error' });
    }
  }

  private subscribeAdherence(socket: FloorSocket, raw: { tenants?: string[] }) {
    const parsed = subscribeSchema.pick({ tenants: true }).safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `adherence:subscribe: ${issueText(parsed.error, 'request')}` };
    const p = socket.data.principal;
    const asked = parsed.data.tenants ?? [];
    for (const t of asked) if (!can.seeTenant(p, t)) return { ok: false as const, error: `not allowed to see tenant "${t}"` };
    for (const room of socket.rooms) if (room.startsWith('adh:')) socket.leave(room);
    const tenants = asked.length ? asked : p.tenants ? [...p.tenants] : null;
    if (tenants) for (const t of tenants) socket.join(adherenceRoom(t));
    else socket.join(adherenceRoom('*'));
    const impact = impactLookup(this.engine, this.plan, this.reforecast);
    return { ok: true as const, data: (tenants ?? [...this.engine.tenants.keys()]).map((t) => this.tenantAdherence(t, impact)) };
  }

  private subscribeIntraday(socket: FloorSocket, raw: IntradayRequest) {
    const parsed = intradaySchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `intraday:subscribe: ${issueText(parsed.error, 'request')}` };
    const q = this.engine.queues.get(parsed.data.queueId);
    if (!q || !can.seeTenant(socket.data.principal, q.config.tenant)) return { ok: false as const, error: `unknown queue "${parsed.data.queueId}"` };
    const day = parsed.data.date ? this.engine.clock.dayOfDate(parsed.data.date) : this.engine.clock.dayOf(this.engine.now);
    if (!day) return { ok: false as const, error: `date: "${parsed.data.date}" is not a date` };
    for (const room of socket.rooms) if (room.startsWith('i:')) socket.leave(room);
    socket.join(intradayRoom(q.config.id, day.date));
    return { ok: true as const, data: intradayView(this.engine, this.plan, q, day.start, this.reforecast) };
  }

  private subscribe(socket: FloorSocket, raw: SubscribeRequest) {
    const parsed = subscribeSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `subscribe: ${issueText(parsed.error, 'request')}` };
    const { tenants = [], queues = [] } = parsed.data;
    const p = socket.data.principal;
    for (const t of tenants) if (!can.seeTenant(p, t)) return { ok: false as const, error: `not allowed to see tenant "${t}"` };
    for (const id of queues) {
      const q = this.engine.queues.get(id);
      if (!q || !can.seeTenant(p, q.config.tenant)) return { ok: false as const, error: `unknown queue "${id}"` };
    }
    for (const room of socket.rooms) if (room !== socket.id && !room.startsWith('i:') && !room.startsWith('adh:')) socket.leave(room);
    let scopeTenants: Set<string> | null;
    if (queues.length) {
      for (const id of queues) socket.join(queueRoom(id));
      scopeTenants = p.tenants ? new Set(p.tenants) : null;
    } else if (tenants.length) {
      for (const t of tenants) socket.join(tenantRoom(t));
      scopeTenants = new Set(tenants);
    } else if (p.tenants) {
      for (const t of p.tenants) socket.join(tenantRoom(t));
      scopeTenants = new Set(p.tenants);
    } else {
      socket.join(ALL_ROOM);
      scopeTenants = null;
    }
    const data = snapshot(this.engine, { tenants: scopeTenants, queues: queues.length ? new Set(queues) : null });
    return { ok: true as const, data };
  }

  /** Sends what changed since the last flush; called every `pushIntervalMs`. */
  flush(): void {
    const engine = this.engine;
    const interval = engine.clock.intervalStart(engine.now);
    const dirty = engine.takeDirty();
    if (interval !== this.lastInterval) {
      // A new interval changes every queue's "this interval" figures, and closes one for the reforecast.
      this.lastInterval = interval;
      for (const id of engine.queues.keys()) dirty.queues.add(id);
      this.pushIntraday('all');
    }
    const now = engine.now;
    if (dirty.queues.size === 0 && dirty.agents.size === 0) {
      if (now - this.lastTick >= 1000 || now < this.lastTick) {
        this.lastTick = now;
        this.io.emit('tick', { now });
      }
      return;
    }
    this.lastTick = now;
    const byTenant = new Map<string, Update>();
    const byQueue = new Map<string, Update>();
    const updateFor = (map: Map<string, Update>, key: string) => {
      let u = map.get(key);
      if (!u) map.set(key, (u = { now, queues: [], agents: [] }));
      return u;
    };
    for (const id of dirty.queues) {
      const q = engine.queues.get(id);
      if (!q) continue;
      const view: QueueView = queueView(engine, q);
      updateFor(byTenant, q.config.tenant).queues.push(view);
      updateFor(byQueue, id).queues.push(view);
    }
    for (const id of dirty.agents) {
      const a = engine.agents.get(id);
      if (!a) continue;
      const view: AgentView = agentView(engine, a);
      updateFor(byTenant, a.tenant).agents.push(view);
      for (const qid of agentQueues(engine, id)) updateFor(byQueue, qid).agents.push(view);
    }
    for (const [tenant, u] of byTenant) this.io.to([tenantRoom(tenant), ALL_ROOM]).emit('update', u);
    for (const [qid, u] of byQueue) this.io.to(queueRoom(qid)).emit('update', u);
  }
}
