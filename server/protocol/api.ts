/** Shapes of the REST API's answers (docs/api.md). */

export interface IngestResult {
  /** Events applied (anomalies included: they were valid events, counted and logged). */
  accepted: number;
  /** Events whose id was already seen; ignored. */
  duplicates: number;
  /** Accepted events that were impossible (an answer for a call never queued, a second answer). */
  anomalies: number;
  rejected: { index: number; line?: number; error: string }[];
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
