import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/lib/i18n/en.ts';
import { fill, type Locale } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { ownedRefusalText } from '../../client/src/lib/owned-text.ts';

/** The page's words in one language, as the i18n `t` fills them. */
const sayIn = (l: Locale) => (key: MessageKey, params?: Record<string, string | number>) => fill(l, (l === 'en' ? en : zhTW)[key], params);

describe("an unknown or ambiguous id, in the page's language from its code", () => {
  it('names what was not found, and the id, in English and Chinese', () => {
    const cases: [string, string, string][] = [
      ['queue', 'queue sales not found', '找不到佇列 sales'],
      ['agent', 'agent sales not found', '找不到客服人員 sales'],
      ['alert', 'alert sales not found', '找不到警示 sales'],
      ['campaign', 'campaign sales not found', '找不到外撥活動 sales'],
      // A kind a newer server sends is named as sent.
      ['skill', 'skill sales not found', '找不到skill sales'],
    ];
    for (const [kind, english, chinese] of cases) {
      const p = { kind, id: 'sales' };
      expect([ownedRefusalText('owned.notFound', p, sayIn('en')), ownedRefusalText('owned.notFound', p, sayIn('zh-TW'))]).toEqual([english, chinese]);
    }
  });

  it('says which of the caller’s clients hold an id in several, and to choose one', () => {
    const p = { kind: 'queue', id: 'support', count: 2, tenants: 'acme, bank' };
    expect(ownedRefusalText('owned.inSeveralTenants', p, sayIn('en'))).toBe('queue support exists in 2 of your clients (acme, bank): choose a client first');
    expect(ownedRefusalText('owned.inSeveralTenants', p, sayIn('zh-TW'))).toBe('佇列 support 同時屬於您的 2 個客戶（acme, bank），請先選擇客戶');
  });
});
