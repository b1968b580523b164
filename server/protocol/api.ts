/** Shapes of the REST API's answers (docs/api.md). */

export interface IngestResult {
  /** Events applied (anomalies included: they were valid events, counted and logged). */
  accepted: number;
  /** Events whose id was already seen; ignored. */
  duplicates: number;
  /** Impossible events of this batch (an answer for a call never queued, a second answer), found as they were applied. */
  anomalies: number;
  /** Those anomalies by reason (`too-many-queues`, `answered-twice`, ... docs/events.md), when there are any; they add up to `anomalies`. */
  anomalyReasons?: Record<string, number>;
  /**
   * Anomalies of the batch's tenants judged once the reorder window had passed (an answer whose
   * `call.queued` never came, an end nobody answered) since their previous batch: events of this
   * batch or an earlier one, judged while any tenant's events were applied (docs/api.md). Present when there are any.
   */
  lateAnomalies?: number;
  /** Those by reason; they add up to `lateAnomalies`. */
  lateAnomalyReasons?: Record<string, number>;
  /** The first 1,000 rejections, each with its position and reason. */
  rejected: { index: number; line?: number; error: string }[];
  /** All rejections (streams may have more than are listed). */
  rejectedCount?: number;
}

/** POST /api/v1/ingest/queue-log answers the same, and what it skipped on purpose. */
export interface QueueLogResult extends IngestResult {
  lines: number;
  /** Known verbs that carry nothing for the floor (ring attempts, restarts), by verb. */
  ignored: Record<string, number>;
  /** Verbs Floorboard does not know (vendor extras like PBXware's OUTDIAL), by verb. */
  unknownVerbs: Record<string, number>;
}

export interface ApiError {
  error: string;
}

/** GET /api/v1/health: open to anyone (load balancers), so it holds nothing of any tenant. */
export interface Health {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  engineNow: string | null;
  /** No tokens are configured: anyone who reaches the server may do everything. */
  openMode: boolean;
}

/** GET /api/v1/replay: the replay workspace's progress. */
export interface ReplayStatus {
  date: string;
  file: string;
  /** Simulated seconds per real second; Infinity plays as fast as possible. */
  speed: number | 'max';
  state: 'running' | 'done' | 'stopped' | 'failed';
  error?: string;
  events: number;
  rejected: number;
  /** Share of the file read, 0..1. */
  progress: number;
  /** The replay engine's clock, epoch ms. */
  now: number;
}
