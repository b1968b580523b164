import type { QueueImpact } from '../../../server/protocol/adherence.ts';
import type { Locale } from './i18n/message.ts';
import { formatPercent, formatSigned } from './i18n/formatters.ts';
import type { Say } from './plan-change-text.ts';

/**
 * What an agent out of adherence costs a queue now, in the page's language: its net staffing,
 * and its projected service level where there is one. An email queue has none (its work waits
 * in a backlog), nor has a queue without a forecast: "SL –" there read as a service level of
 * nothing.
 */
export function impactText(i: QueueImpact, say: Say, locale: Locale): string {
  const net = formatSigned(locale, i.netAgents, 1);
  if (i.projectedServiceLevel === null) return say('adh.impactNet', { queue: i.queueName, net });
  return say('adh.impact', { queue: i.queueName, net, sl: formatPercent(locale, i.projectedServiceLevel) });
}
