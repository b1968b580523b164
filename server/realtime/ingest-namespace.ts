import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { Authenticator, Principal } from '../auth/principals.ts';
import type { ConnectionCap } from './connection-cap.ts';
import { requireSocketRole } from './socket-auth.ts';
import { ingestBatch, type EventSink, type IngestOptions } from '../ingest/ingest-batch.ts';
import { StoreUnavailable } from '../store/store.ts';
import { BodyError, parseEventBody } from '../ingest/parse-body.ts';
import type { IngestResult } from '../protocol/api.ts';
import type { Ack, IngestClientToServer } from '../protocol/socket.ts';

/**
 * The /ingest namespace for live pushers: `events` takes a batch (an array of canonical events,
 * or an NDJSON string) and acknowledges what was applied, so a pusher knows what to resend.
 */
export function ingestNamespace(
  io: Server,
  sink: EventSink,
  auth: Authenticator,
  connections: ConnectionCap,
  logger: Logger,
  options: () => Pick<IngestOptions, 'maxTs'>,
): void {
  const ns = io.of('/ingest');
  requireSocketRole(ns, auth, 'write', connections);
  ns.on('connection', (socket) => {
    const principal = socket.data.principal as Principal;
    const on = socket.on.bind(socket) as <E extends keyof IngestClientToServer>(event: E, listener: IngestClientToServer[E]) => void;
    on('events', async (batch, ack) => {
      if (typeof ack !== 'function') return;
      let answer: Ack<IngestResult>;
      try {
        const items = Array.isArray(batch) ? batch.map((value, index) => ({ index, value })) : typeof batch === 'string' ? parseEventBody(batch) : null;
        answer = items
          ? { ok: true, data: await ingestBatch(sink, items, { ...options(), tenants: principal.tenants }) }
          : { ok: false, error: 'events: send an array of events or an NDJSON string' };
      } catch (e) {
        if (e instanceof BodyError) answer = { ok: false, error: e.message };
        else if (e instanceof StoreUnavailable) answer = { ok: false, error: 'the log is unavailable: nothing was applied; send again shortly' };
        else {
          logger.error({ err: e }, 'socket ingest failed');
          answer = { ok: false, error: 'internal error' };
        }
      }
      ack(answer);
    });
  });
}
