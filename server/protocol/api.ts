/** Shapes of the REST API's answers (docs/api.md). */

export interface IngestResult {
  /** Events applied (anomalies included: they were valid events, counted and logged). */
  accepted: number;
  /** Events whose id was already seen; ignored. */
  duplicates: number;
  /** Accepted events that were impossible (an answer for a call never queued, a second answer). */
  anomalies: number;
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

export interface Health {
  status: 'ok';
  uptimeSeconds: number;
  engineNow: string | null;
  simulator: boolean;
  counters: { accepted: number; duplicates: number; anomalies: number };
  queues: number;
  agents: number;
  sockets: number;
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
