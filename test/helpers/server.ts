import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config/config.ts';
import { createApp, type FloorApp } from '../../server/http/app.ts';
import type { ClientToServer, ServerToClient } from '../../server/protocol/socket.ts';

/**
 * Starts the app on port 0 with no simulator, its own data directory (kept when `DATA_DIR` is
 * given, so a test can restart on it) and a short group commit; the wall clock is fixed unless moved.
 */
export async function startServer(env: Record<string, string> = {}, wallNow = Date.parse('2026-11-20T09:31:00+08:00')) {
  const clock = { now: wallNow };
  const ownDir = env.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'floorboard-data-'));
  const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: env.LOG_LEVEL ?? 'silent', TIMEZONE: 'Asia/Taipei', PUSH_INTERVAL_MS: '100', FSYNC_INTERVAL_MS: '5', DIRECTORY_FILE: 'none', ...(ownDir ? { DATA_DIR: ownDir } : {}), ...env }, '/nonexistent');
  const floor: FloorApp = await createApp({ config, wallClock: () => clock.now });
  const port = await floor.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  return {
    floor,
    base,
    clock,
    post(path: string, body: string, token?: string, contentType = 'application/x-ndjson') {
      return fetch(base + path, { method: 'POST', body, headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    },
    async get(path: string, token?: string) {
      const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: await res.json() };
    },
    socket(token?: string): Socket<ServerToClient, ClientToServer> {
      const s: Socket<ServerToClient, ClientToServer> = connect(base, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
      sockets.push(s);
      return s;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await floor.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export const ndjson = (events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');

/**
 * A server with these FLOORBOARD_TOKENS entries, started before the file's tests and stopped
 * after them; the returned function gives it once started.
 */
export function serverWithTokens(tokens: { token: string; name: string; tenants: string[]; role: string }[]): () => Awaited<ReturnType<typeof startServer>> {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => server!;
}
