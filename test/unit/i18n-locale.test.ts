import { describe, expect, it } from 'vitest';
import { langFromUrl, negotiateLocale, supportedLocale } from '../../client/src/lib/i18n/negotiate.ts';
import {
  formatClock,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSeconds,
  formatSigned,
  formatSpan,
  formatWeekdayDate,
  formatZoneName,
} from '../../client/src/lib/i18n/formatters.ts';

const none = { search: '', hash: '', stored: null, languages: [] as string[] };

describe('choosing the locale', () => {
  it('maps Traditional Chinese tags to zh-TW, any English to en, and nothing else', () => {
    for (const tag of ['zh-TW', 'zh-tw', 'zh_TW', 'zh-Hant', 'zh-Hant-TW', 'zh-HK', 'zh-MO']) expect(supportedLocale(tag), tag).toBe('zh-TW');
    for (const tag of ['en', 'en-US', 'en-GB']) expect(supportedLocale(tag), tag).toBe('en');
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'fr', '', null]) expect(supportedLocale(tag), String(tag)).toBeNull();
  });

  it('reads lang from the query, then from the query inside the hash', () => {
    expect(langFromUrl('?lang=zh-TW', '#/intraday')).toBe('zh-TW');
    expect(langFromUrl('', '#/tv?display=3&lang=zh-TW')).toBe('zh-TW');
    expect(langFromUrl('?lang=en', '#/tv?lang=zh-TW')).toBe('en');
    expect(langFromUrl('?token=x', '#/')).toBeNull();
  });

  it('prefers the address, then the stored choice, then the browser languages, else English', () => {
    const browserZh = { ...none, languages: ['zh-TW', 'en'] };
    expect(negotiateLocale(browserZh)).toBe('zh-TW');
    expect(negotiateLocale({ ...browserZh, stored: 'en' })).toBe('en');
    expect(negotiateLocale({ ...browserZh, stored: 'en', hash: '#/tv?lang=zh-TW' })).toBe('zh-TW');
    expect(negotiateLocale({ ...browserZh, search: '?lang=en' })).toBe('en');
    // An unsupported lang in the address is ignored rather than forcing English.
    expect(negotiateLocale({ ...browserZh, search: '?lang=fr' })).toBe('zh-TW');
    // The first supported browser language wins: French is skipped, Hong Kong Chinese is Traditional.
    expect(negotiateLocale({ ...none, languages: ['fr-FR', 'zh-HK', 'en'] })).toBe('zh-TW');
    expect(negotiateLocale({ ...none, languages: ['zh-CN', 'en-US', 'zh-TW'] })).toBe('en');
    expect(negotiateLocale({ ...none, languages: ['zh-CN'] })).toBe('en');
    expect(negotiateLocale(none)).toBe('en');
  });
});

describe('formatting for the locale with Intl', () => {
  it('shows ratios as percentages with the asked decimals', () => {
    expect(formatPercent('en', 0.8123)).toBe('81%');
    expect(formatPercent('zh-TW', 0.8123, 1)).toBe('81.2%');
    expect(formatPercent('en', null)).toBe('–');
  });

  it('shows numbers with fixed decimals, grouping and an explicit sign where asked', () => {
    expect(formatNumber('en', 1234.56, 1)).toBe('1,234.6');
    expect(formatNumber('zh-TW', 100, 1)).toBe('100.0');
    expect(formatSigned('en', -2, 1)).toBe('\u22122.0');
    expect(formatSigned('zh-TW', 2, 1)).toBe('+2.0');
    expect(formatSigned('en', 0, 1)).toBe('0.0');
    expect(formatSigned('en', null, 1)).toBe('–');
  });

  it('writes a negative with the minus sign U+2212, never a hyphen that reads as a dash on a TV', () => {
    // formatNumber, formatSigned and formatPercent, in both locales, with grouping kept.
    expect(formatNumber('en', -1234.56, 1)).toBe('\u22121,234.6');
    expect(formatNumber('zh-TW', -3)).toBe('\u22123');
    expect(formatSigned('zh-TW', -1.5, 1)).toBe('\u22121.5');
    expect(formatSigned('en', -0.04, 1)).toBe('0.0'); // rounds to zero: no sign at all
    expect(formatNumber('en', -0.04, 1)).toBe('0.0');
    expect(formatNumber('zh-TW', -0)).toBe('0');
    expect(formatPercent('en', -0.0004, 1)).toBe('0.0%');
    expect(formatPercent('en', -0.05)).toBe('\u22125%');
    expect(formatPercent('zh-TW', -0.1234, 1)).toBe('\u221212.3%');
    for (const s of [formatNumber('en', -7), formatSigned('en', -7), formatPercent('zh-TW', -0.07)]) expect(s).not.toContain('-');
  });

  it('shows durations as m:ss and h:mm:ss, and short ones in seconds with the locale unit', () => {
    expect(formatDuration(280)).toBe('4:40'); // 4 × 60 + 40
    expect(formatDuration(3725)).toBe('1:02:05'); // 3600 + 2 × 60 + 5
    expect(formatSeconds('en', 20)).toBe('20s');
    expect(formatSeconds('zh-TW', 20)).toBe('20 秒');
    expect(formatSeconds('zh-TW', 95)).toBe('1:35');
  });

  it('says set lengths of time (targets, grace periods) in seconds, whole minutes or m:ss', () => {
    expect(formatSpan('en', 20)).toBe('20s');
    expect(formatSpan('en', 60)).toBe('1 min');
    expect(formatSpan('zh-TW', 120)).toBe('2 分鐘');
    expect(formatSpan('zh-TW', 90)).toBe('1:30');
  });

  it('shows clock times in the centre time zone, not the machine one', () => {
    const t = Date.parse('2026-11-20T14:05:09+08:00'); // 06:05:09 UTC
    expect(formatClock('zh-TW', t, 'Asia/Taipei', true)).toBe('14:05:09');
    expect(formatClock('en', t, 'Asia/Taipei')).toBe('14:05');
    expect(formatClock('en', t, 'America/New_York')).toBe('01:05'); // UTC−5 in November
  });

  it("writes a moment's date as formatDate does and its time on the 24-hour clock, in both languages", () => {
    const t = Date.parse('2026-11-20T14:05:09+08:00');
    expect(formatDateTime('en', t, 'Asia/Taipei')).toBe('Nov 20, 2026, 14:05:09');
    expect(formatDateTime('zh-TW', t, 'Asia/Taipei')).toBe('2026年11月20日 14:05:09');
    // Five past midnight is 00:05, not 12:05 AM or 24:05.
    expect(formatDateTime('en', Date.parse('2026-11-20T00:05:09+08:00'), 'Asia/Taipei')).toBe('Nov 20, 2026, 00:05:09');
  });

  it('writes dates and zone names in the language', () => {
    expect(formatDate('en', '2026-11-20')).toBe('Nov 20, 2026');
    expect(formatDate('zh-TW', '2026-11-20')).toBe('2026年11月20日');
    // With the weekday, as the day picker writes the day beside a date field the browser formats in its own locale.
    expect(formatWeekdayDate('en', '2026-11-20')).toBe('Fri, Nov 20, 2026');
    expect(formatWeekdayDate('zh-TW', '2026-11-20')).toBe('2026年11月20日週五');
    expect(formatWeekdayDate('zh-TW', 'soon')).toBe('soon');
    expect(formatZoneName('zh-TW', 'Asia/Taipei', Date.parse('2026-11-20T00:00:00Z'))).toBe('台北標準時間');
    expect(formatZoneName('en', 'Not/AZone', 0)).toBe('Not/AZone');
  });
});
