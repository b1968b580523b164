/**
 * The alert evaluator: in the one process holding its lease, every second it samples each
 * queue at the engine clock, runs the AlertBook and logs what fired and closed; every process
 * folds those entries into the same alert list (domain/alert-ledger.ts). It also posts fired
 * and closed alerts to the configured chat webhooks, so each is posted once.
 */
import type { Logger } from 'pino';
import type { AlertsConfig } from '../config/notify-config.ts';
import { alertWebhookPayload } from '../domain/alert-payload.ts';
import { AlertBook, type AlertChange, type MetricSample } from '../domain/alerts.ts';
import type { Engine } from '../domain/engine.ts';
import { WebhookSender } from '../notify/webhook.ts';
import { queueAlertSamples } from '../views/alert-samples.ts';
import type { Floor } from './floor.ts';
import type { Source } from './source.ts';

export interface AlertSourceOptions {
  alerts: AlertsConfig;
  timezone: string;
  logger: Logger;
  /** How often (real ms) the rules are evaluated; 1000 by default. */
  everyMs?: number;
  /** More samples at the engine clock (tenant-wide adherence exceptions), when the app has them. */
  extraSamples?: (engine: Engine) => MetricSample[];
}

/** A Source (lease `alerts`) that decides alert firing and closing and logs it; null when no rules are configured. */
export function alertSource(opts: AlertSourceOptions): Source | null {
  const { alerts, logger } = opts;
  if (alerts.rules.length === 0) return null;
  const tenants = new Set(alerts.rules.map((r) => r.tenant));
  const hooks = alerts.webhooks.map((w) => ({ tenant: w.tenant, sender: new WebhookSender({ url: w.url }) }));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const post = (change: AlertChange) => {
    const payload = alertWebhookPayload(change.kind, change.alert, opts.timezone);
    for (const h of hooks) {
      if (h.tenant !== '*' && h.tenant !== change.alert.tenant) continue;
      void h.sender.send(payload).then((r) => {
        if (!r.ok) logger.warn({ alert: change.alert.id, error: r.error }, 'alert webhook not delivered');
      });
    }
  };

  return {
    name: 'alerts',
    lease: 'alerts',
    async start(floor: Floor) {
      const engine = floor.engine;
      const book = new AlertBook(alerts.rules);
      // Alerts a previous holder left open are taken over; those of a removed or changed rule close now.
      for (const a of book.adopt(floor.fold.alerts.open())) {
        await floor.submit({ k: 'alert.closed', tenant: a.tenant, id: a.id, closedAt: engine.now, latestValue: a.latestValue, peakValue: a.peakValue });
      }
      const evaluate = async () => {
        const at = engine.now;
        if (at === 0) return;
        const samples = queueAlertSamples(engine, tenants);
        if (opts.extraSamples) samples.push(...opts.extraSamples(engine).filter((s) => tenants.has(s.tenant)));
        for (const c of book.observe(at, samples)) {
          const a = c.alert;
          if (c.kind === 'fired') await floor.submit({ k: 'alert.fired', alert: a });
          else await floor.submit({ k: 'alert.closed', tenant: a.tenant, id: a.id, closedAt: a.closedAt ?? at, latestValue: a.latestValue, peakValue: a.peakValue });
          post(c);
        }
      };
      timer = setInterval(() => {
        // One evaluation at a time: a slow log append delays the next, never overlaps it.
        running = running.then(evaluate).catch((e: Error) => logger.warn({ err: e }, 'alert evaluation failed'));
      }, opts.everyMs ?? 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await Promise.all(hooks.map((h) => h.sender.flush()));
    },
  };
}
