import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Logger } from 'pino';
import { can, type Authenticator, type Principal } from '../auth/principals.ts';
import type { Engine } from '../domain/engine.ts';
import type { AgentView, QueueView } from '../protocol/metrics.ts';
import type { ClientToServer, ServerToClient, SubscribeRequest, Update } from '../protocol/socket.ts';
import { agentView } from '../views/agent-view.ts';
import { queueView } from '../views/queue-view.ts';
import { agentQueues, snapshot } from '../views/snapshot.ts';

interface SocketData {
  principal: Principal;
}

export type FloorServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type FloorSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

const subscribeSchema = z.object({
  tenants: z.array(z.string().min(1)).max(200).optional(),
  queues: z.array(z.string().min(1)).max(1000).optional(),
});

/** Room names: every tenant, one tenant, one queue. */
const ALL_ROOM = 't:*';
const tenantRoom = (id: string) => `t:${id}`;
const queueRoom = (id: string) => `q:${id}`;

/**
 * Pushes the floor to browsers. Each socket proves who it is at the handshake, subscribes to
 * the tenants or queues it may see, gets a full snapshot in the acknowledgement, then receives
 * coalesced updates: all changes within `pushIntervalMs` go out as one message per room.
 */
export class Hub {
  private timer: NodeJS.Timeout | null = null;
  private lastInterval = -1;
  private lastTick = 0;

  constructor(
    private readonly io: FloorServer,
    private readonly engine: Engine,
    auth: Authenticator,
    private readonly logger: Logger,
    private readonly pushIntervalMs: number,
  ) {
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const principal = auth.resolve(typeof token === 'string' ? token : undefined);
      if (!principal) return next(new Error('unauthorized: missing or unknown token'));
      if (!can.read(principal)) return next(new Error(`forbidden: token "${principal.name}" may not read`));
      socket.data.principal = principal;
      next();
    });
    io.on('connection', (socket) => this.onConnection(socket));
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), this.pushIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private onConnection(socket: FloorSocket): void {
    socket.on('subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      try {
        ack(this.subscribe(socket, req));
      } catch (err) {
        this.logger.error({ err }, 'subscribe failed');
        ack({ ok: false, error: 'internal error' });
      }
    });
  }

  private subscribe(socket: FloorSocket, raw: SubscribeRequest) {
    const parsed = subscribeSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false as const, error: `subscribe: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}` };
    const { tenants = [], queues = [] } = parsed.data;
    const p = socket.data.principal;
    for (const t of tenants) if (!can.seeTenant(p, t)) return { ok: false as const, error: `not allowed to see tenant "${t}"` };
    for (const id of queues) {
      const q = this.engine.queues.get(id);
      if (!q || !can.seeTenant(p, q.config.tenant)) return { ok: false as const, error: `unknown queue "${id}"` };
    }
    for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
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
      // A new interval changes every queue's "this interval" figures.
      this.lastInterval = interval;
      for (const id of engine.queues.keys()) dirty.queues.add(id);
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
