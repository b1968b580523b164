import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/lib/i18n/en.ts';
import { formatDate } from '../../client/src/lib/i18n/formatters.ts';
import { fill, type Locale } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { planChangeText } from '../../client/src/lib/plan-change-text.ts';

/** The page's words in one language, as the i18n `t` fills them. */
const sayIn = (l: Locale) => (key: MessageKey, params?: Record<string, string | number>) => fill(l, (l === 'en' ? en : zhTW)[key], params);
const planText = (l: Locale, params: Record<string, string>) => planChangeText(params, sayIn(l), (d) => formatDate(l, d));

describe('a plan change in the audit log, in the page language from its fields', () => {
  it('words each change with its queue, day and what-if in English and Chinese', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ change: 'forecast.import', queue: 'sales', date: '2026-11-20' }, 'forecast of queue sales for Nov 20, 2026 imported', '已匯入佇列 sales 於 2026年11月20日 的預測'],
      [{ change: 'forecast.delete', queue: 'sales', date: '2026-11-21' }, 'forecast of queue sales for Nov 21, 2026 removed', '已刪除佇列 sales 於 2026年11月21日 的預測'],
      [{ change: 'schedule.import', date: '2026-11-20' }, 'schedule for Nov 20, 2026 imported', '已匯入 2026年11月20日 的班表'],
      [{ change: 'whatif.add', queue: 'care' }, 'what-if added to queue care', '已在佇列 care 新增假設情境'],
      [{ change: 'whatif.remove', queue: 'care', id: 'w7' }, 'what-if w7 removed from queue care', '已從佇列 care 移除假設情境 w7'],
    ];
    for (const [params, english, chinese] of cases) {
      const p = { detail: 'the request line', ...params };
      expect([planText('en', p), planText('zh-TW', p)]).toEqual([english, chinese]);
    }
  });

  it('keeps the request line for an entry of no known change or missing a field (an older or newer server)', () => {
    expect(planText('zh-TW', { detail: 'PUT /calendar' })).toBe('排班計畫已變更（PUT /calendar）');
    expect(planText('en', { detail: 'PATCH /forecasts/sales', change: 'forecast.patch' })).toBe('plan changed (PATCH /forecasts/sales)');
    expect(planText('en', { detail: 'PUT /schedules/x', change: 'schedule.import' })).toBe('plan changed (PUT /schedules/x)');
    // 'toString' is no change code, though every object has one.
    expect(planText('en', { detail: 'PUT /x', change: 'toString' })).toBe('plan changed (PUT /x)');
  });
});
