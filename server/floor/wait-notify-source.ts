/**
 * Wait-time notifications: in the one process holding its lease, every second each configured
 * target's waiting callers get their estimate (position by position, at the engine clock), and
 * those due an update by the target's policy are posted to its webhook, one POST per caller.
 */
import type { Logger } from 'pino';
import type { WaitNotificationTarget } from '../config/notify-config.ts';
import type { QueueState } from '../domain/engine.ts';
import { waitingEstimates, WaitNotificationScheduler, type WaitNotification } from '../domain/wait-notifications.ts';
import { WebhookSender } from '../notify/webhook.ts';
import { ewtInput } from '../views/ewt-input.ts';
import type { Floor } from './floor.ts';
import type { Source } from './source.ts';

/** What one notification POST carries (times ISO-free: epoch ms and seconds). */
export interface WaitNotificationBody extends WaitNotification {
  kind: 'wait-estimate';
}

/** A Source (lease `wait-notifications`) posting estimates to each target; null when none is configured. */
export function waitNotifySource(targets: WaitNotificationTarget[], logger: Logger, everyMs = 1000): Source | null {
  if (targets.length === 0) return null;
  let timer: NodeJS.Timeout | null = null;
  const senders = targets.map((t) => ({ target: t, sender: new WebhookSender({ url: t.url }), scheduler: new WaitNotificationScheduler(t.policy) }));
  return {
    name: 'wait notifications',
    lease: 'wait-notifications',
    async start(floor: Floor) {
      const engine = floor.engine;
      const tick = () => {
        const now = engine.now;
        if (now === 0) return;
        for (const { target, sender, scheduler } of senders) {
          const t = engine.tenants.get(target.tenant);
          if (!t) continue;
          const queues: QueueState[] = target.queueId ? (t.queues.get(target.queueId) ? [t.queues.get(target.queueId)!] : []) : [...t.queues.values()];
          // One scheduler sees every caller of the target at once, so callers who left are forgotten.
          const estimates = queues.flatMap((q) => (q.waiting.size ? waitingEstimates(ewtInput(engine, q, now)) : []));
          for (const n of scheduler.due(now, estimates)) {
            const body: WaitNotificationBody = { kind: 'wait-estimate', ...n };
            void sender.send(body).then((r) => {
              if (!r.ok) logger.warn({ callId: n.callId, error: r.error }, 'wait notification not delivered');
            });
          }
        }
      };
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all(senders.map((s) => s.sender.flush()));
    },
  };
}
