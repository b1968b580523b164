import { io, type Socket } from 'socket.io-client';
import { refusal, refusalText } from './api-text.ts';
import type { AgentView, QueueView, Snapshot, TeamName } from '../../../server/protocol/metrics.ts';
import { scopedKey } from '../../../server/protocol/keys.ts';
import type { Ack, AgentPage, AgentPageFilter, ClientToServer, IntradayRequest, ServerToClient, Update, VersionedSnapshot } from '../../../server/protocol/socket.ts';
import type { IntradayView } from '../../../server/protocol/intraday.ts';
import type { AdherenceLive, TeamAdherence } from '../../../server/protocol/adherence.ts';
import type { TenantAlerts } from '../../../server/protocol/alerts.ts';
import { viewerToken } from './token.ts';
import { workspace } from './workspace.ts';
import { bringsNewTenant, missedUpdate, newerThan, withQueueUpdate } from './version-gap.ts';
import { linkAt, type LinkState } from './link-state.ts';
import { teamNameMap } from './team-names.ts';

/** The error of a request made while the socket is down: a screen words it itself (the server's errors come worded). */
export const OFFLINE = 'offline';

export type { LinkState };
/**
 * Reconnection back-off (ms): the first try after 1-1.5 s, doubling to at most 10 s, each
 * delay spread by ±50% so a thousand screens cut off together do not all come back together.
 */
const RECONNECT = { reconnectionDelay: 1000, reconnectionDelayMax: 10_000, randomizationFactor: 0.5 };

/**
 * The live floor in the browser: one socket, a snapshot on every (re)connect, then updates
 * (whole new rows, changed fields of queues it holds); an update that builds on a version this
 * screen never got means one was missed, and the screen subscribes again. A quiet floor sends
 * nothing: the transport's heartbeat ping says the link is alive. Agent rows are not in the snapshot: the board pages
 * them (`agentPage`), and `agents` holds only the agents updates brought since. `now` estimates the server's engine clock between messages so
 * times in state tick every second.
 */
class Floor {
  queues = $state.raw<Record<string, QueueView>>({});
  agents = $state.raw<Record<string, AgentView>>({});
  tenants = $state.raw<{ id: string; name: string }[]>([]);
  /** Each tenant's name by id, for screens that name the client of a queue or team. */
  tenantNames = $derived(Object.fromEntries(this.tenants.map((t) => [t.id, t.name])) as Record<string, string>);
  /** The visible tenants' team names as configured (the snapshot sends no other tenant's). */
  teams = $state.raw<TeamName[]>([]);
  private teamNames = $derived(teamNameMap(this.teams));
  timezone = $state('UTC');
  intervalMinutes = $state(30);
  link = $state<LinkState>('connecting');
  error = $state<string | null>(null);
  /** Estimated engine clock, epoch ms. */
  now = $state(Date.now());
  /** Real time, epoch ms, refreshed with `now`. */
  wallNow = $state(Date.now());
  /** Real time of the last message or heartbeat ping, epoch ms. */
  lastMessageAt = $state(0);
  /** Bumped on each snapshot, so charts can refetch history. */
  snapshotSeq = $state(0);
  /** Whether live adherence has been answered once: before that, no tenants is not yet known to mean nobody. */
  adherenceLoaded = $state(false);
  /** Why live adherence was refused, if it was. */
  adherenceError = $state<string | null>(null);
  /** Agents in the subscribed scope (from the snapshot). */
  agentCount = $state(0);
  /** Floor version of the last snapshot or update applied. */
  version = $state(0);
  /** Floor version at which each agent in `agents` arrived, by key (the board keeps the newer of page and update). */
  agentVersions: Record<string, number> = {};
  /** Live adherence by tenant, pushed every 2 seconds: of `adherenceTeam` only when a page narrows it to one team. */
  adherence = $state.raw<Record<string, AdherenceLive>>({});
  /** The one team `adherence` is of (as answered, not yet as asked), or null when it is of every team. */
  adherenceTeam = $state.raw<AdherenceTeam | null>(null);
  /** Every team's figures as last answered for every team: what a team filter offers while `adherence` is narrowed to one. */
  adherenceTeams = $state.raw<TeamAdherence[]>([]);
  /** Open and recently closed alerts by tenant, pushed when they change. */
  alerts = $state.raw<Record<string, TenantAlerts>>({});

  /** Whether a snapshot has arrived: before it, no queues is not yet known to mean none. */
  get loaded(): boolean {
    return this.snapshotSeq > 0;
  }

