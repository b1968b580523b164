/** The Socket.IO event maps: the server is Server<ClientToServer, ServerToClient>, the client Socket<ServerToClient, ClientToServer>. */
import type { TenantAdherence } from './adherence.ts';
import type { TenantAlerts } from './alerts.ts';
import type { IntradayView } from './intraday.ts';
import type { IngestResult } from './api.ts';
import type { AgentBoardState, AgentView, QueueView, Snapshot } from './metrics.ts';
import type { TvFrame, TvHello } from './tv.ts';
import type { AgentStateName } from './events.ts';
import type { RowPatch } from './row-patch.ts';

export interface SubscribeRequest {
  /** Tenants to watch; empty or missing with no queues means every tenant the token may see. */
  tenants?: string[];
  /** Queues to watch instead of whole tenants: an id (that queue in each visible tenant) or { tenant, id }. */
  queues?: (string | { tenant: string; id: string })[];
  /**
   * Only agents of these teams (added): a team's screen. The queues are as asked. A team nobody is
   * in, or that the token may not see, narrows the board to nobody, as a team not yet logged in.
   */
  teams?: { tenant: string; id: string }[];
  /**
   * False: the snapshot carries no agent rows (only `agentCount`); the screen pages its board
   * with `agents:page`. Updates still carry the changed agents of the scope. Default true.
   */
  agents?: boolean;
}

/** A snapshot as the subscribe answer: the floor plus where it stands in the room's updates. */
export interface VersionedSnapshot extends Snapshot {
  /** Version of the last update the snapshot includes; the next update builds on it. */
  version: number;
  /** Agents in the scope (the snapshot's `agents` is empty when subscribed with agents: false). */
  agentCount: number;
}

/** A window of the agent board of the socket's subscription (subscribe first). */
export interface AgentPageFilter {
  /** First row, from 0. */
  offset: number;
  /** Rows wanted, 1..500. */
  limit: number;
  /** Only this tenant's agents. */
  tenant?: string;
  /** Only agents skilled on, serving (answered one of its calls today) or last on this queue: the agents its tile counts, and those last on it. */
  queue?: { tenant: string; id: string };
  /** Only agents of this team (added); a team nobody is in gives an empty page. */
  team?: { tenant: string; id: string };
  /** Case-insensitive part of the name, id or aux reason code. */
  search?: string;
  /**
   * Aux reason codes whose words in the viewer's language contain `search` (added; only with a
   * search): agents with one of these reasons match too, so "Lunch" or "午餐" finds code `lunch`.
   */
  searchReasons?: string[];
  /** Only agents in these voice states; every state when missing or empty. */
  states?: AgentStateName[];
  /** Only agents in these board states (`AgentView.boardState`, as the tiles count; added); every one when missing or empty. */
  boardStates?: AgentBoardState[];
}

export interface AgentPage {
  /** Floor version the page was cut at. */
  version: number;
  /** Rows passing the filter, states included. */
  total: number;
  offset: number;
  /** Rows passing tenant, queue and search, by voice state (before the states filters). */
  byState: Record<AgentStateName, number>;
  /** The same rows by board state (added): what the board's chips count, as the queue tiles do. */
  byBoardState: Record<AgentBoardState, number>;
  rows: AgentView[];
}

/**
 * Socket handlers never throw at the client: they answer ok with data, or an error safe to show;
 * a refusal for asking too often or while the server is busy says when to ask again
 * (`retryAfterSeconds`, added), so a client need not read it from the words.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string; retryAfterSeconds?: number };

/** Changed queues and agents since the last push; apply as upserts by id. */
export interface Update {
  /** Engine clock, epoch ms. */
  now: number;
  /** Queues pushed for the first time, whole: upsert by key. */
  queues: QueueView[];
  /** Changed fields of queues pushed before (`applyRowPatch` onto the screen's row of that key). */
  queuePatches?: RowPatch<QueueView>[];
  /** Changed agents, whole rows (a paged board may not hold the row a patch would need). */
  agents: AgentView[];
  /** Push cycle this update closes; increases with every update of any room. */
  version?: number;
  /** Version the update builds on: a client whose version is older missed one and subscribes again. */
  base?: number;
}

export interface IntradayRequest {
  queueId: string;
  /** The queue's tenant; needed only when the id exists in several tenants the caller sees. */
  tenant?: string;
  /** Local date YYYY-MM-DD; today when missing. */
  date?: string;
}

