import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/lib/i18n/en.ts';
import { formatDate } from '../../client/src/lib/i18n/formatters.ts';
import { fill, type Locale } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { pastDayRefusalText, type PastDayCode } from '../../client/src/lib/past-day-text.ts';

/** The page's words in one language, as the i18n `t` fills them. */
const sayIn = (l: Locale) => (key: MessageKey, params?: Record<string, string | number>) => fill(l, (l === 'en' ? en : zhTW)[key], params);
const refusal = (l: Locale, code: PastDayCode, params: Record<string, string | number> = {}) => pastDayRefusalText(code, params, sayIn(l), (d) => formatDate(l, d));

describe("a refused past-day re-run, in the page's language from its code", () => {
  it('words each refusal with its day, hours and limit in English and Chinese', () => {
    const cases: [PastDayCode, Record<string, string | number>, string, string][] = [
      ['pastDay.notPast', { date: '2026-11-20' }, 'Nov 20, 2026 is not a past day: choose a day before today', '2026年11月20日 不是過去的日期：請選擇今天之前的日期'],
      ['pastDay.toBeforeFrom', { from: '14:00', to: '13:00' }, 'the change must end after it starts (14:00–13:00)', '調整的結束時間須晚於開始時間（14:00–13:00）'],
      ['pastDay.journalingOff', {}, 'this server keeps no journal of past days', '此伺服器未保留過去日期的日誌'],
      ['pastDay.noJournal', { date: '2026-11-18' }, 'no journal was kept of Nov 18, 2026', '2026年11月18日 沒有保留日誌'],
      ['pastDay.tooManyCalls', { limit: 200_000 }, 'the day holds more than 200,000 calls of this client, more than a re-run takes', '該日此客戶的來電超過 200,000 通，超出重新模擬的上限'],
      ['pastDay.tooManyAgents', { limit: 5000 }, 'the day holds more than 5,000 agents of this client, more than a re-run takes', '該日此客戶的客服人員超過 5,000 位，超出重新模擬的上限'],
    ];
    for (const [code, params, english, chinese] of cases) expect([code, refusal('en', code, params), refusal('zh-TW', code, params)]).toEqual([code, english, chinese]);
  });

  it('groups a limit sent as text like one sent as a number', () => {
    expect(refusal('en', 'pastDay.tooManyAgents', { limit: '5000' })).toBe('the day holds more than 5,000 agents of this client, more than a re-run takes');
  });
});