  private socket: Socket<ServerToClient, ClientToServer> | null = null;
  /** A subscription is on its way: updates wait for its snapshot (and a gap asks only once). */
  private subscribing = false;
  /** Updates that arrived while subscribing, applied after the snapshot when newer than it. */
  private waiting: Update[] = [];
  private offset = 0;
  /** The team live adherence is watched for (null: every team), asked again on each (re)connect. */
  private adherenceWatch: AdherenceTeam | null = null;
  /** Subscriptions to live adherence asked so far: only the last one's answer is taken. */
  private adherenceAsks = 0;
  /** A subscription to live adherence awaits its answer: pushes until then may be of the room it left. */
  private adherencePending = false;
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
      this.askAdherence();
      socket.emit('alerts:subscribe', {}, (res) => {
        if (res.ok) this.alerts = Object.fromEntries(res.data.map((a) => [a.tenant, a]));
      });
    };
    socket.on('connect', subscribeAll);
    // A new replay started in this workspace: start over from its snapshot.
    socket.on('reset', subscribeAll);
    socket.on('adherence', (list) => {
      if (!this.adherencePending) this.tookAdherence({ ...this.adherence, ...Object.fromEntries(list.map((a) => [a.tenant, a])) });
    });
    socket.on('alerts', (a) => (this.alerts = { ...this.alerts, [a.tenant]: a }));
    socket.on('intraday', (v) => {
      const w = this.intradayWatch;
      if (w && v.queueId === w.req.queueId && (!w.req.date || v.date === w.req.date)) w.onView(v);
    });
    socket.on('disconnect', () => (this.link = 'offline'));
    socket.on('connect_error', (err) => {
      this.error = refusalText(err);
      // Refused by the server (not allowed, or too many screens of this sign-in): Socket.IO does not retry, and the page says why.
      this.link = refusal(err) ? 'denied' : 'offline';
    });
    socket.on('update', (u) => this.apply(u));
    // Only a floor whose clock runs apart from real time (simulated, replayed) sends this.
    socket.on('tick', (t) => this.heard(t.now));
    // The server's heartbeat: the link is alive even when nothing on the floor changed.
    socket.io.on('ping', () => {
      this.lastMessageAt = Date.now();
      this.link = linkAt(this.link, this.lastMessageAt, this.lastMessageAt);
    });
    setInterval(() => {
      this.wallNow = Date.now();
      this.now = this.wallNow + this.offset;
      this.link = linkAt(this.link, this.lastMessageAt, this.wallNow);
    }, 250);
  }

  /**
   * Narrows live adherence to one team (a page that shows a team's exceptions and counts: the
   * server's counts are then the team's, and its longest exceptions are the team's longest), or
   * back to every team with null; asked again only when it changes.
   */
  watchAdherenceTeam(team: AdherenceTeam | null): void {
    const was = this.adherenceWatch;
    if (was === team || (was && team && was.tenant === team.tenant && was.teamId === team.teamId)) return;
    this.adherenceWatch = team;
    this.askAdherence();
  }

  private askAdherence(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const team = this.adherenceWatch;
    const ask = ++this.adherenceAsks;
    this.adherencePending = true;
    // Teams' figures and the longest exceptions only: no screen of the floor lists every agent's live line (a big floor has 20,000).
    const req = team ? { tenants: [team.tenant], teamId: team.teamId, limit: 0 } : { limit: 0 };
    socket.emit('adherence:subscribe', req, (res) => {
      if (ask !== this.adherenceAsks) return;
      this.adherencePending = false;
      if (res.ok) {
        this.adherenceTeam = team;
        this.tookAdherence(Object.fromEntries(res.data.map((a) => [a.tenant, a])));
      }
      this.adherenceError = res.ok ? null : res.error;
      this.adherenceLoaded = true;
    });
  }

  private tookAdherence(byTenant: Record<string, AdherenceLive>): void {
    this.adherence = byTenant;
    if (!this.adherenceTeam) this.adherenceTeams = Object.values(byTenant).flatMap((a) => a.teams);
  }

  /** One window of the agent board of this screen's subscription (error OFFLINE when the socket is down). */
  agentPage(req: AgentPageFilter): Promise<Ack<AgentPage>> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: OFFLINE });
    return new Promise((resolve) => socket.emit('agents:page', req, resolve));
  }

  private subscribe(): void {
    this.subscribing = true;
    this.waiting = [];
    this.socket!.emit('subscribe', { agents: false }, (res) => {
      this.subscribing = false;
      const waiting = this.waiting;
      this.waiting = [];
      if (!res.ok) {
        this.error = res.error;
        this.link = 'denied';
        return;
      }
      this.load(res.data);
      for (const u of newerThan(this.version, waiting)) this.apply(u);
    });
  }

  /** A team's name as configured for its tenant, else its id. */
  teamName(tenant: string, id: string): string {
    return this.teamNames[scopedKey(tenant, id)] ?? id;
  }

  private load(s: Snapshot & Partial<Pick<VersionedSnapshot, 'version' | 'agentCount'>>): void {
    this.timezone = s.timezone;
    this.intervalMinutes = s.intervalMinutes;
    this.tenants = s.tenants;
    this.teams = s.teams;
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
    if (this.subscribing) {
      this.waiting.push(u);
      return;
    }
    const queues = withQueueUpdate(this.queues, u);
    if (missedUpdate(this.version, u) || !queues || bringsNewTenant(this.tenants, u)) {
      this.subscribe();
      return;
    }
    if (u.version !== undefined) this.version = u.version;
    if (queues !== this.queues) this.queues = queues;
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

/** One team of one tenant (team ids are a tenant's own). */
export interface AdherenceTeam {
  tenant: string;
  teamId: string;
}

export const floor = new Floor();
