import { STALE_AFTER_MS } from '../../../server/protocol/heartbeat.ts';

export type LinkState = 'connecting' | 'live' | 'stale' | 'offline' | 'denied';

/**
 * The link as the badge should show it at real time `now` (epoch ms): a live link that heard
 * neither a message nor the transport's heartbeat ping for STALE_AFTER_MS turns stale (the
 * numbers may be old); one that hears either again is live. Other states change only on
 * connection events.
 */
export function linkAt(link: LinkState, lastHeardAt: number, now: number): LinkState {
  if (link !== 'live' && link !== 'stale') return link;
  return now - lastHeardAt > STALE_AFTER_MS ? 'stale' : 'live';
}
