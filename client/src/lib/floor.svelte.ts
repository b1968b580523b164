import { io, type Socket } from 'socket.io-client';
import { refusalText } from './api-text.ts';
import type { AgentView, QueueView, Snapshot } from '../../../server/protocol/metrics.ts';
import type { Ack, AgentPage, AgentPageFilter, ClientToServer, IntradayRequest, ServerToClient, Update, VersionedSnapshot } from '../../../server/protocol/socket.ts';
import type { IntradayView } from '../../../server/protocol/intraday.ts';
import type { AdherenceLive } from '../../../server/protocol/adherence.ts';
import type { TenantAlerts } from '../../../server/protocol/alerts.ts';
import { viewerToken } from './token.ts';
import { workspace } from './workspace.ts';
import { missedUpdate } from './version-gap.ts';

export type LinkState = 'connecting' | 'live' | 'stale' | 'offline' | 'denied';

/** No message for this long (ms) means the numbers on screen may be old. */
const STALE_AFTER_MS = 4000;
/**
 * Reconnection back-off (ms): the first try after 1-1.5 s, doubling to at most 10 s, each
 * delay spread by ±50% so a thousand screens cut off together do not all come back together.
 */
const RECONNECT = { reconnectionDelay: 1000, reconnectionDelayMax: 10_000, randomizationFactor: 0.5 };

/**
 * The live floor in the browser: one socket, a snapshot on every (re)connect, then updates
 * applied as upserts; an update that builds on a version this screen never got means one was
 * missed, and the screen subscribes again. Agent rows are not in the snapshot: the board pages
 * them (`agentPage`), and `agents` holds only the agents updates brought since. `now` estimates the server's engine clock between messages so
 * times in state tick every second.
 */
class Floor {
  queues = $state.raw<Record<string, QueueView>>({});
  agents = $state.raw<Record<string, AgentView>>({});
  tenants = $state.raw<{ id: string; name: string }[]>([]);
  timezone = $state('UTC');
  intervalMinutes = $state(30);
  link = $state<LinkState>('connecting');
  error = $state<string | null>(null);
  /** Estimated engine clock, epoch ms. */
  now = $state(Date.now());
  /** Real time, epoch ms, refreshed with `now`. */
  wallNow = $state(Date.now());
  /** Real time of the last message, epoch ms. */
  lastMessageAt = $state(0);
  /** Bumped on each snapshot, so charts can refetch history. */
  snapshotSeq = $state(0);
  /** Agents in the subscribed scope (from the snapshot). */
  agentCount = $state(0);
  /** Floor version of the last snapshot or update applied. */
  version = $state(0);
  /** Floor version at which each agent in `agents` arrived, by key (the board keeps the newer of page and update). */
  agentVersions: Record<string, number> = {};
  /** Live adherence by tenant, pushed every 2 seconds. */
  adherence = $state.raw<Record<string, AdherenceLive>>({});
  /** Open and recently closed alerts by tenant, pushed when they change. */
  alerts = $state.raw<Record<string, TenantAlerts>>({});

  private socket: Socket<ServerToClient, ClientToServer> | null = null;
  /** A subscription is on its way: updates wait for its snapshot (and a gap asks only once). */
  private subscribing = false;
  private offset = 0;
  private intradayWatch: { req: IntradayRequest; onView: (v: IntradayView) => void; onError: (e: string) => void } | null = null;

  /**
   * Watches one queue's intraday (pushed on plan changes and every few seconds); one at a time.
   * Returns a function that stops watching.
   */
  watchIntraday(req: IntradayRequest, onView: (v: IntradayView) => void, onError: (e: string) => void): () => void {
    const watch = { req, onView, onError };
    this.intradayWatch = watch;
    this.askIntraday();
    return () => {
      if (this.intradayWatch === watch) this.intradayWatch = null;
    };
  }

  private askIntraday(): void {
    const w = this.intradayWatch;
    if (!w || !this.socket?.connected) return;
    this.socket.emit('intraday:subscribe', w.req, (res) => {
      if (this.intradayWatch !== w) return;
      if (res.ok) w.onView(res.data);
      else w.onError(res.error);
    });
  }

