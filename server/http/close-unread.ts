import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Ends the connection with an answer given before the request's body has all arrived (a 401,
 * 403 or 415 refused before reading it, a 413 past a limit): Node would otherwise read and drop
 * the rest to keep the connection alive, so a client trickling a byte a second held it until
 * `requestTimeout` (300 s), with no token needed. A request without a body, or whose body was
 * read, keeps its keep-alive connection.
 */
export function closeUnreadBodies(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody) {
    const writeHead = res.writeHead;
    // Every answer passes here (res.end calls writeHead when nobody has): decide when the head goes out.
    res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
      if (!req.complete) this.shouldKeepAlive = false;
      return writeHead.apply(this, args);
    } as typeof writeHead;
  }
  next();
}
