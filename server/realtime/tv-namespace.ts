import type { Namespace, Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { z } from 'zod';
import { can, type Authenticator, type Principal } from '../auth/principals.ts';
import { tenantOpenTo } from '../auth/known-tenant.ts';
import type { Directory } from '../domain/directory.ts';
import type { Engine, QueueState } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import { tvTile, type TvQueueInput } from '../domain/tv-tiles.ts';
import { trendAxis } from '../domain/tv-trend.ts';
import type { Ack, TvClientToServer, TvServerToClient } from '../protocol/socket.ts';
import type { TvFrame, TvHello, TvTile } from '../protocol/tv.ts';
import { filterId } from '../validation/filter-id.ts';
import { quote } from '../validation/quote.ts';
import { issueText } from '../validation/zod-issues.ts';
import { hasTenant, requiredNow, tenantTile } from '../views/tv.ts';
import { allowed, RequestLimit } from './rate-limit.ts';
import { RoomRegistry } from './room-registry.ts';
import type { ConnectionCap } from './connection-cap.ts';
import { requireSocketRole } from './socket-auth.ts';
import { LAGGING, SlowReaders } from './slow-readers.ts';
import { agentBoardQueues, boardHasTenant } from '../views/people-scope.ts';
import { leanConnection } from './lean-connection.ts';

interface TvData {
  principal: Principal;
  limit: RequestLimit;
}
type TvNamespace = Namespace<TvClientToServer, TvServerToClient, Record<string, never>, TvData>;
type TvSocket = Socket<TvClientToServer, TvServerToClient, Record<string, never>, TvData>;

// Read as the board reads them (filterId): " acme" is acme's tile.
const subscribeSchema = z.object({ tenants: z.array(filterId).max(200).optional() }).strict();
/** How long (ms, real time) a queue's "required now" is reused: it changes with the interval and the plan, not each second. */
const REQUIRED_TTL_MS = 10_000;
/** How long (ms) a revoked display's sockets get to receive `display:revoked` before they are cut. */
const REVOKE_GRACE_MS = 100;

export interface TvOptions {
  io: Server;
  engine: Engine;
  plan: Plan;
  reforecast: ReforecastParams;
  auth: Authenticator;
  /** Live sockets per principal over the whole server, with their ceiling. */
  connections: ConnectionCap;
  directory: Directory;
  logger: Logger;
  /** Real time, epoch ms (rate limits, caches). */
  wallClock: () => number;
  /** How often frames are pushed (ms). */
  pushIntervalMs?: number;
}

/**
 * The executive TV feed, namespace /tv. Sockets watching the same list of clients share a
 * room; each push cycle computes every watched client's tile once, whatever the number of
 * screens, and sends one frame per room.
 */
export class TvFeed {
  private readonly ns: TvNamespace;
  /** Each room's clients, looked up at every push: a TV that asked for every client it may see also shows those that arrive later. */
  private readonly rooms = new RoomRegistry<() => string[]>('tv');
  private readonly required = new WeakMap<QueueState, { at: number; interval: number; value: number | null }>();
  private timer: NodeJS.Timeout | null = null;
  /** TVs that do not keep up with their frames; looked at once a push (a second by default). */
  readonly slowReaders: SlowReaders<TvSocket>;

  constructor(private readonly opts: TvOptions) {
    this.ns = opts.io.of('/tv') as unknown as TvNamespace;
    this.slowReaders = new SlowReaders(() => this.ns.sockets.values());
    requireSocketRole(this.ns as unknown as Namespace, opts.auth, 'tv', opts.connections);
    this.ns.on('connection', (socket) => {
      socket.data.limit = new RequestLimit(opts.wallClock);
      socket.on('tv:subscribe', (req, ack) => this.answer(socket, ack, () => this.subscribe(socket, req)));
      socket.on('disconnect', () => this.rooms.leave(socket.id));
      leanConnection(socket);
    });
  }

  start(): void {
    this.timer = setInterval(() => this.push(), this.opts.pushIntervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Tells a revoked display's sockets, then disconnects them (within REVOKE_GRACE_MS). */
  revokeDisplay(id: string): void {
    for (const socket of this.ns.sockets.values()) {
      if (socket.data.principal?.displayId !== id) continue;
      socket.emit('display:revoked', { id });
      setTimeout(() => socket.disconnect(true), REVOKE_GRACE_MS).unref();
    }
  }

  /**
   * Sends a frame to every room; tiles are computed once per tenant per call. A TV that does not
   * keep up is left out until it does (slow-readers.ts): each frame is whole, so the next one it
   * reads brings it up to date.
   */
  push(): void {
    const wall = this.opts.wallClock();
    this.slowReaders.review(wall);
    this.slowReaders.scan(wall);
    const cache = new Map<string, { tile: TvTile; inputs: TvQueueInput[]; onPhones: number }>();
    for (const { room, value } of this.rooms.entries()) this.ns.to(room).except(LAGGING).emit('tv', this.frame(value(), cache));
  }

  private answer<T>(socket: TvSocket, ack: unknown, handler: () => Ack<T>): void {
    if (typeof ack !== 'function' || !allowed(socket, socket.data.limit, ack)) return;
    try {
      ack(handler());
    } catch (err) {
      this.opts.logger.error({ err }, 'tv handler failed');
      ack({ ok: false, error: 'internal error' });
    }
  }

  private subscribe(socket: TvSocket, raw: unknown): Ack<TvHello> {
    const parsed = subscribeSchema.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: `tv:subscribe: ${issueText(parsed.error, 'request')}` };
    const p = socket.data.principal;
    let key: string;
    let watch: () => string[];
    let display: TvHello['display'] = null;
    if (p.displayId) {
      // A display shows its own clients, in the order the admin gave them.
      const d = this.opts.directory.displays.get(p.displayId);
      if (!d || d.revokedAt !== null) return { ok: false, error: 'this display was switched off' };
      const tenants = d.tenants;
      [key, watch] = [JSON.stringify(tenants), () => tenants];
      display = { id: d.id, name: d.name, rotationSeconds: d.rotationSeconds, lang: d.lang };
    } else {
      const engine = this.opts.engine;
      // A tile sums every queue of its client: an agent sees one only when it serves them all, as GET /reports answers it.
      const served = (ids: string[]): string[] => {
        const board = agentBoardQueues(engine, p);
        return board ? ids.filter((t) => boardHasTenant(engine, board, t)) : ids;
      };
      const asked = parsed.data.tenants ?? [];
      const mine = served(asked);
      for (const t of asked) if (!tenantOpenTo(p, t, (id) => hasTenant(engine, id), this.opts.auth) || !mine.includes(t)) return { ok: false, error: `unknown tenant ${quote(t)}` };
      // An agent's room is its own: which clients it may see follows its skills.
      const whose = p.role === 'agent' ? `agent:${JSON.stringify(p.agentId ?? null)}:` : '';
      if (asked.length) [key, watch] = [whose + JSON.stringify(asked), () => served(asked)];
      else {
        // Every client this caller sees, now and later: on a fresh floor the first client's events bring its tile.
        key = `${whose}every:${p.tenants === null ? '*' : JSON.stringify([...p.tenants].sort())}`;
        watch = () => served([...engine.tenants.keys()].filter((t) => can.seeTenant(p, t)).sort());
      }
    }
    const { room, left } = this.rooms.join(socket.id, key, watch);
    if (left) void socket.leave(left);
    void socket.join(room);
    return { ok: true, data: { display, frame: this.frame(watch(), new Map()) } };
  }

  private frame(tenants: string[], cache: Map<string, { tile: TvTile; inputs: TvQueueInput[]; onPhones: number }>): TvFrame {
    const engine = this.opts.engine;
    const parts = tenants.map((t) => {
      let part = cache.get(t);
      if (!part) cache.set(t, (part = tenantTile(engine, t, (q) => this.requiredOf(q))));
      return part;
    });
    const floor = tvTile('*', '', parts.flatMap((p) => p.inputs), parts.reduce((n, p) => n + p.onPhones, 0));
    return { now: engine.now, timezone: engine.config.timezone, intervalMinutes: engine.config.intervalMinutes, trend: trendAxis(engine.clock, engine.now), tiles: parts.map((p) => p.tile), floor };
  }

  private requiredOf(q: QueueState): number | null {
    const engine = this.opts.engine;
    const at = this.opts.wallClock();
    const interval = engine.clock.intervalStart(engine.now);
    const hit = this.required.get(q);
    if (hit && hit.interval === interval && at - hit.at < REQUIRED_TTL_MS) return hit.value;
    const value = requiredNow(engine, this.opts.plan, q, this.opts.reforecast);
    this.required.set(q, { at, interval, value });
    return value;
  }
}