  connect(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClient, ClientToServer> = io(workspace === 'replay' ? '/replay' : '/', { auth: (cb) => cb({ token: viewerToken() }), ...RECONNECT });
    this.socket = socket;
    const subscribeAll = () => {
      this.subscribe();
      this.askIntraday();
      socket.emit('adherence:subscribe', {}, (res) => {
        if (res.ok) this.adherence = Object.fromEntries(res.data.map((a) => [a.tenant, a]));
      });
      socket.emit('alerts:subscribe', {}, (res) => {
        if (res.ok) this.alerts = Object.fromEntries(res.data.map((a) => [a.tenant, a]));
      });
    };
    socket.on('connect', subscribeAll);
    // A new replay started in this workspace: start over from its snapshot.
    socket.on('reset', subscribeAll);
    socket.on('adherence', (a) => (this.adherence = { ...this.adherence, [a.tenant]: a }));
    socket.on('alerts', (a) => (this.alerts = { ...this.alerts, [a.tenant]: a }));
    socket.on('intraday', (v) => {
      const w = this.intradayWatch;
      if (w && v.queueId === w.req.queueId && (!w.req.date || v.date === w.req.date)) w.onView(v);
    });
    socket.on('disconnect', () => (this.link = 'offline'));
    socket.on('connect_error', (err) => {
      this.error = refusalText(err);
      this.link = err.message.startsWith('unauthorized') || err.message.startsWith('forbidden') ? 'denied' : 'offline';
    });
    socket.on('update', (u) => this.apply(u));
    socket.on('tick', (t) => {
      // The room's last update is newer than anything this screen applied: it missed one.
      if (!this.subscribing && t.version !== undefined && t.version > this.version) this.subscribe();
      this.heard(t.now);
    });
    setInterval(() => {
      this.wallNow = Date.now();
      this.now = this.wallNow + this.offset;
      if (this.link === 'live' && Date.now() - this.lastMessageAt > STALE_AFTER_MS) this.link = 'stale';
    }, 250);
  }

  /** One window of the agent board of this screen's subscription. */
  agentPage(req: AgentPageFilter): Promise<Ack<AgentPage>> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: 'offline' });
    return new Promise((resolve) => socket.emit('agents:page', req, resolve));
  }

  private subscribe(): void {
    this.subscribing = true;
    this.socket!.emit('subscribe', { agents: false }, (res) => {
      this.subscribing = false;
      if (!res.ok) {
        this.error = res.error;
        this.link = 'denied';
        return;
      }
      this.load(res.data);
    });
  }

  private load(s: Snapshot & Partial<Pick<VersionedSnapshot, 'version' | 'agentCount'>>): void {
    this.timezone = s.timezone;
    this.intervalMinutes = s.intervalMinutes;
    this.tenants = s.tenants;
    this.queues = Object.fromEntries(s.queues.map((q) => [q.key, q]));
    this.agents = Object.fromEntries(s.agents.map((a) => [a.key, a]));
    this.version = s.version ?? 0;
    this.agentVersions = Object.fromEntries(s.agents.map((a) => [a.key, this.version]));
    this.agentCount = s.agentCount ?? s.agents.length;
    this.error = null;
    this.snapshotSeq++;
    this.heard(s.now);
  }

  private apply(u: Update): void {
    if (this.subscribing) return;
    if (missedUpdate(this.version, u)) {
      this.subscribe();
      return;
    }
    if (u.version !== undefined) this.version = u.version;
    if (u.queues.length) {
      const next = { ...this.queues };
      for (const q of u.queues) next[q.key] = q;
      this.queues = next;
    }
    if (u.agents.length) {
      const next = { ...this.agents };
      for (const a of u.agents) {
        next[a.key] = a;
        this.agentVersions[a.key] = this.version;
      }
      this.agents = next;
    }
    this.heard(u.now);
  }

  private heard(serverNow: number): void {
    this.offset = serverNow - Date.now();
    this.now = serverNow;
    this.lastMessageAt = Date.now();
    this.link = 'live';
  }
}

export const floor = new Floor();
