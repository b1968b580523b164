import { io, type Socket } from 'socket.io-client';
import { refusalText } from './api-text.ts';
import type { TvClientToServer, TvServerToClient } from '../../../server/protocol/socket.ts';
import type { TvFrame, TvHello } from '../../../server/protocol/tv.ts';
import { forgetToken, viewerToken } from './token.ts';

/** First retry after this long (ms) when the server refused or cut the socket; doubles to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;
const REVOKED_KEY = 'floorboard.displayRevoked';

/** Milliseconds before retry number `attempt` (0-based): exponential, capped, jittered ±50% so a room of TVs does not return at once. */
export function retryDelayMs(attempt: number, random: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
  return Math.round(base * (0.5 + random));
}

/**
 * The TV's live feed (namespace /tv): a frame on every (re)connect, then one a second. It
 * reconnects by itself after a network loss or a server restart (Socket.IO's jittered
 * back-off, and our own when the server refused or closed the socket), and stops for good
 * only when told the display was revoked.
 */
class TvLink {
  frame = $state.raw<TvFrame | null>(null);
  display = $state.raw<TvHello['display']>(null);
  /** Real time of the last frame, epoch ms. */
  frameAt = $state(0);
  /** Real time now, refreshed every second, epoch ms. */
  wallNow = $state(Date.now());
  connected = $state(false);
  revoked = $state(false);
  error = $state<string | null>(null);
  /** Engine time of the last frame minus real time then (ms), so clocks tick between frames. */
  private offset = 0;
  private socket: Socket<TvServerToClient, TvClientToServer> | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

  /** Estimated engine clock now, epoch ms. */
  get now(): number {
    return this.wallNow + this.offset;
  }

  connect(): void {
    if (this.socket) return;
    // A switched-off display stays off across reloads, until it is given a new token.
    if (localStorage.getItem(REVOKED_KEY) && !new URL(window.location.href).searchParams.has('token')) {
      this.revoked = true;
      return;
    }
    localStorage.removeItem(REVOKED_KEY);
    setInterval(() => (this.wallNow = Date.now()), 1000);
    const socket: Socket<TvServerToClient, TvClientToServer> = io('/tv', {
      auth: (cb) => cb({ token: viewerToken() }),
      reconnection: true,
      reconnectionDelay: RETRY_FIRST_MS,
      reconnectionDelayMax: RETRY_MAX_MS,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.attempt = 0;
      socket.emit('tv:subscribe', {}, (res) => {
        if (!res.ok) {
          this.error = res.error;
          return;
        }
        this.error = null;
        this.display = res.data.display;
        this.take(res.data.frame);
      });
    });
    socket.on('tv', (f) => this.take(f));
    socket.on('display:revoked', () => this.switchOff());
    socket.on('disconnect', (reason) => {
      this.connected = false;
      // The server closed it (a restart drains sockets this way): Socket.IO will not retry by itself.
      if (reason === 'io server disconnect') this.later();
    });
    socket.on('connect_error', (err) => {
      this.connected = false;
      // A refused handshake is not retried by Socket.IO; a token unknown after a restart may be known again soon.
      if (!socket.active) {
        this.error = refusalText(err);
        this.later();
      }
    });
  }

  private take(f: TvFrame): void {
    const at = Date.now();
    this.frame = f;
    this.frameAt = at;
    this.wallNow = at;
    this.offset = f.now - at;
  }

  private later(): void {
    if (this.revoked || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.revoked) this.socket?.connect();
    }, retryDelayMs(this.attempt++, Math.random()));
  }

  private switchOff(): void {
    this.revoked = true;
    this.frame = null;
    forgetToken();
    localStorage.setItem(REVOKED_KEY, '1');
    this.socket?.disconnect();
  }
}

export const tv = new TvLink();
