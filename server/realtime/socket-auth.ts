import type { Namespace } from 'socket.io';
import { can, type Authenticator } from '../auth/principals.ts';
import type { ErrorCode } from '../protocol/people.ts';

/** A refused handshake: the English message, and the code (in `data`, which Socket.IO sends along) a screen words itself. */
export function socketRefusal(message: string, code: ErrorCode): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The handshake check every namespace uses: `auth.token` must be a known token with the
 * permission, else the connection is refused with a message safe to show. The principal is
 * kept in `socket.data.principal`.
 */
export function requireSocketRole(ns: Namespace, auth: Authenticator, permission: 'read' | 'write'): void {
  ns.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = auth.principal(typeof token === 'string' && token ? token : undefined, socket.handshake.headers.cookie);
    if (!principal) return next(socketRefusal('unauthorized: missing or unknown token', 'auth.missing'));
    if (!can[permission](principal)) return next(socketRefusal(`forbidden: token "${principal.name}" may not ${permission === 'read' ? 'read' : 'write events'}`, 'auth.forbidden'));
    socket.data.principal = principal;
    next();
  });
}
