import type { Engine, QueueState } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { IntradayView } from '../protocol/intraday.ts';

/** The fields naming an intraday table: its queue, day, zone, interval length and clock (epoch ms). */
export function intradayHeader(engine: Engine, q: QueueState, day: LocalDay): Pick<IntradayView, 'queueId' | 'queueName' | 'tenant' | 'date' | 'timezone' | 'intervalMinutes' | 'now'> {
  return {
    queueId: q.config.id,
    queueName: q.config.name,
    tenant: q.config.tenant,
    date: day.date,
    timezone: engine.config.timezone,
    intervalMinutes: engine.config.intervalMinutes,
    now: engine.now,
  };
}
