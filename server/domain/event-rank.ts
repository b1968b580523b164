import type { FloorEvent } from '../protocol/events.ts';

/**
 * The canonical order of events that share one millisecond, so arrival order within the
 * reorder window never changes a number: first by this rank, then by event id (code-unit
 * order). A session starts before anything else happens to the agent; becoming ready comes
 * before being offered a call; the call moves through its life in order; an explicit aux code
 * comes after after-call work ends (the agent wrapped up, then went on break); signing out is last.
 */
export function eventRank(ev: FloorEvent): number {
  switch (ev.type) {
    case 'agent.login':
      return 0;
    case 'agent.state':
      return ev.state === 'available' ? 1 : 8;
    case 'call.queued':
    case 'dial.attempt': // the dialler's contact is offered, as a queued call is, before an agent takes it
      return 2;
    case 'call.answered':
    case 'call.abandoned':
    case 'call.dequeued':
      return 3;
    case 'call.held':
      return 4;
    case 'call.retrieved':
      return 5;
    case 'call.ended':
      return 6;
    case 'call.wrapped':
    case 'dial.outcome': // the agent records the outcome as the contact is wrapped up
      return 7;
    case 'agent.logout':
      return 9;
  }
}

/** Compares two (ts ms, rank, id) keys in the canonical order: negative, 0 or positive. */
export function compareOrder(ts: number, rank: number, id: string, ts2: number, rank2: number, id2: string): number {
  if (ts !== ts2) return ts - ts2;
  if (rank !== rank2) return rank - rank2;
  return id < id2 ? -1 : id > id2 ? 1 : 0;
}
