import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/lib/i18n/en.ts';
import { fill, type Locale } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { impactText } from '../../client/src/lib/impact-text.ts';

const sayIn = (l: Locale) => (key: MessageKey, params?: Record<string, string | number>) => fill(l, (l === 'en' ? en : zhTW)[key], params);

describe("an exception's cost to a queue, in the page's language", () => {
  it('names the net staffing and the projected service level of a queue that has one', () => {
    const phone = { queueId: 'q1', queueName: 'Acme Billing', netAgents: -1.5, projectedServiceLevel: 0.725 };
    expect(impactText(phone, sayIn('en'), 'en')).toBe('Acme Billing: net −1.5 agents, SL 73%');
    expect(impactText(phone, sayIn('zh-TW'), 'zh-TW')).toBe('Acme Billing：人力差額 −1.5，服務水準 73%');
  });

  it('leaves the service level out for a queue with none (an email queue, a queue with no forecast), not "SL –"', () => {
    const email = { queueId: 'email', queueName: 'Jade Bank email', netAgents: 2, projectedServiceLevel: null };
    expect(impactText(email, sayIn('en'), 'en')).toBe('Jade Bank email: net +2.0 agents');
    expect(impactText(email, sayIn('zh-TW'), 'zh-TW')).toBe('Jade Bank email：人力差額 +2.0');
  });
});
