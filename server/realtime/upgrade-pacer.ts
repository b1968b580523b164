import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { loopAdmissionQueue, type AdmissionQueue } from './admission-queue.ts';
import { releaseUpgradeResponse } from './lean-connection.ts';

/** Upgrades handed on per slot, the slot's length and its budget (ms): most of each 10 ms stays free for health, ingest and subscriptions. */
const UPGRADES_PER_SLOT = 100;
const UPGRADE_SLOT_MS = 10;
const UPGRADE_BUDGET_MS = 3;
/** Upgrades that may wait; beyond that a screen is told 503 and retries with its back-off. */
const UPGRADES_MAX_WAITING = 20_000;

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const BUSY = 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** The line WebSocket upgrades wait in (setTimeout slots, measured with performance.now). */
export function upgradeLine(): AdmissionQueue {
  return loopAdmissionQueue({ perSlot: UPGRADES_PER_SLOT, slotMs: UPGRADE_SLOT_MS, maxWaiting: UPGRADES_MAX_WAITING, budgetMs: UPGRADE_BUDGET_MS });
}

/**
 * Puts the server's WebSocket upgrades (Engine.IO's listener, which Socket.IO attached) behind
 * `line`. A thousand screens coming back at once arrive in a few batches of ready sockets, and
 * each upgrade (handshake, ids, the Engine.IO open packet) costs about a millisecond on a busy
 * core: handled as they arrive they held the loop for over a second, and a health check waited
 * behind them. Waiting here costs a queued entry. A socket reset while it waits is destroyed
 * and skipped; one closed cleanly is not read until its turn, and closes once handed on.
 * Engine.IO's upgrade leaves a listener holding the request on the socket: it is taken off
 * (`releaseUpgradeResponse`, lean-connection.ts).
 */
export function paceUpgrades(server: HttpServer, line: AdmissionQueue): void {
  const listeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node took its own error listener off the socket for the upgrade: a reset while waiting must not throw.
    const onError = () => socket.destroy();
    socket.on('error', onError);
    const queued = line.offer(
      () => {
        socket.removeListener('error', onError);
        releaseUpgradeResponse(socket, () => {
          for (const listener of listeners) listener.call(server, req, socket, head);
        });
      },
      () => !socket.destroyed,
    );
    if (!queued) socket.end(BUSY);
  });
}
