import type { Server } from 'socket.io';
import type { Authenticator } from '../auth/principals.ts';

/**
 * Disconnects every socket, of every namespace, whose sign-in a directory command has ended (a
 * revoked token, a disabled person, a changed password or role, a sign-out): such a sign-in
 * was refused every new request, but its open sockets stayed on the floor's feed. Sockets keep
 * what they signed in with as `data.credential` (Authenticator.credential); those without one
 * (configured tokens, open mode, displays, which their own revocation cuts) are left alone.
 */
export function cutEndedSignIns(io: Server, auth: Authenticator): void {
  for (const ns of io._nsps.values()) {
    for (const socket of ns.sockets.values()) {
      const credential = (socket.data as { credential?: unknown }).credential;
      if (typeof credential === 'string' && !auth.stillValid(credential)) socket.disconnect(true);
    }
  }
}