export interface ServerToClient {
  update: (u: Update) => void;
  /** Live adherence of the tenants watched, every 2 seconds to adherence subscribers: one message for all of them. */
  adherence: (a: TenantAdherence[]) => void;
  /** A queue's intraday table, pushed on what-if and plan changes and every few seconds. */
  intraday: (v: IntradayView) => void;
  /** A tenant's open and recently closed alerts, pushed to alert subscribers whenever they change. */
  alerts: (a: TenantAlerts) => void;
  /** The workspace now serves another engine (a new replay): subscribe again. */
  reset: () => void;
  /**
   * The engine clock, to a room that heard nothing for a while only when that clock runs apart
   * from real time (a simulated or replayed floor); liveness comes from the transport heartbeat.
   */
  tick: (t: { now: number }) => void;
  /** This display was revoked: show "switched off", forget the token and stop reconnecting (sent just before the server disconnects it). */
  'display:revoked': (r: { id: string }) => void;
}

export interface ClientToServer {
  subscribe: (req: SubscribeRequest, ack: (res: Ack<VersionedSnapshot>) => void) => void;
  /** One window of the agent board of the current subscription. */
  'agents:page': (req: AgentPageFilter, ack: (res: Ack<AgentPage>) => void) => void;
  /**
   * Watch live adherence of the tenants the token may see (or those given), one answer per tenant,
   * each with one page of its agents (`limit` 0-500, 100 when absent, from `offset`) and of a team only when `teamId` is given.
   */
  'adherence:subscribe': (req: { tenants?: string[]; teamId?: string; offset?: number; limit?: number }, ack: (res: Ack<TenantAdherence[]>) => void) => void;
  /** Watch the alerts of the tenants the token may see (or those given), one answer per tenant. */
  'alerts:subscribe': (req: { tenants?: string[] }, ack: (res: Ack<TenantAlerts[]>) => void) => void;
  /** Watch one queue's intraday for a date (replaces any earlier intraday subscription). */
  'intraday:subscribe': (req: IntradayRequest, ack: (res: Ack<IntradayView>) => void) => void;
}

/** The /ingest namespace: live pushers send batches and learn what was applied. */
export interface IngestClientToServer {
  events: (batch: unknown[] | string, ack: (res: Ack<IngestResult>) => void) => void;
}

/** Every event a client may send on `/`, at run time (the access matrix walks it). */
export const CLIENT_EVENTS = ['subscribe', 'agents:page', 'adherence:subscribe', 'intraday:subscribe', 'alerts:subscribe'] as const satisfies readonly (keyof ClientToServer)[];
/** Every event a client may send on `/ingest`, at run time. */
export const INGEST_CLIENT_EVENTS = ['events'] as const satisfies readonly (keyof IngestClientToServer)[];

/** A type error names any event of a map that its run-time list leaves out. */
type Unlisted<Map, Listed> = Exclude<keyof Map, Listed>;
export const CLIENT_EVENTS_COMPLETE: [Unlisted<ClientToServer, (typeof CLIENT_EVENTS)[number]>] extends [never] ? true : { unlisted: Unlisted<ClientToServer, (typeof CLIENT_EVENTS)[number]> } = true;
export const INGEST_CLIENT_EVENTS_COMPLETE: [Unlisted<IngestClientToServer, (typeof INGEST_CLIENT_EVENTS)[number]>] extends [never] ? true : { unlisted: Unlisted<IngestClientToServer, (typeof INGEST_CLIENT_EVENTS)[number]> } = true;

/** The /tv namespace: TV displays (display tokens) and readers looking at the TV view. */
export interface TvClientToServer {
  /** Start receiving frames: a display gets its own clients; a reader those asked for (or all it may see). */
  'tv:subscribe': (req: { tenants?: string[] }, ack: (res: Ack<TvHello>) => void) => void;
}
export interface TvServerToClient extends Pick<ServerToClient, 'display:revoked'> {
  /** The figures of the subscribed clients, every second. */
  tv: (f: TvFrame) => void;
}

/** Every event a client may send on `/tv`, at run time (the access matrix walks it). */
export const TV_CLIENT_EVENTS = ['tv:subscribe'] as const satisfies readonly (keyof TvClientToServer)[];
export const TV_CLIENT_EVENTS_COMPLETE: [Exclude<keyof TvClientToServer, (typeof TV_CLIENT_EVENTS)[number]>] extends [never]
  ? true
  : { unlisted: Exclude<keyof TvClientToServer, (typeof TV_CLIENT_EVENTS)[number]> } = true;
