/**
 * The transport heartbeat is how a screen knows its connection is alive on a quiet floor
 * (the server sends no message when nothing changed). Engine.IO's server pings every socket
 * every PING_INTERVAL_MS whatever else it sends; a client that hears no ping for
 * PING_INTERVAL_MS + PING_TIMEOUT_MS drops the connection and reconnects.
 *
 * 10 s: 10,000 screens cost 1,000 one-byte pings (and pongs) a second, a tenth of what a
 * per-second idle message cost, and a dead link still shows within seconds of the numbers
 * going quiet (STALE_AFTER_MS), then as offline when the client gives up on it.
 */
export const PING_INTERVAL_MS = 10_000;
/** How long (ms) after a missed ping either side gives up on the connection. */
export const PING_TIMEOUT_MS = 10_000;
/** No message and no ping for this long (ms): the numbers on screen may be old (a ping is due every PING_INTERVAL_MS; 2.5 s of slack for a busy server). */
export const STALE_AFTER_MS = PING_INTERVAL_MS + 2_500;
