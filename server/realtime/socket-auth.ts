import type { Namespace } from 'socket.io';
import { can, type Authenticator } from '../auth/principals.ts';

/**
 * The handshake check every namespace uses: `auth.token` must be a known token with the
 * permission, else the connection is refused with a message safe to show. The principal is
 * kept in `socket.data.principal`.
 */
export function requireSocketRole(ns: Namespace, auth: Authenticator, permission: 'read' | 'write'): void {
  ns.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = auth.principal(typeof token === 'string' && token ? token : undefined, socket.handshake.headers.cookie);
    if (!principal) return next(new Error('unauthorized: missing or unknown token'));
    if (!can[permission](principal)) return next(new Error(`forbidden: token "${principal.name}" may not ${permission === 'read' ? 'read' : 'write events'}`));
    socket.data.principal = principal;
    next();
  });
}
