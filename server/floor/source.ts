import type { Floor } from './floor.ts';

/**
 * A feed that runs inside the server (the simulator, a followed queue_log file). With a `lease`
 * it runs in exactly one process of those sharing the log; the others still see its events.
 */
export interface Source {
  name: string;
  /** Lease name; the source starts only in the process that holds it. */
  lease?: string;
  start(floor: Floor): Promise<void>;
  stop(): Promise<void>;
}
