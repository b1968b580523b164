import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/lib/i18n/en.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { fill, paramNames, textsOf, type Message } from '../../client/src/lib/i18n/message.ts';

const EN: Record<string, Message> = en;
const ZH: Record<string, Message> = zhTW;

/** Parameter names of every form of a message, sorted. */
const params = (m: Message) => [...new Set(textsOf(m).flatMap(paramNames))].sort();

/** Words in Latin letters a Traditional Chinese message may keep: model and product names, a file format. */
const LATIN_IN_ZH = new Set(['Erlang', 'CSV', 'Amazon', 'Connect', 'Talkdesk']);

describe('the English and Traditional Chinese dictionaries', () => {
  it('have exactly the same keys', () => {
    const enKeys = Object.keys(EN).sort();
    const zhKeys = Object.keys(ZH).sort();
    expect(enKeys.filter((k) => !(k in ZH))).toEqual([]);
    expect(zhKeys.filter((k) => !(k in EN))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(200);
  });

  it('give every key the same parameters in both languages', () => {
    const mismatched = Object.keys(EN).flatMap((k) => {
      const a = params(EN[k]);
      const b = params(ZH[k]);
      return a.join() === b.join() ? [] : [`${k}: en {${a.join('}{')}} zh-TW {${b.join('}{')}}`];
    });
    expect(mismatched).toEqual([]);
  });

  it('use plural forms for the same keys, each with `other` and a {count}', () => {
    for (const k of Object.keys(EN)) {
      const e = EN[k];
      const z = ZH[k];
      expect(typeof z, k).toBe(typeof e);
      if (typeof e !== 'string' && typeof z !== 'string') {
        expect(e.one, k).toBeDefined(); // English needs "1 queue" as well as "2 queues"
        expect(z.other, k).toBeDefined();
        expect(params(e), k).toContain('count');
      }
    }
  });

  it('leave no English word in a Traditional Chinese message, beyond names of models and products', () => {
    const english = Object.entries(ZH).flatMap(([k, m]) =>
      textsOf(m)
        .map((text) => text.replace(/\{\w+\}/g, '').replace(/\bErlang [ABC]\b/g, 'Erlang')) // the models are named by letter
        .flatMap((text) => (text.match(/[A-Za-z]+/g) ?? []).filter((w) => !LATIN_IN_ZH.has(w)).map((w) => `${k}: ${w}`)),
    );
    expect(english).toEqual([]);
  });

  it('leave no message empty', () => {
    const empty = [...Object.entries(EN), ...Object.entries(ZH)].filter(([, m]) => textsOf(m).some((s) => s.trim() === '')).map(([k]) => k);
    expect(empty).toEqual([]);
  });
});

describe('filling a message in', () => {
  it('chooses the English plural form by count and Chinese always uses its one form', () => {
    expect(fill('en', en['wallboard.queueCount'], { count: 1 })).toBe('1 queue');
    expect(fill('en', en['wallboard.queueCount'], { count: 0 })).toBe('0 queues');
    expect(fill('en', en['wallboard.queueCount'], { count: 6 })).toBe('6 queues');
    expect(fill('zh-TW', zhTW['wallboard.queueCount'], { count: 1 })).toBe('1 個佇列');
    expect(fill('zh-TW', zhTW['wallboard.queueCount'], { count: 6 })).toBe('6 個佇列');
  });

  it('formats number parameters for the locale and leaves strings as they are', () => {
    expect(fill('en', en['replay.events'], { count: 12345 })).toBe('12,345 events');
    expect(fill('zh-TW', zhTW['replay.events'], { count: 12345 })).toBe('12,345 筆事件');
    // A server's error text is a detail under a translated lead-in, never translated itself.
    expect(fill('zh-TW', zhTW['error.export'], { detail: 'queue q1: no such queue' })).toBe('匯出失敗：queue q1: no such queue');
  });

  it('words a refused plan from its params: the retention in days by count, a cap with its thousands', () => {
    const forgotten = { date: 'Nov 10, 2026', oldest: 'Nov 20, 2026' };
    expect(fill('en', en['apiError.planDayForgotten'], { ...forgotten, count: 1 })).toBe('Nov 10, 2026 is before Nov 20, 2026, the oldest day the floor keeps (it keeps 1 day): its plan can no longer be changed');
    expect(fill('en', en['apiError.planDayForgotten'], { ...forgotten, count: 3 })).toContain('(it keeps 3 days)');
    expect(fill('zh-TW', zhTW['apiError.planAgentsFull'], { limit: 50_000 })).toBe('班表中的新客服人員會使此客戶超過 50,000 位客服人員的上限，未做任何變更');
    expect(fill('en', en['apiError.planRowsFull'], { rows: 2_000_011, limit: 2_000_000 })).toBe(
      "with this change the client's plan would hold 2,000,011 forecast intervals and schedule segments, past 2,000,000: nothing was changed (those of days the floor no longer keeps go by themselves)",
    );
    expect(fill('zh-TW', zhTW['apiError.planRowsFull'], { rows: 2_000_011, limit: 2_000_000 })).toBe('加上此變更後，此客戶的計畫將有 2,000,011 筆預測時段與班表區段，超過 2,000,000 筆的上限，未做任何變更（系統不再保留的日期，其資料會自動移除）');
  });

  it('keeps a placeholder that was given no value, so a forgotten parameter shows', () => {
    expect(fill('en', 'Not allowed: {detail}', {})).toBe('Not allowed: {detail}');
  });

  it('reads parameter names in order of first use', () => {
    expect(paramNames('{from}–{to}: {offered} offered, SL {sl} ({from})')).toEqual(['from', 'to', 'offered', 'sl']);
  });
});
