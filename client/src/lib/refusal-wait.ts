/**
 * How long the server asked a socket to wait before asking again, ms, read from its refusal:
 * the socket's request limit ("too many subscriptions: try again in 1 s",
 * server/realtime/rate-limit.ts) or a sign-in's pages waiting ("... (limit 50): try again
 * shortly", a second); null for any other error. Answers carry only their text, so the client
 * reads the wait from it.
 */
export function refusalWaitMs(error: string): number | null {
  const m = /: try again in (\d+) s$/.exec(error);
  // "in 0 s": the token is back by the time the answer arrives; still wait a moment, not zero.
  if (m) return Math.max(250, Number(m[1]) * 1000);
  return /: try again shortly$/.test(error) ? 1000 : null;
}
