import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServer, ServerToClient, SubscribeRequest, VersionedSnapshot } from '../../server/protocol/socket.ts';

export type FloorSocket = Socket<ServerToClient, ClientToServer>;

/** A wallboard socket, connected, signed in with a token (`startServer`'s `socket`) or a person's session cookie. */
export async function openScreen(server: { base: string; socket: (token: string) => FloorSocket }, auth: { token: string } | { cookie: string }): Promise<FloorSocket> {
  const s: FloorSocket = 'token' in auth ? server.socket(auth.token) : connect(server.base, { extraHeaders: { cookie: auth.cookie }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((r) => s.once('connect', () => r()));
  return s;
}

/** The socket's `subscribe` answer. */
export const subscribeScreen = (s: FloorSocket, req: SubscribeRequest) => new Promise<Ack<VersionedSnapshot>>((r) => s.emit('subscribe', req, r));
