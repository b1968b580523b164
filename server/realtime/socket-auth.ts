import type { Namespace } from 'socket.io';
import { can, type Authenticator } from '../auth/principals.ts';
import type { ErrorCode } from '../protocol/people.ts';
import type { ConnectionCap } from './connection-cap.ts';

/**
 * A refused handshake: the English message, and the code (in `data`, which Socket.IO sends
 * along, with the figures the screen's wording needs in `params`) a screen words itself.
 */
export function socketRefusal(message: string, code: ErrorCode, params?: Record<string, string | number>): Error {
  return Object.assign(new Error(message), { data: params ? { code, params } : { code } });
}

/** What a namespace's sockets must be allowed: to read the floor, to write events, or to show the TV figures. */
export type SocketGate = 'read' | 'write' | 'tv';

const FORBIDDEN: Record<SocketGate, string> = { read: 'read', write: 'write events', tv: 'read' };

/**
 * The handshake check every namespace uses: `auth.token` (else the session cookie) must name a
 * principal with the gate's permission, holding fewer live sockets than `connections` allows,
 * else the connection is refused with a message safe to show, the same on every namespace. The
 * principal is kept in `socket.data.principal`.
 */
export function requireSocketRole(ns: Namespace, auth: Authenticator, gate: SocketGate, connections: ConnectionCap): void {
  connections.watch(ns);
  ns.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = auth.principal(typeof token === 'string' && token ? token : undefined, socket.handshake.headers.cookie);
    if (!principal) return next(socketRefusal('unauthorized: missing, unknown or revoked token', 'auth.missing'));
    if (!can[gate](principal)) return next(socketRefusal(`forbidden: token "${principal.name}" may not ${FORBIDDEN[gate]}`, 'auth.forbidden'));
    // Last: a socket counted here is uncounted only by its disconnect or its connection's close.
    if (!connections.take(socket, principal)) {
      const limit = connections.limit;
      return next(socketRefusal(`too many connections for this sign-in (limit ${limit}): close other screens`, 'auth.tooManyConnections', { limit }));
    }
    socket.data.principal = principal;
    const credential = auth.credential(typeof token === 'string' && token ? token : undefined, socket.handshake.headers.cookie);
    if (credential) socket.data.credential = credential;
    next();
  });
}
