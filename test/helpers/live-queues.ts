import type { Socket } from 'socket.io-client';
import { withQueueUpdate } from '../../client/src/lib/version-gap.ts';
import type { QueueView, Snapshot } from '../../server/protocol/metrics.ts';
import type { ClientToServer, ServerToClient } from '../../server/protocol/socket.ts';

/**
 * The queues a screen shows: its snapshot with every update applied (whole rows and field
 * patches), as the browser does. `until` resolves with them once `pred` holds.
 */
export function liveQueues(socket: Socket<ServerToClient, ClientToServer>, snapshot: Pick<Snapshot, 'queues'>) {
  let rows: Record<string, QueueView> = Object.fromEntries(snapshot.queues.map((q) => [q.key, q]));
  const waiters: { pred: (qs: QueueView[]) => boolean; resolve: (qs: QueueView[]) => void }[] = [];
  socket.on('update', (u) => {
    const next = withQueueUpdate(rows, u);
    if (!next) throw new Error('an update patched a queue the screen never got');
    rows = next;
    for (const w of [...waiters]) {
      if (!w.pred(Object.values(rows))) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(Object.values(rows));
    }
  });
  return {
    rows: () => Object.values(rows),
    until(pred: (qs: QueueView[]) => boolean): Promise<QueueView[]> {
      if (pred(Object.values(rows))) return Promise.resolve(Object.values(rows));
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}
