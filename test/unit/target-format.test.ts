import { describe, expect, it } from 'vitest';
import { formatAsaTarget, formatTarget } from '../../client/src/lib/i18n/formatters.ts';

describe('response target format', () => {
  it('says whole hours in hours and anything else as a span', () => {
    expect(formatTarget('en', 86_400)).toBe('24 hr');
    expect(formatTarget('zh-TW', 86_400)).toBe('24 小時');
    expect(formatTarget('en', 3_600)).toBe('1 hr');
    expect(formatTarget('en', 5_400)).toBe('90 min');
    expect(formatTarget('zh-TW', 45)).toBe('45 秒');
  });
});

describe("a client report total's ASA target", () => {
  it('writes a shared target as its queues write theirs: a deferred total in hours, as its rows', () => {
    expect(formatAsaTarget('en', 86_400, true, true)).toBe('24 hr');
    expect(formatAsaTarget('zh-TW', 86_400, true, true)).toBe('24 小時');
    expect(formatAsaTarget('en', 20, true, false)).toBe('20s');
    expect(formatAsaTarget('en', 60, true, false)).toBe('1 min');
  });

  it('writes a call-weighted target to a tenth: (20 x 95 + 30 x 290) / 385 = 27.53 s is 27.5s, not 28s', () => {
    expect(formatAsaTarget('en', 10_600 / 385, false, false)).toBe('27.5s');
    expect(formatAsaTarget('zh-TW', 10_600 / 385, false, false)).toBe('27.5 秒');
    // Two mailboxes of 24 h and 4 h, equally answered: (86,400 + 14,400) / 2 = 50,400 s = 14 h.
    expect(formatAsaTarget('en', 50_400, false, true)).toBe('14 hr');
    // (86,400 x 1 + 14,400 x 2) / 3 = 38,400 s = 10.67 h.
    expect(formatAsaTarget('en', 38_400, false, true)).toBe('10.7 hr');
    // 75 s weighted: m:ss as every duration of a minute or more.
    expect(formatAsaTarget('en', 75, false, false)).toBe('1:15');
  });
});
