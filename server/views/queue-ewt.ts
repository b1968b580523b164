/**
 * A queue's estimated wait as the API answers it: the live queue through `ewtInput` (the one
 * place the estimator reads the engine) into the pure estimator.
 */
import type { Engine, QueueState } from '../domain/engine.ts';
import { estimateWait, type EwtMethod } from '../domain/ewt.ts';
import { ewtInput } from './ewt-input.ts';

/** The body of GET /api/v1/queues/:queueId/ewt. */
export interface QueueEwt {
  queueId: string;
  tenant: string;
  /** Callers waiting now. */
  waiting: number;
  /** Agents at work for the queue (available or on a contact). */
  agentsServing: number;
  /** 1-based place in the service order the estimate is for. */
  position: number;
  /** Seconds; null when nothing at all is known yet. */
  estimatedWaitSeconds: number | null;
  method: EwtMethod | 'none';
  /** Engine clock (epoch ms) the estimate is for. */
  now: number;
}

/** Estimated wait (seconds) of a caller arriving now with `priority`, or of the caller at `position`, at the engine clock. */
export function queueEwt(engine: Engine, q: QueueState, at: { position?: number; priority?: number } = {}): QueueEwt {
  const now = engine.now;
  const e = estimateWait(ewtInput(engine, q, now), at);
  const seconds = e.estimatedWaitSeconds === null ? null : Math.round(e.estimatedWaitSeconds);
  return { queueId: q.config.id, tenant: q.config.tenant, waiting: e.waiting, agentsServing: e.agentsServing, position: e.position, estimatedWaitSeconds: seconds, method: e.method, now };
}
